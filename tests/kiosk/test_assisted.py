"""帮办 sessions over the real store: both people named in the sealed item and the audit log, consent
required, typed IDs checked, the villager forgotten between people and at logout."""

import datetime as dt
import hashlib

import pytest
from argon2 import PasswordHasher

from kiosk.accounts import AccountStore, Role
from kiosk.assisted import (
    AssistedSession,
    AssistMode,
    ConsentMissing,
    HomeVisit,
    NotForThisChannel,
    NoVillager,
    SessionEnded,
    allowed_for,
    consent_by_form,
    consent_by_signature,
    villager_from_card,
    villager_from_typed,
)
from kiosk.domain import Holder
from kiosk.errors import UserFacingError
from kiosk.pseudonym import pseudonym
from kiosk.store.model import Actor, Attachment
from tests.support.store_kit import new_data_dir, open_item, open_test_store

VILLAGER_ID = "450102195505050025"
CARD = Holder(id_number=VILLAGER_ID, name="黄阿婆", card_number="B12345678", card_version="3.00")


@pytest.fixture
def kiosk(tmp_path):
    data_dir, keys, hub_private = new_data_dir(tmp_path, "intl")
    store = open_test_store(data_dir, keys)
    accounts = AccountStore(tmp_path / "accounts.db", audit=store.audit,
                            hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.add("lihua", Role.CLERK, "李华", "chushi123", by="admin:cli")
    accounts.change_password("lihua", "chushi123", "xinmima456")
    clerk = accounts.authenticate("lihua", "xinmima456")
    yield store, keys, hub_private, clerk
    accounts.close()
    store.close()


def test_full_assisted_application_names_clerk_and_villager(kiosk):
    store, keys, hub_private, clerk = kiosk
    session = AssistedSession(clerk, keys.pseudonym_key, audit=store.audit, clock=lambda: 1_790_000_000.0)
    session.serve(villager_from_card(CARD))
    signature_record = b'{"strokes": [[1, 2, 3]]}'
    session.record_consent(consent_by_signature(signature_record, 1_790_000_000.0))
    txn = session.application("SB-005", "城乡居民养老保险待遇申领", "帮办", {"bank_name": "中国农业银行"},
                              [Attachment("signature_record", "application/json", signature_record)])
    receipt = store.enqueue(txn)

    doc = open_item(store.sealed_item(receipt.txn_id), hub_private, keys.device_id)
    villager_ref = pseudonym(VILLAGER_ID, keys.pseudonym_key)
    assert doc["meta"]["actor"] == "clerk" and doc["meta"]["clerk_ref"] == "clerk:lihua"
    assert doc["meta"]["actor_ref"] == villager_ref and doc["meta"]["assisted"] is True
    block = doc["payload"]["assisted"]
    assert block["clerk"]["display_name"] == "李华" and block["mode"] == "帮办"
    assert block["consent"]["evidence_sha256"] == hashlib.sha256(signature_record).hexdigest()
    assert doc["payload"]["holder"]["name"] == "黄阿婆"
    assert session.receipt_lines() == ["办理方式：帮办", "经办协管员：李华（lihua）"]

    records = store.audit_records()
    started = [r for r in records if r.event == "assisted.started"]
    assert [(r.actor, r.actor_ref, r.outcome) for r in started] == [("clerk", "clerk:lihua", villager_ref)]
    enq = [r for r in records if r.event == "txn.enqueued"]
    assert [(r.actor, r.actor_ref) for r in enq] == [("clerk", villager_ref)]
    # the log never holds the villager's ID number or name in clear
    flat = repr([r.as_dict() for r in records])
    assert VILLAGER_ID not in flat and "黄阿婆" not in flat
    assert store.verify_audit().ok


def test_home_visit_with_authorisation_form(kiosk):
    store, keys, hub_private, clerk = kiosk
    session = AssistedSession(clerk, keys.pseudonym_key, audit=store.audit)
    villager = villager_from_typed(" 45010219550505002x ".replace("x", "5"), "黄阿婆", today=dt.date(2026, 11, 23))
    with pytest.raises(UserFacingError):
        session.serve(villager, AssistMode.HOME_VISIT)  # a home visit needs its date
    session.serve(villager, AssistMode.HOME_VISIT, HomeVisit(dt.date(2026, 11, 20), "卧床，材料当场拍照"))
    form = b"\xff\xd8 a photographed authorisation form \xff\xd9"
    session.record_consent(consent_by_form(form, 1_790_000_000.0))
    receipt = store.enqueue(session.application("SB-009", "参保人员死亡待遇申领", "自助", {}))
    doc = open_item(store.sealed_item(receipt.txn_id), hub_private, keys.device_id)
    block = doc["payload"]["assisted"]
    assert block["mode"] == "上门办" and block["home_visit"]["visited_on"] == "2026-11-20"
    assert block["identified_by"] == "typed" and block["consent"]["method"] == "authorisation_form"
    assert [a["name"] for a in doc["attachments"]] == ["consent_form"]
    assert session.receipt_lines()[0] == "办理方式：上门办"


def test_consent_and_villager_are_required_and_forgotten(kiosk):
    store, keys, _hub, clerk = kiosk
    session = AssistedSession(clerk, keys.pseudonym_key, audit=store.audit)
    with pytest.raises(NoVillager):
        session.application("SB-005", "x", "帮办", {})
    session.serve(villager_from_card(CARD))
    with pytest.raises(ConsentMissing):
        session.application("SB-005", "x", "帮办", {})
    session.record_consent(consent_by_signature(b"sig", 0))
    with pytest.raises(NotForThisChannel):
        session.application("CK-001", "x", "窗口", {})
    assert "黄阿婆" not in repr(session) and VILLAGER_ID not in repr(session)  # masked
    session.next_villager()
    assert session.consent is None
    with pytest.raises(NoVillager):
        session.villager  # noqa: B018
    session.serve(villager_from_card(CARD))
    session.end("idle_timeout")
    assert session.ended and session.served == 2
    with pytest.raises(SessionEnded):
        session.serve(villager_from_card(CARD))
    ended = [r for r in store.audit_records() if r.event == "assisted.session_ended"]
    assert [(r.actor_ref, r.outcome) for r in ended] == [("clerk:lihua", "idle_timeout")]


def test_typed_id_needs_the_right_check_digit():
    with pytest.raises(UserFacingError) as info:
        villager_from_typed("450102195505050026", "黄阿婆")
    assert "450102195505050026" not in info.value.message + info.value.detail
    with pytest.raises(UserFacingError):
        villager_from_typed(VILLAGER_ID, "")
    assert villager_from_typed(VILLAGER_ID, "黄阿婆").holder.identity_confirmed is False


def test_channel_rules():
    assert allowed_for("自助", assisted=False) and allowed_for("自助", assisted=True)
    assert allowed_for("帮办", assisted=True) and not allowed_for("帮办", assisted=False)
    assert not allowed_for("窗口", assisted=True)


def test_sessions_audit_under_the_clerk_actor():
    calls = []
    clerk = type("C", (), {"username": "u1", "display_name": "王", "actor_ref": "clerk:u1"})()
    s = AssistedSession(clerk, b"k" * 32, audit=lambda *a: calls.append(a))
    s.serve(villager_from_card(CARD))
    assert calls[0][0] == Actor.CLERK and calls[0][2] == "assisted.started"


def test_assist_turns_a_villager_flow_item_into_an_assisted_one():
    clerk = type("C", (), {"username": "u1", "display_name": "王五", "actor_ref": "clerk:u1"})()
    s = AssistedSession(clerk, b"k" * 32)
    from kiosk.store.model import ItemKind, Transaction

    rating = Transaction(ItemKind.RATING, "SB-001", {"level": 4}, actor_ref="p:self")
    with pytest.raises(NoVillager):
        s.assist(rating)
    s.serve(villager_from_card(CARD))
    s.record_consent(consent_by_form(b"form-jpeg", 0))
    out = s.assist(rating)
    assert (out.actor, out.clerk_ref, out.assisted) == (Actor.CLERK, "clerk:u1", True)
    assert out.actor_ref == pseudonym(VILLAGER_ID, b"k" * 32) and out.payload["level"] == 4
    assert out.payload["assisted"]["clerk"]["display_name"] == "王五"
    assert [a.name for a in out.attachments] == ["consent_form"] and rating.payload == {"level": 4}
