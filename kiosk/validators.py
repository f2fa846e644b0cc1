"""Checks for the values a villager types: pure functions, each returning a plain-Chinese error or None.

The UI (while the villager types) and the hub (before it accepts an item) run the same checks, so they
live in the core with no dependencies. Messages never echo the value: it may be an ID or card number.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

# GB 11643-1999 §8.2: weights 2^(17-i) mod 11 for the 17 body digits; the sum mod 11 picks the check char.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_BODY = re.compile(r"^[1-9]\d{16}[0-9X]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_DIGITS = re.compile(r"^\d+$")
# Han (incl. rare extension planes), the middle dot of minority names, and Latin letters for foreign names.
_NAME = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•A-Za-z ]+$")


def normalize(value: str) -> str:
    """What the checks see: full-width digits/letters folded, spaces around removed."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in value)
    return folded.replace("\u3000", " ").strip()


def id_check_char(body17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(body17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(id_number: str) -> dt.date | None:
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def check_id_number(value: str, *, today: dt.date | None = None) -> str | None:
    v = normalize(value).upper()
    if len(v) == 15 and _DIGITS.match(v):
        return "请使用18位身份证号码（旧的15位号码请到窗口办理）"
    if len(v) != 18:
        return "身份证号码应为18位"
    if not _ID_BODY.match(v):
        return "身份证号码只能是数字，最后一位可以是X"
    birth = id_birth_date(v)
    if birth is None or birth > (today or dt.date.today()) or birth.year < 1900:
        return "身份证号码中的出生日期不对，请核对"
    if id_check_char(v[:17]) != v[17]:
        return "身份证号码有误，请逐位核对"
    return None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_bank_card(value: str) -> str | None:
    v = normalize(value).replace(" ", "")
    if not _DIGITS.match(v):
        return "银行卡号只能是数字"
    if not 12 <= len(v) <= 19:
        return "银行卡号应为12到19位数字"
    if not luhn_ok(v):
        return "银行卡号有误，请逐位核对"
    return None


def check_phone(value: str, *, mobile_only: bool = False) -> str | None:
    v = normalize(value).replace(" ", "")
    if _MOBILE.match(v):
        return None
    if not mobile_only and _LANDLINE.match(v):
        return None
    return "请填写11位手机号码" if mobile_only else "请填写11位手机号码或带区号的固定电话"


def parse_date(value: str) -> dt.date | None:
    """2024-03-07, 2024/3/7, 2024年3月7日 or 20240307."""
    v = normalize(value)
    m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", v) or re.match(r"^(\d{4})(\d{2})(\d{2})$", v)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def check_date(value: str, *, when: str = "any", today: dt.date | None = None) -> str | None:
    """``when``: "past" (today allowed), "future" (today allowed) or "any"."""
    d = parse_date(value)
    if d is None:
        return "日期格式不对，请按“年-月-日”填写，例如 2024-03-07"
    today = today or dt.date.today()
    if d.year < 1900:
        return "日期太早，请核对"
    if when == "past" and d > today:
        return "这个日期不能晚于今天"
    if when == "future" and d < today:
        return "这个日期不能早于今天"
    return None


def check_amount(value: str, *, minimum: Decimal | None = None, maximum: Decimal | None = None) -> str | None:
    v = normalize(value).replace(",", "").replace("，", "").removesuffix("元")
    try:
        amount = Decimal(v)
    except InvalidOperation:
        return "金额只能填数字，例如 200 或 200.50"
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        return "金额最多保留两位小数"
    if amount < (minimum if minimum is not None else Decimal(0)):
        return f"金额不能小于{minimum if minimum is not None else 0}元"
    if maximum is not None and amount > maximum:
        return f"金额不能大于{maximum}元"
    return None


def check_number(value: str, *, minimum: int | None = None, maximum: int | None = None) -> str | None:
    v = normalize(value)
    if not re.match(r"^-?\d+$", v):
        return "请填写整数"
    n = int(v)
    if minimum is not None and n < minimum:
        return f"不能小于{minimum}"
    if maximum is not None and n > maximum:
        return f"不能大于{maximum}"
    return None


def check_name(value: str) -> str | None:
    v = normalize(value)
    if not 1 <= len(v) <= 30:
        return "姓名应为1到30个字"
    if not _NAME.match(v):
        return "姓名只能是汉字（少数民族姓名可用“·”）"
    return None


def check_text(value: str, *, min_length: int = 0, max_length: int = 200) -> str | None:
    v = normalize(value)
    if len(v) < min_length:
        return f"至少填写{min_length}个字"
    if len(v) > max_length:
        return f"最多填写{max_length}个字"
    if any(ord(c) < 32 for c in v):
        return "内容里有无法识别的字符"
    return None
