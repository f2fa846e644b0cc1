"""A clerk's month on the real store: login (good, wrong, locked, released), a labour-force draft, the
due-date reminder, entries and the month's close, then statistics that match what the test queued."""

import datetime as dt

import pytest
from argon2 import PasswordHasher

from kiosk.accounts import (
    MAX_FAILURES,
    AccountLocked,
    AccountStore,
    LoginFailed,
    PasswordChangeRequired,
    Role,
)
from kiosk.assisted import AssistedSession, consent_by_signature, villager_from_card
from kiosk.domain import Holder
from kiosk.ledgers import (
    EntryInvalid,
    KdfParams,
    LedgerBook,
    by_code,
    close_period,
    load_ledgers,
    monthly_statistics,
    record_rating_level,
    reminders,
    statistics_transaction,
    submit_entry,
)
from kiosk.ledgers.statistics import CONSULT_EVENT
from kiosk.store.model import ItemKind, Transaction
from tests.support.store_kit import new_data_dir, open_item, open_test_store


class Clock:
    def __init__(self, day: dt.datetime):
        self.now = day.timestamp()

    def __call__(self) -> float:
        return self.now

    def set(self, day: dt.datetime) -> None:
        self.now = day.timestamp()


MEMBERS = [
    {"household_no": "07", "name": "韦小宝", "id_number": "450102198001010015", "employment_status": "已就业（外出务工）",
     "work_place": "广东东莞", "training_wish": "无"},
    {"household_no": "07", "name": "韦春花", "id_number": "450102196006060039", "employment_status": "有就业意愿暂未就业",
     "training_wish": "有", "training_trade_opt": "育婴员"},
]


