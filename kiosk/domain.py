"""Core domain records shared by drivers, the store and the UI. Pure data, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰: the form used on screens, receipts and logs."""
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(id_number: str) -> str:
    """110101199003071234 → 110101********1234."""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


@dataclass(frozen=True)
class Holder:
    """The card holder as read from a 社保卡 (EF05/EF06). ``repr`` is masked so it can never leak to a log."""

    id_number: str
    name: str
    sex: str = ""  # "男" / "女" / ""
    ethnicity: str = ""
    birth_date: dt.date | None = None
    card_number: str = ""
    card_version: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    region_code: str = ""
    identity_confirmed: bool = True  # False on the third-generation offline fallback
    extra: dict = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return (
            f"Holder(name={mask_name(self.name)!r}, id_number={mask_id_number(self.id_number)!r}, "
            f"card_version={self.card_version!r})"
        )

    __str__ = __repr__

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)
