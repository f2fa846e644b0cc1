"""The pure item parsers: TLV records, BCD dates, GB18030 names split across 09/4E."""

from __future__ import annotations

import datetime as dt

import pytest

from drivers.card.base import CardDataError
from drivers.card.records import bcd_date, decode_id_number, decode_name, holder_from_items, parse_record

RARE = "欧阳𠮷䶮㑇"


def test_record_value_is_cut_to_its_length():
    assert parse_record(0x07, b"\x07\x03ABCDEF") == b"ABC"


@pytest.mark.parametrize(
    "raw", [b"", b"\x07", b"\x08\x01A", b"\x07\x05AB"], ids=["empty", "no length", "wrong tag", "truncated"]
)
def test_malformed_record_is_a_data_error(raw):
    with pytest.raises(CardDataError):
        parse_record(0x07, raw)


def test_bcd_date():
    assert bcd_date(bytes.fromhex("19491231")) == dt.date(1949, 12, 31)


@pytest.mark.parametrize("raw", ["00000000", "FFFFFFFF"])
def test_empty_optional_date_is_none(raw):
    assert bcd_date(bytes.fromhex(raw), optional=True) is None


@pytest.mark.parametrize("raw", ["19491331", "1949AB31", "194912"])
def test_bad_date_is_a_data_error(raw):
    with pytest.raises(CardDataError):
        bcd_date(bytes.fromhex(raw))


@pytest.mark.parametrize("split", range(0, 14))
def test_rare_name_survives_any_byte_split(split):
    raw = RARE.encode("gb18030")
    assert decode_name(raw[:split].ljust(30, b"\x00"), raw[split:].ljust(20, b"\x00")) == RARE


def test_rare_name_split_mid_character_cannot_be_decoded_apart():
    raw = RARE.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw[:6].decode("gb18030")  # the first half of 𠮷: why 09 and 4E are joined as bytes first
    assert decode_name(raw[:6], raw[6:]) == RARE


def test_name_is_gb18030_not_gbk():
    assert "𠮷".encode("gb18030") == bytes.fromhex("9534B235")
    assert decode_name(bytes.fromhex("9534B235")) == "𠮷"


def test_garbled_name_is_a_data_error():
    with pytest.raises(CardDataError):
        decode_name(b"\x81\x20")


@pytest.mark.parametrize("raw", [b"1234", b"11010519491231002Y", b"1101051949123100\xff2"])
def test_bad_id_number(raw):
    with pytest.raises(CardDataError):
        decode_id_number(raw)


def test_holder_from_items_and_masked_repr():
    items = {
        0x01: bytes.fromhex("110105D15600000599110145FFFFFFFF"),
        0x02: b"3",
        0x03: b"2.00",
        0x04: b"110105000000",
        0x05: bytes.fromhex("20190601"),
        0x06: b"\x00\x00\x00\x00",
        0x07: b"A01234567",
        0x08: b"11010519580307011x",
        0x09: "张三".encode("gb18030").ljust(30, b"\x00"),
        0x0A: b"2",
        0x0B: b"\x04",
        0x0D: bytes.fromhex("19580307"),
    }
    h = holder_from_items(items)
    assert (h.name, h.sex, h.ethnicity, h.birth_date) == ("张三", "女", "藏族", dt.date(1958, 3, 7))
    assert (h.id_number, h.card_version, h.expiry_date, h.region_code) == ("11010519580307011X", "2.00", None, "110105")
    assert "张三" not in repr(h) and "11010519580307011X" not in repr(h)
    assert "张*" in repr(h)


def test_missing_required_item_is_a_data_error():
    with pytest.raises(CardDataError, match="08"):
        holder_from_items({0x03: b"2.00"})
