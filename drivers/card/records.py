"""The 社保卡 basic-data items (EF05 / EF06) and how to turn their bytes into a ``Holder``. Pure: no I/O.

Layout (reference/smartcard.md §1): each item is a TLV record read by tag. Text is GB18030 (not GBK:
rare characters such as 𠮷 are four-byte GB18030 sequences), dates are 4-byte BCD YYYYMMDD.
The name is tag 09 followed by its extension 4E, joined as *bytes* before decoding, because a long or
rare name may be split in the middle of a character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.domain import Holder

from .base import CardDataError


@dataclass(frozen=True)
class Item:
    tag: int
    length: int  # as the spec allots it; the card may answer shorter
    label: str  # for traces and errors: never the value
    personal: bool  # masked in traces
    required: bool = True


EF05_ITEMS: tuple[Item, ...] = (
    Item(0x01, 16, "card identification code", False),
    Item(0x02, 1, "card type", False),
    Item(0x03, 4, "spec version", False),
    Item(0x04, 12, "initialising organisation", False),
    Item(0x05, 4, "issue date", False),
    Item(0x06, 4, "expiry date", False),
    Item(0x07, 9, "card number", True),
)
EF06_ITEMS: tuple[Item, ...] = (
    Item(0x08, 18, "social security number", True),
    Item(0x09, 30, "name", True),
    Item(0x4E, 20, "name extension", True, required=False),  # absent on 1.0 cards
    Item(0x0A, 1, "sex", True),
    Item(0x0B, 1, "ethnicity", True),
    Item(0x0C, 3, "birthplace", True, required=False),
    Item(0x0D, 4, "birth date", True),
)
ITEMS_BY_TAG = {item.tag: item for item in EF05_ITEMS + EF06_ITEMS}

# Padding seen on cards: 00 or FF after the value (and spaces in some text fields).
_PAD = b"\x00\xff"

SEX = {"0": "", "1": "男", "2": "女", "9": ""}

# GB/T 3304 codes of the 56 nationalities, plus 97/98.
ETHNICITIES = ["汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"]
ETHNICITY_BY_CODE = {f"{i:02d}": name + "族" for i, name in enumerate(ETHNICITIES, start=1)}
ETHNICITY_BY_CODE.update({"97": "其他", "98": "外国血统中国籍人士"})


def parse_record(tag: int, data: bytes) -> bytes:
    """The value of one READ RECORD answer: ``tag len value``. Raises CardDataError if malformed."""
    label = ITEMS_BY_TAG[tag].label if tag in ITEMS_BY_TAG else f"tag {tag:02X}"
    if len(data) < 2:
        raise CardDataError(detail=f"{label}: record of {len(data)} bytes")
    if data[0] != tag:
        raise CardDataError(detail=f"{label}: record carries tag {data[0]:02X}")
    length = data[1]
    if len(data) < 2 + length:
        raise CardDataError(detail=f"{label}: record truncated ({len(data) - 2} of {length} bytes)")
    return bytes(data[2 : 2 + length])


def bcd_digits(value: bytes) -> str:
    """Packed BCD → digits. Raises CardDataError on a nibble above 9."""
    text = value.hex().upper()
    if not text.isdigit():
        raise CardDataError(detail="BCD field holds non-digit nibbles")
    return text


def bcd_date(value: bytes, *, optional: bool = False) -> dt.date | None:
    """4-byte BCD YYYYMMDD. All-zero or all-FF means "none" where ``optional`` (e.g. no expiry)."""
    if optional and (not value.strip(b"\x00") or not value.strip(b"\xff")):
        return None
    if len(value) != 4:
        raise CardDataError(detail=f"date of {len(value)} bytes")
    digits = bcd_digits(value)
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError as exc:
        raise CardDataError(detail="date out of range") from exc


def decode_text(value: bytes, label: str) -> str:
    try:
        return value.rstrip(_PAD).decode("gb18030").strip()
    except UnicodeDecodeError as exc:
        raise CardDataError(detail=f"{label}: not GB18030") from exc


def decode_name(base: bytes, extension: bytes = b"") -> str:
    """Tag 09 + tag 4E as bytes, then GB18030. Decoding them apart would break a split character."""
    joined = base.rstrip(_PAD) + extension.rstrip(_PAD)
    name = decode_text(joined, "name")
    if not name or any(ch < " " for ch in name):
        raise CardDataError(detail="name empty or holds control characters")
    return name


def decode_ascii(value: bytes, label: str) -> str:
    text = value.rstrip(_PAD).decode("ascii", errors="replace").strip()
    if not text.isprintable() or "\ufffd" in text:
        raise CardDataError(detail=f"{label}: not printable ASCII")
    return text


def decode_id_number(value: bytes) -> str:
    text = decode_ascii(value, "social security number")
    if not (len(text) in (15, 18) and text[:-1].isdigit() and (text[-1].isdigit() or text[-1] in "Xx")):
        raise CardDataError(detail=f"social security number has an unexpected form ({len(text)} chars)")
    return text.upper()


def holder_from_items(items: Mapping[int, bytes]) -> Holder:
    """Build the Holder from item values by tag (absent optional items may be missing)."""
    missing = [f"{i.tag:02X}" for i in EF05_ITEMS + EF06_ITEMS if i.required and i.tag not in items]
    if missing:
        raise CardDataError(detail=f"items missing: {' '.join(missing)}")
    sex_code = decode_ascii(items[0x0A], "sex")
    ethnicity_code = bcd_digits(items[0x0B]) if items[0x0B] else ""
    ident = items[0x01]
    region = ident[:3].hex() if len(ident) >= 3 and ident[:3].hex().isdigit() else ""
    return Holder(
        id_number=decode_id_number(items[0x08]),
        name=decode_name(items[0x09], items.get(0x4E, b"")),
        sex=SEX.get(sex_code, ""),
        ethnicity=ETHNICITY_BY_CODE.get(ethnicity_code, ""),
        birth_date=bcd_date(items[0x0D]),
        card_number=decode_ascii(items[0x07], "card number"),
        card_version=decode_ascii(items[0x03], "spec version"),
        issue_date=bcd_date(items[0x05], optional=True),
        expiry_date=bcd_date(items[0x06], optional=True),
        region_code=region,
    )
