"""Ledger definitions from the shipped YAML and from broken files; entry checks; due-date reminders."""

import datetime as dt

import pytest

from kiosk.ledgers import LedgerError, by_code, load_ledgers, reminders, validate_entry
from kiosk.ledgers.definitions import BadPeriod, previous_period

GOOD_ID = "450102198001010015"


@pytest.fixture(scope="module")
def ledgers():
    return load_ledgers()


def test_shipped_ledgers_cover_the_guangxi_monthly_duties(ledgers):
    names = {led.code: led.name for led in ledgers}
    assert set(names) == {"TZ-LDL", "TZ-WJY3", "TZ-SW", "TZ-JFTX", "TZ-WCB"}
    ldl = by_code(ledgers, "TZ-LDL")
    # a catalog library field keeps its catalog definition (type, help) in a ledger
    assert ldl.field("id_number").type == "id_number"
    assert ldl.field("employment_status").type == "enum"
    # a library field overridden in place: the deceased's ID is not prefilled from the clerk's card
    assert by_code(ledgers, "TZ-SW").field("deceased_id_number").prefill == ""


def test_labour_force_is_due_on_the_5th_of_the_next_month(ledgers):
    ldl = by_code(ledgers, "TZ-LDL")
    assert ldl.due_date("2026-10") == dt.date(2026, 11, 5)
    assert ldl.due_date("2026-12") == dt.date(2027, 1, 5)
    assert by_code(ledgers, "TZ-JFTX").due_date("2028-02") == dt.date(2028, 2, 29)  # month end, leap year
    with pytest.raises(BadPeriod):
        ldl.due_date("2026-13")
    assert previous_period("2026-01") == "2025-12"


def test_entry_validation_reuses_catalog_rules(ledgers):
    ldl = by_code(ledgers, "TZ-LDL")
    good = {"household_no": "12", "name": "韦小宝", "id_number": GOOD_ID, "employment_status": "灵活就业",
            "training_wish": "无"}
    assert validate_entry(ldl, good) == {}
    bad = {**good, "id_number": GOOD_ID[:-1] + "9", "employment_status": "当老板", "shoe_size": "42"}
    errors = validate_entry(ldl, bad)
    assert set(errors) == {"id_number", "employment_status", "shoe_size"}
    assert GOOD_ID[:-1] not in "".join(errors.values())  # messages never echo the value
    assert validate_entry(ldl, {})["name"] == "请填写姓名"


def test_broken_definition_file_lists_every_problem(tmp_path):
    path = tmp_path / "ledgers.yaml"
    path.write_text("""
sources: {guangxi: x}
ledgers:
  - {code: A, name: 甲, due: {day: 40, month: next}, fields: [name]}
  - {code: B, name: 乙, due: {day: 5, month: next}, fields: [no_such_field], sources: ["nowhere:1"], colour: red}
  - {code: B, name: 丙, due: {day: 5, month: same}, fields: [name, name]}
""", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        load_ledgers(path)
    text = "\n".join(info.value.problems)
    for expected in ("due 应是", "no_such_field", "nowhere:1", "colour", "“name” 重复", "编码重复"):
        assert expected in text
    path.write_text("ledgers: [", encoding="utf-8")
    with pytest.raises(LedgerError, match="YAML"):
        load_ledgers(path)


def test_reminders_through_a_month(ledgers):
    ldl = [by_code(ledgers, "TZ-LDL")]
    # 10 days before the due date: nothing but September, which nobody closed
    assert [r.period for r in reminders(ldl, dt.date(2026, 10, 26), set())] == ["2026-09"]
    assert reminders(ldl, dt.date(2026, 10, 26), {("TZ-LDL", "2026-09")}) == []
    soon = reminders(ldl, dt.date(2026, 11, 2), set())
    assert [(r.period, r.days_left, r.overdue) for r in soon] == [("2026-10", 3, False)]
    assert "11月5日前" in soon[0].text
    assert reminders(ldl, dt.date(2026, 11, 5), set())[0].text.endswith("今天到期，请今天报送")
    late = reminders(ldl, dt.date(2026, 11, 9), set())
    assert late[0].overdue and "已逾期4天" in late[0].text
    assert reminders(ldl, dt.date(2026, 11, 9), {("TZ-LDL", "2026-10")}) == []
    # month-end ledgers: the current month shows in its last week, most urgent first
    both = reminders(ledgers, dt.date(2026, 11, 28), {("TZ-LDL", "2026-10"), ("TZ-SW", "2026-10"),
                                                       ("TZ-WJY3", "2026-10"), ("TZ-JFTX", "2026-10"),
                                                       ("TZ-WCB", "2026-10")})
    assert [(r.ledger_code, r.period, r.days_left) for r in both] == [
        ("TZ-JFTX", "2026-11", 2), ("TZ-WCB", "2026-11", 2),
        ("TZ-LDL", "2026-11", 7), ("TZ-SW", "2026-11", 7), ("TZ-WJY3", "2026-11", 7)]
