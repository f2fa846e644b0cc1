"""The pure parts of online queries: the hub's checks on a query, one application's status view, the
CSV import, the countdown text. No network, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.queries import SessionAnswers, days_left_text
from sync import query as q
from sync.hub.queries import QueryRefused, application_view, check_query, person_key
from sync.hub.queries_cli import read_records

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
ID = "110105195803070113"


def card(**changes) -> q.CardProof:
    base = {"card_number": "A01234567", "id_number": ID, "card_read_at": q.iso(NOW), "pin_verified": True,
            "pin_verified_at": q.iso(NOW)}
    return q.CardProof(**(base | changes))


def request(**changes) -> q.QueryRequest:
    return q.new_query("K0001", "contributions", card(), now=NOW).model_copy(update=changes)


def test_a_fresh_query_by_the_card_holder_passes():
    check_query(request(), "K0001", NOW + dt.timedelta(seconds=5))


@pytest.mark.parametrize(("changes", "at", "code"), [
    ({}, NOW + dt.timedelta(seconds=q.MAX_LIFETIME_S + 1), "expired"),
    ({"expires_at": q.iso(NOW + dt.timedelta(hours=1))}, NOW, "expired"),
    ({"issued_at": q.iso(NOW + dt.timedelta(minutes=5)),
      "expires_at": q.iso(NOW + dt.timedelta(minutes=5, seconds=30))}, NOW, "expired"),
    ({"card": card(pin_verified=False, pin_verified_at="")}, NOW, "no_pin"),
    ({"card": card(pin_verified=True, pin_verified_at="")}, NOW, "no_pin"),
    ({"subject_id_number": "431121197105090429"}, NOW, "not_holder"),
    ({"device_id": "K0002"}, NOW, "bad_request"),
])
def test_refusals(changes, at, code):
    with pytest.raises(QueryRefused) as err:
        check_query(request(**changes), "K0001", at)
    assert err.value.code == code and err.value.message


def test_the_proof_never_carries_a_pin_field():
    with pytest.raises(ValueError):
        q.CardProof(**(card().model_dump() | {"pin": "123456"}))


def app_row(service_code="SB-001", received="2026-11-10T09:00:00+00:00"):
    return {"acceptance_no": "SL1", "service_code": service_code, "received_at": received,
            "created_at": received, "payload": {"service_name": "参保登记"}}


def test_application_view_counts_down_and_shows_the_result():
    today = dt.date(2026, 11, 23)
    fresh = application_view(app_row(), [], {"SB-001": 20}, today)
    assert (fresh.status, fresh.deadline, fresh.days_left) == ("受理", "2026-11-30", 7)
    overdue = application_view(app_row(), [], {"SB-001": 5}, today)
    assert overdue.days_left == -8 and "超期8天" in days_left_text(overdue.days_left, overdue.status, False)
    returned = application_view(app_row(), [
        {"status": "审核", "at": "2026-11-11", "reason": "", "result": ""},
        {"status": "退回", "at": "2026-11-12", "reason": "缺少材料", "result": ""}], {}, today)
    assert returned.status == "退回" and returned.reason == "缺少材料" and returned.days_left == 0
    assert returned.time_limit_days == 20  # the default when the catalog does not know the service
    assert [h.status for h in returned.history] == ["受理", "审核", "退回"]
    done = application_view(app_row(), [{"status": "办结", "at": "x", "reason": "", "result": ""}], {}, today)
    assert done.result == "已办结" and days_left_text(0, "办结", True) == "已办结"


def test_csv_records_merge_per_person(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("id_number,name,scheme,year,months,amount\n"
                    f"{ID},张三,城乡居民基本养老保险,2024,12,300\n"
                    f"{ID},张三,城乡居民基本养老保险,2025,6,200\n", encoding="utf-8")
    [person] = read_records(path)
    assert [c["year"] for c in person["contributions"]] == [2024, 2025]
    assert person["enrolments"] == [{"scheme": "城乡居民基本养老保险", "status": "正常参保", "since": "2024-01",
                                     "months_paid": 18}]
    assert person_key(ID.lower()) == person_key(ID)


def test_session_answers_wipe_and_repr():
    answers = SessionAnswers()
    answers.put("contributions", {"name": "张三"})
    assert "张三" not in repr(answers) and answers.kinds() == ["contributions"]
    answers.wipe()
    assert answers.kinds() == [] and answers.get("contributions") is None
