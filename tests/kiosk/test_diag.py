"""The diagnostics runner and the core checks, on a real store file."""

import datetime as dt
import sqlite3
import threading
from dataclasses import dataclass

import pytest

from kiosk.diag import (
    Check,
    Status,
    audit_check,
    clock_check,
    free_space_check,
    integrity_check,
    queue_check,
    run_checks,
    unavailable_services,
)
from tests.support.store_kit import fake_txn, new_data_dir, open_test_store


def test_a_hung_check_times_out_and_the_others_still_report():
    release = threading.Event()
    checks = [
        Check("card.readers", "读卡器", lambda: (release.wait(10), (Status.OK, "x", {}))[1], timeout_s=0.3),
        Check("printer.status", "打印机", lambda: (Status.OK, "就绪", {"queue": "kiosk"})),
        Check("camera.frames", "高拍仪", lambda: 1 / 0),
    ]
    try:
        report = run_checks(checks)
    finally:
        release.set()
    by_id = {r.check_id: r for r in report.results}
    assert by_id["card.readers"].status is Status.FAIL and by_id["card.readers"].details["error"] == "timeout"
    assert by_id["printer.status"].status is Status.OK
    assert by_id["camera.frames"].status is Status.FAIL and by_id["camera.frames"].details["error"] == "ZeroDivisionError"
    assert not report.ok and report.failed_devices() == {"card", "camera"}
    assert '"status": "fail"' in report.to_json()
    assert "有故障" in report.to_text()


def test_free_space_thresholds(tmp_path):
    assert run_checks([free_space_check(tmp_path, 1)]).results[0].status is Status.OK
    failed = run_checks([free_space_check(tmp_path, 10**9)]).results[0]
    assert failed.status is Status.FAIL and "剩余空间仅" in failed.summary


def test_clock_before_release_or_behind_the_log_fails():
    release = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    newest = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    def check_at(ts):
        return run_checks([clock_check(lambda: ts, not_before=release, last_seen=newest.isoformat)]).results[0]
    assert check_at(newest.timestamp() + 60).status is Status.OK
    assert "早于软件发布日期" in check_at(dt.datetime(2000, 1, 1, tzinfo=dt.UTC).timestamp()).summary
    assert "倒退" in check_at(newest.timestamp() - 3600).summary


@pytest.mark.parametrize("suite", ["intl"])
def test_store_checks_pass_on_a_good_store_and_fail_on_a_tampered_log(tmp_path, suite):
    data_dir, keys, _ = new_data_dir(tmp_path, suite)
    store = open_test_store(data_dir, keys, create=True)
    try:
        for i in range(3):
            store.enqueue(fake_txn(i))
        report = run_checks([integrity_check(store), audit_check(store), queue_check(store)])
        assert report.ok, report.to_text()
        assert "3件待上传" in report.results[2].summary
        db_path = store.path
        with sqlite3.connect(db_path) as raw:
            raw.execute("DROP TRIGGER IF EXISTS audit_no_update")  # an attacker with the disk can drop it too
            raw.execute("UPDATE audit SET outcome = 'forged' WHERE seq = 2")
        audit = run_checks([audit_check(store)]).results[0]
        assert audit.status is Status.FAIL and audit.details["first_bad_seq"] == 2
    finally:
        store.close()


@dataclass
class Svc:
    code: str
    needs_card: bool = False
    materials: tuple = ()
    needs_signature: bool = False
    query: bool = False


def test_a_failed_device_takes_out_only_the_services_that_need_it():
    services = [Svc("A", needs_card=True), Svc("B", materials=("id_card_front",)), Svc("C"), Svc("D", needs_signature=True),
                Svc("E", query=True)]
    out = unavailable_services(services, {"camera", "printer"})
    assert out == {"B": "高拍仪故障，请到窗口办理"}
    assert set(unavailable_services(services, {"card", "sync"})) == {"A", "E"}
    assert unavailable_services(services, {"sigpad"}) == {}
    assert set(unavailable_services(services, {"sigpad"}, sign_on_glass=False)) == {"D"}