@pytest.fixture
def month(tmp_path):
    clock = Clock(dt.datetime(2026, 11, 2, 9, 0))  # local time: 3 days before the October report is due
    data_dir, keys, hub_private = new_data_dir(tmp_path, "gm")
    store = open_test_store(data_dir, keys, clock=clock)
    accounts = AccountStore(tmp_path / "accounts.db", audit=store.audit, clock=clock,
                            hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    book = LedgerBook(tmp_path / "ledgers.sqlite3", store.suite, clock=clock, kdf=KdfParams(time_cost=1, memory_kib=64))
    yield clock, store, keys, hub_private, accounts, book
    book.close()
    accounts.close()
    store.close()


def test_clerk_login_good_wrong_locked_released(month):
    clock, store, _keys, _hub, accounts, book = month
    accounts.add("lihua", Role.CLERK, "李华", "chushi123", by="admin:cli")
    with pytest.raises(PasswordChangeRequired):
        accounts.authenticate("lihua", "chushi123")
    accounts.change_password("lihua", "chushi123", "xinmima456")
    assert accounts.authenticate("lihua", "xinmima456").display_name == "李华"
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            accounts.authenticate("lihua", "guess0000")
    with pytest.raises(AccountLocked):
        accounts.authenticate("lihua", "guess0000")
    with pytest.raises(AccountLocked):  # the right password does not help while locked
        accounts.authenticate("lihua", "xinmima456")
    clock.now += 16 * 60
    clerk = accounts.authenticate("lihua", "xinmima456")
    assert book.unlock(clerk.username, "xinmima456").username == "lihua"
    outcomes = [r.outcome for r in store.audit_records() if r.event == "login"]
    assert outcomes == ["ok", "ok", "ok", *["bad_password"] * (MAX_FAILURES - 1), "locked_now", "locked", "ok"]


def test_a_ledger_month_with_reminder_and_statistics(month):
    clock, store, keys, hub_private, accounts, book = month
    ledgers = load_ledgers()
    ldl = by_code(ledgers, "TZ-LDL")
    accounts.add("lihua", Role.CLERK, "李华", "chushi123", by="admin:cli")
    accounts.change_password("lihua", "chushi123", "xinmima456")
    clerk = accounts.authenticate("lihua", "xinmima456")
    key = book.unlock("lihua", "xinmima456")

    # the home screen on 2 November: October's labour-force report is due on the 5th
    today = dt.date.fromtimestamp(clock())
    due = [r for r in reminders(ledgers, today, book.closed_periods()) if r.ledger_code == "TZ-LDL"]
    assert [(r.period, r.days_left) for r in due] == [("2026-10", 3)]

    # one member half-filled and kept as a draft, finished later; the other entered at once
    draft_id = book.save_draft(key, "TZ-LDL", "2026-10", {"name": MEMBERS[0]["name"]})
    with pytest.raises(EntryInvalid) as info:
        submit_entry(store, book, clerk, ldl, "2026-10", book.draft(key, draft_id).values)
    assert "id_number" in info.value.errors and store.list_items() == []
    first = submit_entry(store, book, clerk, ldl, "2026-10", MEMBERS[0], draft=(key, draft_id))
    submit_entry(store, book, clerk, ldl, "2026-10", MEMBERS[1])
    assert book.drafts(key) == []
    closing = close_period(store, book, clerk, ldl, "2026-10")
    assert ("TZ-LDL", "2026-10") not in {(r.ledger_code, r.period) for r in
                                           reminders(ledgers, today, book.closed_periods())}

    doc = open_item(store.sealed_item(first.txn_id), hub_private, keys.device_id)
    assert doc["payload"]["entry"]["name"] == "韦小宝" and doc["payload"]["clerk"]["display_name"] == "李华"
    assert doc["meta"]["kind"] == "ledger" and doc["meta"]["clerk_ref"] == "clerk:lihua"
    close_doc = open_item(store.sealed_item(closing.txn_id), hub_private, keys.device_id)
    assert close_doc["payload"]["entries"] == 2 and close_doc["payload"]["due"] == "2026-11-05"

    # November's service: 3 applications (one 帮办, one on the spot), 2 consultations, 3 ratings
    clock.set(dt.datetime(2026, 11, 16, 10, 0))
    queued = [store.enqueue(Transaction(ItemKind.APPLICATION, code, {"form": {}}, actor_ref=f"p:v{i}"))
              for i, code in enumerate(["SB-001", "JY-002", "SB-QUERY"])]
    store.audit("villager", "p:v9", CONSULT_EVENT, "ok", {"service_code": "SB-001"})
    session = AssistedSession(clerk, keys.pseudonym_key, audit=store.audit, clock=clock)
    session.serve(villager_from_card(Holder(id_number="450102195505050025", name="黄阿婆")))
    session.record_consent(consent_by_signature(b"sig", clock()))
    store.enqueue(session.application("SB-005", "养老待遇申领", "帮办", {}))
    for level, ref in ((5, "p:v0"), (4, "p:v1"), (2, "p:v2")):
        store.enqueue(Transaction(ItemKind.RATING, "SB-001", {"level": level}, actor_ref=ref))
        record_rating_level(store.audit, level, "SB-001", ref)
    store.apply_receipts([(queued[0].txn_id, "accepted", "")])
    clock.set(dt.datetime(2026, 12, 1, 9, 0))  # October's and December's work stays out of November

    stats = monthly_statistics("2026-11", store.list_items(1000), store.audit_records(),
                               query_codes={"SB-QUERY"}, on_the_spot_codes={"JY-002"})
    assert (stats.consultations, stats.acceptances, stats.completions, stats.delivered, stats.assisted) == (2, 3, 1, 1, 1)
    assert stats.ratings == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1} and stats.satisfaction == pytest.approx(2 / 3)
    assert stats.rated == 3 and stats.ledger_items == 3  # October's report was entered on 2 November
    assert "咨询 2 次，受理 3 件，当场办结 1 件" in stats.lines()
    october = monthly_statistics("2026-10", store.list_items(1000), store.audit_records())
    assert october.acceptances == 0 and october.ledger_items == 0

    sent = store.enqueue(statistics_transaction(stats, "示范村", clerk.actor_ref))
    doc = open_item(store.sealed_item(sent.txn_id), hub_private, keys.device_id)
    assert doc["payload"]["acceptances"] == 3 and doc["payload"]["village"] == "示范村"
    assert doc["meta"]["kind"] == "statistics"
    assert store.verify_audit().ok
