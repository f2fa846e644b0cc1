"""Flat textures of fake documents (ID card front/back, bank card, 户口簿 page, A4 certificate) for the
virtual camera: Chinese text, tables, a photo box, stamps. Fake data only. Rendered once per (kind, variant)
with Pillow and cached by the ``DocumentTextures`` instance that owns them.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
_HANZI = ("中华人民共和国居民身份证户口登记簿社会保障卡养老保险医疗失业工伤生育就业培训证明材料村镇县市省"
          "姓名性别民族出生年月日住址公民号码签发机关有效期限长期汉族男女常住人口登记卡户主关系籍贯文化程度"
          "服务处所职业兵役状况婚姻血型身高承办人签章登记事项变更更正记载")
_FAKE_NAMES = ("张三丰", "李小梅", "王建国", "赵春花", "刘德明", "陈秀英")

# Pixels per millimetre of each texture: enough detail for a 2× full-resolution still.
_KIND_MM = {
    "id_card_front": (85.6, 54.0, 10),
    "id_card_back": (85.6, 54.0, 10),
    "bank_card": (85.6, 54.0, 10),
    "hukou_page": (105.0, 143.0, 7),
    "a4": (210.0, 297.0, 4),
}
KINDS = tuple(_KIND_MM)


def texture_size_mm(kind: str) -> tuple[float, float]:
    w, h, _ = _KIND_MM[kind]
    return w, h


class DocumentTextures:
    """Renders and caches document textures as BGRA numpy arrays (alpha carries rounded card corners).

    ``keep``: how many textures to cache, the most recently used (None: all 20, for test sets of scenes).
    A texture takes 10-30 ms to render; the fonts it was drawn with are let go once it is done (each size
    is a FreeType face on its own mapping of the 19 MB CJK font)."""

    def __init__(self, font_path: str = FONT_PATH, *, keep: int | None = None):
        self._font_path = font_path
        self._keep = keep
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}
        self._cache: dict[tuple[str, int], np.ndarray] = {}

    def get(self, kind: str, variant: int = 0) -> np.ndarray:
        key = (kind, variant % 4)
        texture = self._cache.pop(key, None)
        if texture is None:
            texture = self._render(kind, variant % 4)
            self._fonts.clear()
        self._cache[key] = texture  # last in the dict = most recently used
        while self._keep is not None and len(self._cache) > self._keep:
            del self._cache[next(iter(self._cache))]
        return texture

    def cached(self) -> list[tuple[str, int]]:
        """The (kind, variant) of the textures held, least recently used first."""
        return list(self._cache)

    def _font(self, px: int) -> ImageFont.FreeTypeFont:
        if px not in self._fonts:
            self._fonts[px] = ImageFont.truetype(self._font_path, px)
        return self._fonts[px]

    def _render(self, kind: str, variant: int) -> np.ndarray:
        w_mm, h_mm, ppm = _KIND_MM[kind]
        w, h = int(w_mm * ppm), int(h_mm * ppm)
        rng = random.Random(f"{kind}:{variant}")
        painter = getattr(self, f"_paint_{kind}")
        image = Image.new("RGB", (w, h), (255, 255, 255))
        painter(ImageDraw.Draw(image), w, h, rng)
        alpha = Image.new("L", (w, h), 0)
        radius = int(3.18 * ppm) if kind in ("id_card_front", "id_card_back", "bank_card") else 0
        ImageDraw.Draw(alpha).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
        rgba = np.dstack([np.asarray(image)[:, :, ::-1], np.asarray(alpha)])
        return np.ascontiguousarray(rgba)

    def _text_lines(self, draw, rng, x, y, width, rows, px, colour=(40, 40, 40), gap=1.7):
        font = self._font(px)
        for r in range(rows):
            n = rng.randint(max(2, width // px // 2), max(3, width // px))
            draw.text((x, y + r * px * gap), "".join(rng.choice(_HANZI) for _ in range(n)), font=font, fill=colour)

    def _card_base(self, draw, w, h, rng, top, bottom):
        for yy in range(h):  # vertical tint, like the printed security background
            t = yy / h
            draw.line([(0, yy), (w, yy)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))
        for _ in range(40):
            cx, cy, r = rng.randint(0, w), rng.randint(0, h), rng.randint(20, 120)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(200, 215, 230), width=1)

    def _paint_id_card_front(self, draw, w, h, rng):
        self._card_base(draw, w, h, rng, (236, 242, 248), (222, 233, 240))
        labels = ("姓名", "性别", "出生", "住址")
        for i, label in enumerate(labels):
            draw.text((50, 50 + i * 90), label, font=self._font(30), fill=(70, 110, 160))
            value = rng.choice(_FAKE_NAMES) if i == 0 else "".join(rng.choice(_HANZI) for _ in range(rng.randint(2, 9)))
            draw.text((140, 46 + i * 90), value, font=self._font(36), fill=(20, 20, 20))
        draw.text((50, 440), "公民身份号码", font=self._font(30), fill=(70, 110, 160))
        draw.text((250, 436), "".join(str(rng.randint(0, 9)) for _ in range(18)), font=self._font(38), fill=(20, 20, 20))
        draw.rectangle((590, 60, 800, 330), fill=(200, 205, 215))  # portrait photo box
        draw.ellipse((640, 90, 750, 210), fill=(120, 100, 90))
        draw.pieslice((600, 200, 790, 400), 180, 360, fill=(60, 60, 80))

    def _paint_id_card_back(self, draw, w, h, rng):
        self._card_base(draw, w, h, rng, (240, 244, 236), (226, 236, 230))
        draw.ellipse((50, 40, 200, 190), outline=(200, 30, 30), width=10)  # emblem stand-in
        draw.regular_polygon((125, 115, 40), 5, fill=(220, 40, 40))
        draw.text((260, 60), "中华人民共和国", font=self._font(48), fill=(30, 30, 30))
        draw.text((300, 140), "居民身份证", font=self._font(60), fill=(30, 30, 30))
        draw.text((150, 360), "签发机关   某某县公安局", font=self._font(30), fill=(30, 30, 30))
        draw.text((150, 430), f"有效期限   20{rng.randint(10, 24)}.01.01-长期", font=self._font(30), fill=(30, 30, 30))

    def _paint_bank_card(self, draw, w, h, rng):
        palettes = (((20, 60, 140), (10, 30, 80)), ((170, 20, 30), (90, 10, 20)),
                    ((20, 110, 80), (5, 50, 40)), ((200, 160, 60), (140, 100, 30)))
        top, bottom = palettes[rng.randrange(len(palettes))]
        for yy in range(h):
            t = yy / h
            draw.line([(0, yy), (w, yy)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))
        draw.rounded_rectangle((90, 170, 210, 260), radius=12, fill=(215, 185, 100))  # chip
        draw.text((60, 50), "农村信用合作社  社会保障卡", font=self._font(40), fill=(250, 250, 250))
        digits = " ".join("".join(str(rng.randint(0, 9)) for _ in range(4)) for _ in range(4))
        draw.text((80, 320), digits, font=self._font(52), fill=(240, 240, 240))
        draw.text((80, 430), rng.choice(_FAKE_NAMES), font=self._font(36), fill=(240, 240, 240))

    def _paint_hukou_page(self, draw, w, h, rng):
        draw.rectangle((0, 0, w, h), fill=(250, 246, 236))
        draw.text((w // 2 - 180, 30), "常住人口登记卡", font=self._font(56), fill=(30, 30, 30))
        left, right, top, rows = 40, w - 40, 130, 13
        row_h = (h - top - 60) // rows
        for r in range(rows + 1):
            draw.line([(left, top + r * row_h), (right, top + r * row_h)], fill=(120, 60, 60), width=2)
        for x in (left, left + 160, w // 2, w // 2 + 160, right):
            draw.line([(x, top), (x, top + rows * row_h)], fill=(120, 60, 60), width=2)
        font = self._font(26)
        for r in range(rows):
            for x in (left + 10, left + 170, w // 2 + 10, w // 2 + 170):
                n = rng.randint(2, 5)
                draw.text((x, top + r * row_h + 12), "".join(rng.choice(_HANZI) for _ in range(n)), font=font,
                          fill=(40, 40, 40))
        cx, cy = rng.randint(w // 2, w - 140), rng.randint(h // 2, h - 140)
        draw.ellipse((cx - 100, cy - 100, cx + 100, cy + 100), outline=(210, 40, 40), width=8)  # 户口专用章

    def _paint_a4(self, draw, w, h, rng):
        draw.rectangle((0, 0, w, h), fill=(253, 253, 250))
        draw.rectangle((30, 30, w - 30, h - 30), outline=(170, 140, 60), width=6)  # certificate border
        draw.text((w // 2 - 200, 90), "证 明", font=self._font(80), fill=(20, 20, 20))
        self._text_lines(draw, rng, 90, 250, w - 180, 14, 30)
        draw.rectangle((90, 800, w - 90, 1000), outline=(60, 60, 60), width=2)  # a small table
        for k in range(1, 4):
            draw.line([(90, 800 + k * 50), (w - 90, 800 + k * 50)], fill=(60, 60, 60), width=2)
        cx, cy = w - 220, h - 190
        draw.ellipse((cx - 90, cy - 90, cx + 90, cy + 90), outline=(210, 40, 40), width=7)
        draw.text((cx - 120, cy + 100), "二〇二六年十一月", font=self._font(28), fill=(30, 30, 30))
