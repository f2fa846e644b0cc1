"""我的查询 in the running app: virtual card + PIN, answers from a real hub on loopback, a 参保证明,
权益记录单, 缴费凭证 and 待遇权益单 printed through a real cupsd (or shown on screen) whose QR the hub
verifies, offline said plainly, and the wipe."""

from __future__ import annotations

import pytest

from drivers.card.virtual import VirtualCardReader
from drivers.printer.cups import CupsPrinter
from kiosk.events import EventHub
from kiosk.receipt_code import ReceiptCode, build_receipt_code, parse_receipt_code
from sync.client import identity
from sync.client.query import OFFLINE_QUERY
from tests.support.cups import (
    pdf_qr_values,
    pdf_text,
    private_cups,  # noqa: F401  (fixture)
)
from tests.support.hub import REPO, HubProcess
from tests.ui.support import find, limits_for, make_app, tap
from ui.app import Parts
from ui.bridges.query import NO_PRINTER
from ui.tour import wait_until
from ui.walker import walk

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


def walk_clean(app, screen: str) -> None:
    """The accessibility walker over a query screen: sizes, contrast, targets, a spoken prompt."""
    wait_until(lambda: app.controller.spoken.get(screen))
    app.window.grabWindow()
    problems = walk(app.window, screen, app.controller.spoken[screen], limits_for(app))
    assert not problems, "\n".join(map(str, problems))


def verified(hub, qr: str) -> str:
    checked = hub.cli("verify-qr", qr, check=False)
    assert checked.returncode == 0 and "核验通过" in checked.stdout, checked.stdout + checked.stderr
    return checked.stdout


def test_record_and_a_year_voucher_print_from_the_answer_and_the_hub_verifies_them(qtbot, tmp_path, reader, hub,
                                                                                   private_cups):  # noqa: F811
    queue = private_cups.add_queue("statements")
    app = start(tmp_path, reader, hub=hub, printer=CupsPrinter(queue.name, server=private_cups.server))
    try:
        login(qtbot, app)
        with qtbot.waitSignal(app.queries.finished, timeout=20_000):
            tap(qtbot, app, "query_contributions")
        assert app.queries.prints == [{"key": "record"}]
        wait_until(lambda: find(app, "queryPrint_record") is not None)
        walk_clean(app, "QueryResult")

        with qtbot.waitSignal(app.queries.finished, timeout=PROOF_TIMEOUT_MS) as got:
            tap(qtbot, app, "queryPrint_record")
        assert got.args == ["record"], app.queries.message
        assert app.queries.printStatus == "社会保险个人权益记录单已打印，请取走"
        [pdf_file] = queue.outputs()
        text = "".join(pdf_text(pdf_file.read_bytes(), tmp_path).split())
        assert "社会保险个人权益记录单" in text and "姓名：张*" in text and "张三" not in text
        assert "2012城乡居民基本养老保险12300.0040.00" in text and "110105195803070113" not in text
        [qr] = pdf_qr_values(pdf_file.read_bytes(), tmp_path)
        assert qr == app.queries.proofQr and "个人权益记录单" in verified(hub, qr)
        wait_until(lambda: find(app, "queryProofTitle") is not None)
        assert find(app, "queryProofTitle").property("text") == "社会保险个人权益记录单"
        walk_clean(app, "QueryProof")

        # a code signed by this kiosk but for a service its number was not issued for is refused
        code, _, _ = parse_receipt_code(qr)
        other = build_receipt_code(ReceiptCode(code.acceptance_no, code.device_id, "SB-025", code.issued_on),
                                   app.queries.sign)
        assert hub.cli("verify-qr", other, check=False).returncode == 1

        tap(qtbot, app, "queryProofBack")  # back to the answer the record came from
        wait_until(lambda: app.queries.screen == "QueryResult" and find(app, "queryVoucher_2024") is not None)
        with qtbot.waitSignal(app.queries.finished, timeout=PROOF_TIMEOUT_MS) as got:
            app.queries.printDocument("voucher", 2024)
        assert got.args == ["voucher"] and app.queries.printStatus == "养老保险参保缴费凭证已打印，请取走"
        voucher = next(f for f in queue.outputs() if f != pdf_file).read_bytes()
        text = "".join(pdf_text(voucher, tmp_path).split())
        assert "姓名：张三" in text and "公民身份号码：110105195803070113" in text and "缴费年度：2024年" in text
        assert "2024城乡居民基本养老保险12600.0040.00" in text and "2023城乡" not in text
        [qr] = pdf_qr_values(voucher, tmp_path)
        assert "缴费凭证" in verified(hub, qr)
    finally:
        app.close()


def test_benefit_statement_without_a_printer_is_shown_on_screen_and_wiped(qtbot, tmp_path, reader, hub):
    app = start(tmp_path, reader, hub=hub)
    try:
        login(qtbot, app)
        with qtbot.waitSignal(app.queries.finished, timeout=20_000):
            app.queries.ask("benefits")
        assert app.queries.prints == [{"key": "benefit"}]
        with qtbot.waitSignal(app.queries.finished, timeout=PROOF_TIMEOUT_MS) as got:
            tap(qtbot, app, "queryPrint_benefit")
        assert got.args == ["benefit"]
        assert app.queries.printStatus == "本终端未配置打印机，养老待遇权益单已显示在屏幕上"
        assert any("213.50" in line for row in app.queries.rows for line in row["lines"])
        wait_until(lambda: find(app, "queryProofQr") is not None)
        assert find(app, "queryProofQr").property("visible") is True
        assert parse_receipt_code(app.queries.proofQr)[0].service_code == "SB-025"
        assert "待遇权益单" in verified(hub, app.queries.proofQr)
        reader[0].remove()
        wait_until(lambda: app.controller.session is None)
        assert app.queries.screen == "" and app.queries.rows == [] and app.queries.proofQr == ""
        assert app.queries.prints == []
    finally:
        app.close()
