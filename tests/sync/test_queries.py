"""Online queries against a real hub on loopback: each kind end to end, the identity proof (PIN, holder),
lifetime and replay, a slow / down hub, status changes made with the hub's admin CLI, and the wipe."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import socket
import subprocess

import pytest

from drivers.card.base import PinBlocked
from drivers.card.virtual import VirtualCardReader
from kiosk.events import EventHub
from kiosk.queries import Identity, SessionAnswers
from kiosk.store.model import ItemKind, Transaction
from sync import query as q
from sync.client.query import OFFLINE_QUERY, SLOW_QUERY, QueryClient, QueryDesk, QueryFailed
from sync.hub import cli as hub_cli
from tests.support.hub import REPO
from tests.sync.rig import make_rig

ZHANG_ID, ZHANG_CARD = "110105195803070113", "A01234567"
LIU_ID = "431121197105090429"


@pytest.fixture(scope="module")
def records(hub):
    out = hub.cli("records", "import", str(REPO / "assets" / "queries" / "demo-records.json")).stdout
    assert "imported 4 people" in out
    return hub


@pytest.fixture(scope="module")
def rig(tmp_path_factory, records):
    """One enrolled kiosk for the module: queries leave no state on it but the audit log."""
    r = make_rig(tmp_path_factory.mktemp("kiosk"), records)
    try:
        yield r
    finally:
        r.close()


@pytest.fixture
def reader():
    r = VirtualCardReader(EventHub())
    r.start()
    try:
        yield r
    finally:
        r.stop()


def clerk(rig, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``kiosk-hub ARGS`` in this process (a subprocess per call costs seconds of imports on 2 cores)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = hub_cli.main(["--data-dir", str(rig.hub.folder), *args])
    if check and code:
        raise AssertionError(f"kiosk-hub {args} exited {code}: {err.getvalue()}")
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def audit_log(rig):
    return [(a.event.removeprefix("query."), a.outcome, a.actor_ref) for a in rig.outbox.audit_records()
            if a.event.startswith("query.")]


def make_client(rig, url=None, timeout_s=5.0):
    def audit(kind: str, outcome: str) -> None:
        rig.outbox.audit("villager", "p:test", f"query.{kind}", outcome, {})

    return QueryClient(rig.link(url or rig.hub.url), timeout_s=timeout_s, audit=audit)


def login(reader, desk: QueryDesk, card: str, pin: str) -> bool:
    """What the UI does: read the card, VERIFY the PIN on the card, hand only the outcome to the desk."""
    reader.insert(card)
    holder = reader.read_holder()
    identity = Identity.from_holder(holder, dt.datetime.now(dt.UTC))
    result = reader.verify_pin(pin)
    if result.ok:
        desk.begin(identity.with_pin(dt.datetime.now(dt.UTC)))
    return result.ok


def proof(id_number=ZHANG_ID, card=ZHANG_CARD, pin=True) -> q.CardProof:
    now = q.iso(dt.datetime.now(dt.UTC))
    return q.CardProof(card_number=card, id_number=id_number, card_read_at=now, pin_verified=pin,
                       pin_verified_at=now if pin else "")


def submit_application(rig, service_code="SB-001", name="城乡居民养老保险参保登记") -> str:
    payload = {"service_name": name, "form": {},
               "holder": {"id_number": ZHANG_ID, "name": "张三", "card_number": ZHANG_CARD, "card_version": "2.00"}}
    receipt = rig.outbox.enqueue(Transaction(ItemKind.APPLICATION, service_code, payload))
    result = rig.client(url=rig.hub.url).drain()
    assert result.accepted >= 1
    return receipt.acceptance_no


def test_each_query_kind_end_to_end_after_card_and_pin(rig, reader):
    client = make_client(rig)
    desk = QueryDesk(client, SessionAnswers())
    assert login(reader, desk, "v2", "123456")
    contributions = desk.ask("contributions").answer
    assert contributions.holder_name == "张三"
    years = [c.year for c in contributions.contributions]
    assert years[0] == 2012 and years[-1] == 2025 and all(c.months == 12 for c in contributions.contributions)
    benefits = desk.ask("benefits").answer.benefits
    assert benefits[0].status == "正常发放" and benefits[0].monthly_amount == pytest.approx(213.5)
    card = desk.ask("card_status").answer.card
    assert card.status == "正常" and card.card_number_masked == "A0*****67"
    acceptance_no = submit_application(rig)
    apps = desk.ask("applications").answer.applications
    mine = [a for a in apps if a.acceptance_no == acceptance_no]
    assert mine and mine[0].status == "受理" and mine[0].service_name == "城乡居民养老保险参保登记"
    assert mine[0].time_limit_days > 0 and 0 < mine[0].days_left <= mine[0].time_limit_days
    assert desk.answers.kinds() == ["applications", "benefits", "card_status", "contributions"]
    outcomes = [(kind, o) for kind, o, _who in audit_log(rig)]
    assert outcomes == [("contributions", "answered"), ("benefits", "answered"), ("card_status", "answered"),
                        ("applications", "answered")]
    assert "张三" not in repr(audit_log(rig)) and ZHANG_ID not in repr(audit_log(rig))  # no answer content
    client.close()


def test_wrong_pin_sends_nothing_and_blocked_card_says_so(rig, reader):
    client = make_client(rig)
    desk = QueryDesk(client, SessionAnswers())
    assert not login(reader, desk, "v2", "000000")
    with pytest.raises(QueryFailed) as err:
        desk.ask("contributions")
    assert err.value.code == "no_pin" and "密码" in err.value.message
    with pytest.raises(PinBlocked) as blocked:
        login(reader, desk, "blocked", "123456")
    assert "锁定" in blocked.value.message
    assert rig.proxy.seen.requests == []  # nothing left the kiosk
    # and the hub refuses a proof without VERIFY even when a kiosk sends one
    with pytest.raises(QueryFailed) as err:
        client.send(q.new_query(rig.state.device_id, "contributions", proof(pin=False)))
    assert err.value.code == "refused" and "密码" in err.value.message
    client.close()


def test_another_persons_records_are_refused(rig):
    client = make_client(rig)
    request = q.new_query(rig.state.device_id, "contributions", proof())
    forged = request.model_copy(update={"subject_id_number": LIU_ID})
    with pytest.raises(QueryFailed) as err:
        client.send(forged)
    assert err.value.code == "refused" and "本人" in err.value.message
    client.close()


def test_replayed_and_expired_queries_are_refused(rig):
    client = make_client(rig)
    request = q.new_query(rig.state.device_id, "card_status", proof())
    assert client.send(request).answer.card.status == "正常"
    with pytest.raises(QueryFailed) as err:
        client.send(request)
    assert err.value.code == "refused" and "replay" in err.value.detail
    old = q.new_query(rig.state.device_id, "card_status", proof(),
                      now=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=q.MAX_LIFETIME_S + 5))
    with pytest.raises(QueryFailed) as err:
        client.send(old)
    assert "过期" in err.value.message
    too_long = q.new_query(rig.state.device_id, "card_status", proof(), lifetime_s=3600)
    with pytest.raises(QueryFailed) as err:
        client.send(too_long)
    assert err.value.code == "refused" and "expired" in err.value.detail
    client.close()


def test_a_tampered_query_fails_its_signature(rig):
    client = make_client(rig, url=rig.proxy.url)
    rig.proxy.plan("tamper_request")
    with pytest.raises(QueryFailed) as err:
        client.send(q.new_query(rig.state.device_id, "card_status", proof()))
    assert err.value.code == "refused" and "签名" in err.value.message
    client.close()


def test_slow_hub_times_out_with_a_clear_message(rig):
    client = make_client(rig, url=rig.proxy.url, timeout_s=0.8)
    rig.proxy.plan("timeout")
    with pytest.raises(QueryFailed) as err:
        client.ask("contributions", proof())
    assert err.value.code == "timeout" and err.value.message == SLOW_QUERY
    assert audit_log(rig)[-1] == ("contributions", "timeout", "p:test")
    client.close()


def test_hub_down_and_offline(rig):
    client = make_client(rig, url=rig.proxy.url)
    rig.proxy.plan("html_503")
    with pytest.raises(QueryFailed) as err:
        client.ask("contributions", proof())
    assert err.value.code == "hub_down" and "维护" in err.value.message
    client.close()
    with socket.socket() as s:  # a port nobody listens on: the line is down
        s.bind(("127.0.0.1", 0))
        dead = f"https://127.0.0.1:{s.getsockname()[1]}"
    client = make_client(rig, url=dead)
    answers = SessionAnswers()
    desk = QueryDesk(client, answers)
    desk.begin(Identity(ZHANG_CARD, ZHANG_ID, dt.datetime.now(dt.UTC), dt.datetime.now(dt.UTC)))
    with pytest.raises(QueryFailed) as err:
        desk.ask("contributions")
    assert err.value.code == "offline" and err.value.message == OFFLINE_QUERY
    assert answers.kinds() == []  # nothing stale to show
    client.close()
    with pytest.raises(QueryFailed) as err:
        QueryDesk(None, answers).ask("contributions")  # not enrolled at all
    assert err.value.code in ("no_pin", "not_enrolled")


def test_status_changes_at_the_hub_are_visible_on_the_kiosk(rig):
    client = make_client(rig)
    acceptance_no = submit_application(rig, "SB-002", "城乡居民养老保险续保")

    def status() -> q.ApplicationStatus:
        apps = client.ask("applications", proof()).answer.applications
        return next(a for a in apps if a.acceptance_no == acceptance_no)

    assert status().status == "受理"
    bad = clerk(rig, "status", "set", acceptance_no, "办结", check=False)
    assert bad.returncode == 1 and "不能从" in bad.stderr
    assert "受理 → 审核" in clerk(rig, "status", "set", acceptance_no, "审核", "--clerk", "K01").stdout
    assert status().status == "审核"
    no_reason = clerk(rig, "status", "set", acceptance_no, "退回", check=False)
    assert no_reason.returncode == 1 and "原因" in no_reason.stderr
    clerk(rig, "status", "set", acceptance_no, "退回", "--reason", "缺少户口簿首页")
    returned = status()
    assert returned.status == "退回" and returned.reason == "缺少户口簿首页"
    assert [h.status for h in returned.history] == ["受理", "审核", "退回"]
    done = submit_application(rig, "SB-002", "城乡居民养老保险续保")
    clerk(rig, "status", "set", done, "审核")
    clerk(rig, "status", "set", done, "办结", "--result", "已核准，次月起续保")
    apps = {a.acceptance_no: a for a in client.ask("applications", proof()).answer.applications}
    assert apps[done].status == "办结" and apps[done].result == "已核准，次月起续保" and apps[done].days_left == 0
    client.close()


def test_the_wipe_leaves_no_answer(rig, reader):
    client = make_client(rig)
    answers = SessionAnswers()
    desk = QueryDesk(client, answers)
    assert login(reader, desk, "v2", "123456")
    desk.ask("contributions")
    desk.ask("card_status")
    assert answers.get("contributions") is not None
    desk.wipe()
    assert answers.kinds() == [] and answers.identity is None and answers.get("contributions") is None
    assert "张三" not in repr(answers)
    with pytest.raises(QueryFailed):
        desk.ask("contributions")  # the next villager must log in again
    client.close()
