"""Encrypted ledger drafts on a real SQLite file: only the clerk who wrote them can read them."""

import sqlite3

import pytest

from kiosk.crypto import get_suite
from kiosk.ledgers import DraftLocked, KdfParams, LedgerBook

FAST = KdfParams(time_cost=1, memory_kib=64)  # same argon2id, test-sized cost


@pytest.fixture(params=["gm", "intl"])
def book(request, tmp_path):
    b = LedgerBook(tmp_path / "ledgers.sqlite3", get_suite(request.param), kdf=FAST)
    yield b
    b.close()


def test_drafts_round_trip_and_stay_unreadable_on_disk(book):
    key = book.unlock("lihua", "xinmima456")
    values = {"name": "韦小宝", "id_number": "450102198001010015", "employment_status": "灵活就业"}
    draft_id = book.save_draft(key, "TZ-LDL", "2026-10", values)
    assert [(d.draft_id, d.values) for d in book.drafts(key)] == [(draft_id, values)]
    # update in place
    book.save_draft(key, "TZ-LDL", "2026-10", {**values, "work_place": "本县"}, draft_id=draft_id)
    assert book.draft(key, draft_id).values["work_place"] == "本县"
    assert book.draft_count("lihua") == 1
    raw = book.path.read_bytes() + book.path.with_name(book.path.name + "-wal").read_bytes()
    for secret in ("韦小宝", "450102198001010015", "灵活就业"):
        assert secret.encode() not in raw
    assert book.discard_draft(key, draft_id) and book.drafts(key) == []


def test_wrong_password_other_clerk_and_moved_rows_do_not_open(book):
    mine = book.unlock("lihua", "xinmima456")
    draft_id = book.save_draft(mine, "TZ-SW", "2026-10", {"deceased_name": "某某"})
    with pytest.raises(DraftLocked):
        book.unlock("lihua", "wrongpass99")
    other = book.unlock("wangwu", "another123")
    assert book.drafts(other) == []
    assert not book.discard_draft(other, draft_id)  # nobody else can drop my draft either
    # a draft row moved to another month does not open (its ciphertext is bound to its row)
    with sqlite3.connect(book.path) as db:
        db.execute("UPDATE drafts SET period = '2026-09' WHERE draft_id = ?", (draft_id,))
    with pytest.raises(DraftLocked):
        book.drafts(mine)


def test_password_change_rekeys_drafts(book):
    old = book.unlock("lihua", "xinmima456")
    book.save_draft(old, "TZ-LDL", "2026-10", {"name": "甲"})
    new = book.rekey(old, "gengxin789")
    assert [d.values for d in book.drafts(new)] == [{"name": "甲"}]
    with pytest.raises(DraftLocked):
        book.unlock("lihua", "xinmima456")
    new.wipe()
    assert new.key == bytearray()


def test_submissions_and_closed_periods(book):
    book.record_submission("t1", "TZ-LDL", "2026-10", "entry")
    book.record_submission("t2", "TZ-LDL", "2026-10", "entry")
    book.record_submission("t2", "TZ-LDL", "2026-10", "entry")  # replayed: counted once
    book.record_submission("t3", "TZ-LDL", "2026-10", "close")
    assert book.entry_counts("2026-10") == {"TZ-LDL": 2}
    assert book.closed_periods() == {("TZ-LDL", "2026-10")}
