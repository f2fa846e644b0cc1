"""Document profiles: what a material looks like on paper, so rectify knows its true shape and size budget.

The catalog maps each required material to one of these ids; keep the ids stable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentProfile:
    id: str
    title: str  # plain Chinese, for hints and the diagnostic screen
    width_mm: float | None  # None: free (keep the detected shape)
    height_mm: float | None
    output_width_px: int  # rectified width of the long side when landscape, short side when portrait
    max_bytes: int  # encoded size budget of the rectified image
    enhance_text: bool = False  # whiten the paper and darken ink (paper documents, not cards with photos)

    @property
    def aspect(self) -> float | None:
        """Long side / short side, or None for a free profile."""
        if not self.width_mm or not self.height_mm:
            return None
        return max(self.width_mm, self.height_mm) / min(self.width_mm, self.height_mm)


_ID1 = (85.6, 54.0)  # ISO/IEC 7810 ID-1: resident ID card and bank cards

PROFILES: dict[str, DocumentProfile] = {
    p.id: p
    for p in (
        DocumentProfile("id_card_front", "身份证人像面", *_ID1, output_width_px=1012, max_bytes=300_000),
        DocumentProfile("id_card_back", "身份证国徽面", *_ID1, output_width_px=1012, max_bytes=300_000),
        DocumentProfile("bank_card", "银行卡", *_ID1, output_width_px=1012, max_bytes=300_000),
        DocumentProfile("hukou_page", "户口簿页", 143.0, 105.0, output_width_px=1600, max_bytes=600_000,
                        enhance_text=True),
        DocumentProfile("a4", "A4 文件", 297.0, 210.0, output_width_px=2339, max_bytes=900_000, enhance_text=True),
        DocumentProfile("free", "其他材料", None, None, output_width_px=2000, max_bytes=900_000),
    )
}


def get_profile(profile_id: str) -> DocumentProfile:
    try:
        return PROFILES[profile_id]
    except KeyError:
        raise ValueError(f"unknown document profile {profile_id!r}; known: {', '.join(PROFILES)}") from None
