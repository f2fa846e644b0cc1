"""The diagnostic screen in the real app on virtual devices: technician login, every panel, pulling the
camera out (failure shown, material services disabled, a ticket filed), the touch grid. Screenshots go to
build/test-artefacts/diag/ for a look by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.camera.service import DocumentCamera
from drivers.camera.virtual import VirtualCamera
from drivers.card.virtual import VirtualCardReader
from drivers.printer.virtual import VirtualPrinter
from drivers.sigpad.virtual import VirtualSigpad
from kiosk.accounts import AccountStore
from kiosk.accounts.cli import ACCOUNTS_DB
from kiosk.config import Config, replace
from kiosk.events import EventHub
from tests.support.store_kit import new_data_dir, open_test_store
from tests.ui.support import find, make_app
from ui.app import Parts

ARTEFACTS = Path(__file__).resolve().parents[3] / "build" / "test-artefacts" / "diag"
PASSWORD = "Kiosk-Tech-2026!"


@pytest.fixture
def app(qtbot, tmp_path):
    events = EventHub()
    data_dir = tmp_path / "data"
    _, keys, _hub = new_data_dir(data_dir, "intl")
    store = open_test_store(data_dir, keys, create=True)
    accounts = AccountStore(data_dir / ACCOUNTS_DB)
    accounts.add("tech1", "technician", "测试技术员", "Initial-Pass-2026!")
    accounts.change_password("tech1", "Initial-Pass-2026!", PASSWORD)
    accounts.add("clerk1", "clerk", "测试协管员", "Initial-Pass-2026!")
    accounts.change_password("clerk1", "Initial-Pass-2026!", PASSWORD)
    accounts.close()
    reader = VirtualCardReader(events, read_timeout_s=1.0)
    reader.start()
    source = VirtualCamera(fps=30)
    source.show_document("a4")
    camera = DocumentCamera(source, events, reopen_interval=0.2)
    pad = VirtualSigpad(events, time_scale=0.2)
    parts = Parts(card_reader=reader, camera=camera, sigpad=pad, printer=VirtualPrinter(tmp_path / "printed"),
                  store=store, extra_closers=[reader.stop, camera.close, pad.close, store.close])
    config = replace(Config(), kiosk={"demo": True})
    kiosk_app = make_app(tmp_path, parts, config=config, events=events)
    yield kiosk_app
    kiosk_app.close()


def _idle(qtbot, diag, timeout=30_000):
    qtbot.waitUntil(lambda: not diag.busy, timeout=timeout)


def _panel(diag, device):
    return next(p for p in diag.panels if p["device"] == device)


def _shot(app, name):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    assert app.window.grabWindow().save(str(ARTEFACTS / f"{name}.png"))


def test_technician_runs_every_panel_breaks_the_camera_and_files_a_ticket(qtbot, app):
    diag, kiosk = app.diag, app.controller
    kiosk.openDiag()
    qtbot.waitUntil(lambda: find(app, "diagLogin") is not None and find(app, "diagLogin").isVisible())
    _shot(app, "1-login")

    diag.login("clerk1", PASSWORD)
    _idle(qtbot, diag)
    assert diag.technician == "" and diag.message == "该账号没有设备诊断权限"
    diag.login("tech1", "wrong-password")
    _idle(qtbot, diag)
    assert diag.technician == "" and "用户名或密码错误" in diag.message
    diag.login("tech1", PASSWORD)
    _idle(qtbot, diag)
    assert diag.technician == "technician:tech1"

    diag.runAll()
    _idle(qtbot, diag, 60_000)
    statuses = {p["device"]: p["status"] for p in diag.panels}
    assert statuses["card"] == "ok" and statuses["camera"] == "ok" and statuses["printer"] == "ok", diag.panels
    assert statuses["sigpad"] == "ok" and statuses["storage"] == "ok" and statuses["touch"] == "skip", [
        (p["device"], line) for p in diag.panels for line in p["lines"] if line["status"] == "fail"]
    assert find(app, "diagPanel_camera") is not None
    _shot(app, "2-all-panels")

    assert "camera" in diag.demoDevices
    diag.toggleDevice("camera")
    _idle(qtbot, diag)
    camera_panel = _panel(diag, "camera")
    assert camera_panel["status"] == "fail" and "未连接" in camera_panel["lines"][0]["summary"]
    qtbot.waitUntil(lambda: "高拍仪" in kiosk.property("unavailableText"))
    _shot(app, "3-camera-unplugged")

    diag.fileTicket("camera", "高拍仪拔出测试")
    _idle(qtbot, diag)
    assert "故障工单已保存" in diag.message
    [ticket] = [i for i in app.parts.store.list_items() if i.kind == "ticket"]
    assert ticket.service_code == "TICKET-camera"

    diag.sendApdu("00 A4 04 00")
    _idle(qtbot, diag)
    assert diag.message == "请插入社保卡"  # no card: a plain answer, no crash

    diag.toggleDevice("camera")
    _idle(qtbot, diag)
    assert _panel(diag, "camera")["status"] == "ok"


def test_touch_grid_reports_dead_zones_until_every_cell_is_touched(qtbot, app):
    diag = app.diag
    cells = len(diag.touchCells)
    for index in range(cells - 2):
        diag.touchCell(index)
    diag.touchCell(cells + 5)  # a stray index is ignored
    diag.runPanel("touch")
    _idle(qtbot, diag)
    assert _panel(diag, "touch")["status"] == "fail" and "2个区域" in _panel(diag, "touch")["lines"][0]["summary"]
    diag.touchCell(cells - 2)
    diag.touchCell(cells - 1)
    diag.runPanel("touch")
    _idle(qtbot, diag)
    assert _panel(diag, "touch")["status"] == "ok"
