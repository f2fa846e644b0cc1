"""Each field check with good and bad values; the check digit and Luhn against independent examples."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import validators as v

TODAY = dt.date(2026, 11, 23)


def independent_check_char(body: str) -> str:
    # GB 11643 written out the long way: weight = 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 → X
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    c = (12 - total % 11) % 11
    return "X" if c == 10 else str(c)


@pytest.mark.parametrize("good", ["11010519491231002X", "11010519491231002x", "  11010519491231002X "])
def test_id_number_standard_example_passes(good):
    assert v.check_id_number(good, today=TODAY) is None


@pytest.mark.parametrize("body", ["11010519900307123", "50010620010101002", "45010219551231777", "14083020200229000"])
def test_id_check_char_matches_independent_formula(body):
    assert v.id_check_char(body) == independent_check_char(body)
    good = body + v.id_check_char(body)
    assert v.check_id_number(good, today=TODAY) is None
    wrong = body + ("0" if good[-1] != "0" else "1")
    assert v.check_id_number(wrong, today=TODAY) == "身份证号码有误，请逐位核对"


@pytest.mark.parametrize("bad, message", [
    ("11010519491231002", "身份证号码应为18位"),
    ("110105491231002", "请使用18位身份证号码（旧的15位号码请到窗口办理）"),
    ("1101051949123100AX", "身份证号码只能是数字，最后一位可以是X"),
    ("110105194902301234", "身份证号码中的出生日期不对，请核对"),   # 30 February
    ("110105203001011234", "身份证号码中的出生日期不对，请核对"),   # born in the future
    ("110105194912310021", "身份证号码有误，请逐位核对"),
])
def test_id_number_bad_values(bad, message):
    assert v.check_id_number(bad, today=TODAY) == message


def test_full_width_digits_are_folded():
    assert v.check_id_number("１１０１０５１９４９１２３１００２Ｘ", today=TODAY) is None


def test_luhn_reference_numbers():
    assert v.luhn_ok("79927398713")
    assert not v.luhn_ok("79927398710")


@pytest.mark.parametrize("good", ["6228480402564890018", "4111 1111 1111 1111", "6217002710000684874"])
def test_bank_card_good(good):
    assert v.check_bank_card(good) is None


@pytest.mark.parametrize("bad, message", [
    ("6228480402564890019", "银行卡号有误，请逐位核对"),
    ("62284804", "银行卡号应为12到19位数字"),
    ("6228-4804-0256", "银行卡号只能是数字"),
])
def test_bank_card_bad(bad, message):
    assert v.check_bank_card(bad) == message


@pytest.mark.parametrize("good", ["13812345678", "19912345678", "023-65731387", "02368183778"])
def test_phone_good(good):
    assert v.check_phone(good) is None


@pytest.mark.parametrize("bad", ["12812345678", "1381234567", "138123456789", "65731387", "abc"])
def test_phone_bad(bad):
    assert v.check_phone(bad) is not None


def test_mobile_only_refuses_landline():
    assert v.check_phone("023-65731387", mobile_only=True) == "请填写11位手机号码"


@pytest.mark.parametrize("text, expected", [
    ("2024-03-07", dt.date(2024, 3, 7)), ("2024/3/7", dt.date(2024, 3, 7)),
    ("2024年3月7日", dt.date(2024, 3, 7)), ("20240307", dt.date(2024, 3, 7)),
    ("2024-02-30", None), ("07-03-2024", None), ("昨天", None),
])
def test_parse_date(text, expected):
    assert v.parse_date(text) == expected


def test_date_ranges():
    assert v.check_date("2026-11-23", when="past", today=TODAY) is None
    assert v.check_date("2026-11-24", when="past", today=TODAY) == "这个日期不能晚于今天"
    assert v.check_date("2026-11-22", when="future", today=TODAY) == "这个日期不能早于今天"
    assert v.check_date("1899-12-31", today=TODAY) == "日期太早，请核对"
    assert v.check_date("2024-13-01", today=TODAY).startswith("日期格式不对")


@pytest.mark.parametrize("good", ["200", "200.5", "1,500.00", "300元"])
def test_amount_good(good):
    assert v.check_amount(good, maximum=Decimal(2000)) is None


@pytest.mark.parametrize("bad, message", [
    ("20.005", "金额最多保留两位小数"), ("-1", "金额不能小于0元"), ("两百", "金额只能填数字，例如 200 或 200.50"),
    ("2000.01", "金额不能大于2000元"), ("NaN", "金额最多保留两位小数"),
])
def test_amount_bad(bad, message):
    assert v.check_amount(bad, maximum=Decimal(2000)) == message


def test_number_bounds():
    assert v.check_number("3", minimum=1, maximum=20) is None
    assert v.check_number("0", minimum=1) == "不能小于1"
    assert v.check_number("21", maximum=20) == "不能大于20"
    assert v.check_number("2.5") == "请填写整数"


@pytest.mark.parametrize("good", ["张三", "阿依古丽·买买提", "𠮷野家", "王䶮"])
def test_name_good(good):
    assert v.check_name(good) is None


@pytest.mark.parametrize("bad", ["", "张3", "x" * 31, "张三!"])
def test_name_bad(bad):
    assert v.check_name(bad) is not None


def test_text_lengths():
    assert v.check_text("好", min_length=2) == "至少填写2个字"
    assert v.check_text("好" * 5, max_length=4) == "最多填写4个字"
    assert v.check_text("地址\x00") == "内容里有无法识别的字符"
    assert v.check_text("重庆市高新区含谷镇") is None


# --- properties: the check digit catches every single-digit slip and every adjacent swap of unequal digits

bodies = st.builds(
    lambda region, y, m, d, seq: f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}",
    st.integers(110000, 659999), st.integers(1920, 2020), st.integers(1, 12), st.integers(1, 28),
    st.integers(0, 999),
)


@settings(max_examples=200, deadline=None)
@given(bodies, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(body, pos, delta):
    good = body + v.id_check_char(body)
    assert v.check_id_number(good, today=TODAY) is None
    changed = body[:pos] + str((int(body[pos]) + delta) % 10) + body[pos + 1:] + good[17]
    assert v.check_id_number(changed, today=TODAY) is not None


@settings(max_examples=200, deadline=None)
@given(bodies, st.integers(0, 15))
def test_adjacent_swaps_are_caught(body, pos):
    if body[pos] == body[pos + 1]:
        return
    good = body + v.id_check_char(body)
    swapped = body[:pos] + body[pos + 1] + body[pos] + body[pos + 2:] + good[17]
    assert v.check_id_number(swapped, today=TODAY) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=18), st.integers(0, 11), st.integers(1, 9))
def test_luhn_catches_any_single_digit_change(digits, pos, delta):
    check = next(str(c) for c in range(10) if v.luhn_ok(digits + str(c)))
    card = digits + check
    changed = card[:pos] + str((int(card[pos]) + delta) % 10) + card[pos + 1:]
    assert v.luhn_ok(card) and not v.luhn_ok(changed)
