"""The idle health monitor: a camera giving black frames disables only the services that need materials,
files one ticket, and recovers; nothing runs while a villager is at the terminal."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from drivers.camera.service import DocumentCamera
from drivers.camera.virtual import VirtualCamera
from kiosk.diag import Check, Status
from kiosk.events import DeviceStateChanged, EventHub
from kiosk.store.model import ItemKind
from ui.diag.camera_checks import camera_checks
from ui.diag.monitor import HealthMonitor
from ui.diag.tickets import device_report, file_ticket, scrub, ticket_transaction


@dataclass(frozen=True)
class FakeService:
    code: str
    materials: tuple = ()
    needs_card: bool = False


SERVICES = [FakeService("YL-ENROL", materials=("id_card_front",), needs_card=True),
            FakeService("JOB-SEARCH"), FakeService("CARD-LOSS", needs_card=True)]


class Recorder:
    def __init__(self, events: EventHub):
        self.states: list[DeviceStateChanged] = []
        events.subscribe(DeviceStateChanged, self.states.append)

    def of(self, state: str) -> list[str]:
        return [e.device for e in self.states if e.state == state and e.device in ("camera", "card")]


@pytest.fixture
def rig():
    events = EventHub()
    source = VirtualCamera(fps=30)
    source.show_document("a4")
    cam = DocumentCamera(source, events, reopen_interval=0.2)
    tickets: list[tuple[str, str]] = []
    monitor = HealthMonitor(lambda: camera_checks(cam, window_s=1.0, want_frames=6), events, period_s=0.05,
                            on_failure=lambda device, symptom, _report: tickets.append((device, symptom)))
    yield events, source, monitor, tickets
    monitor.stop()
    cam.close()


def test_black_camera_disables_material_services_only_and_files_one_ticket(rig):
    events, source, monitor, tickets = rig
    recorder = Recorder(events)
    assert monitor.run_once().ok and monitor.unavailable(SERVICES) == {}
    source.set_fault("black")
    assert not monitor.run_once().ok
    assert monitor.unavailable(SERVICES) == {"YL-ENROL": "高拍仪故障，请到窗口办理"}
    assert recorder.of("fault") == ["camera"]
    assert [e.message for e in recorder.states if e.state == "fault"] == ["高拍仪故障，请到窗口办理"]
    monitor.run_once()  # still broken: no second ticket, no second event
    assert [d for d, _ in tickets] == ["camera"] and "全黑" in tickets[0][1]
    assert recorder.of("fault") == ["camera"]
    source.set_fault(None)
    assert monitor.run_once().ok
    assert recorder.of("ok") == ["camera"] and monitor.unavailable(SERVICES) == {}


def test_nothing_runs_while_a_villager_is_at_the_terminal():
    ran = []
    check = Check("card.readers", "读卡器", lambda: (ran.append(1), (Status.FAIL, "x", {}))[1])
    busy = HealthMonitor(lambda: [check], EventHub(), is_idle=lambda: False)
    assert busy.run_once() is None and ran == [] and busy.failed_devices == {}


def test_the_monitor_thread_runs_periodically_and_a_failing_sink_does_not_stop_it():
    def broken_sink(*_args):
        raise RuntimeError("hub key missing")

    check = Check("card.readers", "读卡器", lambda: (Status.FAIL, "未发现读卡器", {}))
    events = EventHub()
    seen = []
    events.subscribe(DeviceStateChanged, seen.append)
    monitor = HealthMonitor(lambda: [check], events, period_s=0.01, on_failure=broken_sink)
    monitor.start()
    try:
        with monitor.reported:
            assert monitor.reported.wait_for(lambda: monitor.runs >= 3, timeout=10)
    finally:
        monitor.stop()
    assert monitor.failed_devices == {"card": "读卡器：未发现读卡器"}
    # once, in the driver's word for a missing reader, so the status bar counts it as a reader fault
    assert [(e.device, e.state) for e in seen] == [("card", "no_reader")]


def test_ticket_payload_is_scrubbed_and_limited_to_the_device(tmp_path):
    from kiosk.diag import CheckResult, Report

    report = Report((CheckResult("card.read", "读卡测试", Status.FAIL, "读卡失败",
                                 {"holder": "张三", "masked_name": "张*", "ok": 0, "nested": [{"id_number": "1"}]}),
                     CheckResult("printer.status", "打印机", Status.OK, "就绪")), "2026-11-23T10:00:00+00:00")
    payload = device_report(report, "card")
    assert [c["check_id"] for c in payload["checks"]] == ["card.read"]
    assert payload["checks"][0]["details"] == {"ok": 0, "nested": [{}]}
    assert scrub({"note": "x" * 1000})["note"] == "x" * 300
    txn = ticket_transaction("card", "读不了卡", report, source="technician", village="示范村", terminal="T1")
    assert txn.kind is ItemKind.TICKET and txn.service_code == "TICKET-card" and txn.actor.value == "technician"
    assert "张三" not in repr(txn.payload) and "张*" not in repr(txn.payload)

    from tests.support.store_kit import new_data_dir, open_test_store

    data_dir, keys, _hub = new_data_dir(tmp_path, "intl")
    with open_test_store(data_dir, keys, create=True) as store:
        receipt = file_ticket(store, "card", "读不了卡", report, village="示范村")
        [item] = store.list_items()
        assert (item.txn_id, item.kind, item.service_code) == (receipt.txn_id, "ticket", "TICKET-card")
