"""我的查询 in the running app: virtual card + PIN, answers from a real hub on loopback, a 参保证明
printed through a real cupsd whose QR the hub verifies, offline said plainly, and the wipe."""

from __future__ import annotations

import pytest

from drivers.card.virtual import VirtualCardReader
from drivers.printer.cups import CupsPrinter
from kiosk.events import EventHub
from sync.client import identity
from sync.client.query import OFFLINE_QUERY
from tests.support.cups import (
    pdf_qr_values,
    pdf_text,
    private_cups,  # noqa: F401  (fixture)
)
from tests.support.hub import REPO, HubProcess
from tests.ui.support import find, make_app, tap
from ui.app import Parts
from ui.bridges.query import NO_PRINTER
from ui.tour import wait_until

PROOF_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    h = HubProcess(tmp_path_factory.mktemp("hub"))
    try:
        h.start()
        h.cli("records", "import", str(REPO / "assets" / "queries" / "demo-records.json"))
        yield h
    finally:
        h.close()


@pytest.fixture
def reader():
    events = EventHub()
    r = VirtualCardReader(events)
    r.start()
    try:
        yield r, events
    finally:
        r.stop()


def start(tmp_path, reader, *, hub=None, printer=None):
    card_reader, events = reader
    if hub is not None:
        identity.enrol(tmp_path / "data", hub.url, hub.token("示范村"), "intl")
    app = make_app(tmp_path, Parts(card_reader=card_reader, printer=printer), events=events)
    card_reader.insert("v2")
    wait_until(lambda: app.controller.hasCard)
    return app


def login(qtbot, app, pin="123456") -> None:
    tap(qtbot, app, "queryEntry")
    wait_until(lambda: find(app, "queryPinPad") is not None)
    with qtbot.waitSignal(app.queries.finished, timeout=10_000):
        app.queries.verifyPin(pin)


def test_pin_then_answers_then_a_printed_proof_the_hub_verifies(qtbot, tmp_path, reader, hub,
                                                                private_cups):  # noqa: F811
    queue = private_cups.add_queue("proofs")
    app = start(tmp_path, reader, hub=hub, printer=CupsPrinter(queue.name, server=private_cups.server))
    try:
        login(qtbot, app)
        assert app.queries.screen == "QueryHome"
        with qtbot.waitSignal(app.queries.finished, timeout=20_000) as got:
            tap(qtbot, app, "query_contributions")
        assert got.args == ["contributions"]
        wait_until(lambda: find(app, "queryRows") is not None)
        titles = [r["title"] for r in app.queries.rows]
        assert "城乡居民基本养老保险" in titles and "2025 年" in titles
        tap(qtbot, app, "queryBack")
        with qtbot.waitSignal(app.queries.finished, timeout=PROOF_TIMEOUT_MS) as got:
            tap(qtbot, app, "queryPrintProof")
        assert got.args == ["proof"], app.queries.message
        assert app.queries.printStatus == "参保证明已打印，请取走"
        [pdf_file] = queue.outputs()
        pdf = pdf_file.read_bytes()
        assert "社会保险参保证明" in pdf_text(pdf, tmp_path)
        [qr] = pdf_qr_values(pdf, tmp_path)
        assert qr == app.queries.proofQr
        checked = hub.cli("verify-qr", qr, check=False)
        assert checked.returncode == 0 and "核验通过" in checked.stdout, checked.stdout + checked.stderr
        forged = qr.replace("|SB-004|", "|SB-005|")
        assert hub.cli("verify-qr", forged, check=False).returncode == 1
    finally:
        app.close()


def test_wrong_pin_is_said_and_card_removal_wipes_every_answer(qtbot, tmp_path, reader, hub):
    app = start(tmp_path, reader, hub=hub)
    try:
        login(qtbot, app, pin="000000")
        assert app.queries.screen == "QueryPin" and "还可以再试 2 次" in app.queries.pinMessage
        with qtbot.waitSignal(app.queries.finished, timeout=10_000):
            app.queries.verifyPin("123456")
        with qtbot.waitSignal(app.queries.finished, timeout=20_000):
            app.queries.ask("card_status")
        assert app.queries.rows and "正常" in app.queries.rows[0]["lines"][0]
        assert app.queries.desk.answers.kinds() == ["card_status"]
        app.controller.openTile("social")  # the kiosk moves on (a tile, 回首页): 我的查询 steps aside
        wait_until(lambda: app.queries.screen == "")
        app.queries.open()  # back in: the PIN of this session still counts
        assert app.queries.screen == "QueryHome"
        with qtbot.waitSignal(app.queries.finished, timeout=PROOF_TIMEOUT_MS) as got:
            app.queries.printProof()  # no printer here: the proof is shown on screen, QR and all
        assert got.args == ["proof"] and app.queries.printStatus == NO_PRINTER
        wait_until(lambda: find(app, "queryProofQr") is not None)
        assert find(app, "queryProofQr").property("visible") is True
        assert "核验通过" in hub.cli("verify-qr", app.queries.proofQr).stdout
        reader[0].remove()
        wait_until(lambda: app.controller.session is None)
        assert app.queries.screen == "" and app.queries.rows == []
        assert app.queries.desk.answers.kinds() == [] and app.queries.desk.answers.identity is None
        assert find(app, "queryRows") is None and find(app, "queryEntry").property("visible") is False
    finally:
        app.close()


def test_offline_terminal_says_so_and_shows_nothing(qtbot, tmp_path, reader):
    app = start(tmp_path, reader)  # never enrolled: no hub to ask
    try:
        login(qtbot, app)
        with qtbot.waitSignal(app.queries.finished, timeout=10_000) as got:
            app.queries.ask("applications")
        assert got.args == ["error"]
        assert app.queries.message == OFFLINE_QUERY and app.queries.rows == []
        wait_until(lambda: find(app, "queryMessage") is not None)
        assert find(app, "queryMessage").property("text") == OFFLINE_QUERY
    finally:
        app.close()
