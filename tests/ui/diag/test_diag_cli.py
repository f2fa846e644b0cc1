"""``kiosk diag [--json] [--only] [--ticket]`` as the installer and a technician over SSH run it, and the
storage checks with the disk nearly full (a real 2 MB tmpfs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import Config, replace
from kiosk.diag import Status, run_checks
from tests.ui.diag.diag_kit import make_data_dir
from ui.diag.rig import storage_checks

KIOSK = [sys.executable, "-m", "kiosk.cli.main"]


def _kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KIOSK, "--data-dir", str(data_dir), *args], capture_output=True, text=True, timeout=120)


def test_diag_json_on_virtual_devices_passes_with_every_panel(data_dir):
    run = _kiosk(data_dir, "diag", "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["ok"] is True
    by_id = {c["check_id"]: c for c in report["checks"]}
    for check_id in ("card.readers", "camera.frames", "sigpad.probe", "sigpad.draw", "printer.status", "audio.tts",
                     "sync.link", "sync.queue", "storage.free_space", "storage.integrity", "storage.audit",
                     "storage.clock"):
        assert check_id in by_id, check_id
    assert by_id["camera.frames"]["status"] == "ok" and by_id["camera.frames"]["details"]["width"] > 0
    assert by_id["storage.audit"]["status"] == "ok" and by_id["storage.integrity"]["status"] == "ok"
    assert by_id["sync.hub"]["status"] == "skip"  # not enrolled


def test_a_failing_device_makes_exit_status_1_and_files_a_ticket(tmp_path):
    # a CUPS printer on a server that is not there: what the installer sees before cupsd is configured
    data_dir = make_data_dir(tmp_path, printer={"driver": "cups", "name": "kiosk",
                                                "cups_server": str(tmp_path / "no-cups.sock")})
    run = _kiosk(data_dir, "diag", "--only", "printer,card", "--ticket")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "[故障] 打印机" in run.stdout and "[正常] 读卡器" in run.stdout
    assert "storage" not in run.stdout  # only what was asked is reported
    assert "已生成故障工单" in run.stdout and "（printer）" in run.stdout
    listed = _kiosk(data_dir, "ticket", "list")
    assert "TICKET-printer" in listed.stdout and "1 tickets" in listed.stdout
    assert "TICKET-card" not in listed.stdout


def test_unknown_only_item_is_a_clear_error(data_dir):
    run = _kiosk(data_dir, "diag", "--only", "toaster")
    assert run.returncode == 2 and "未知的检测项：toaster" in run.stderr


def test_uninitialised_terminal_is_a_clear_error_not_a_traceback(tmp_path):
    run = _kiosk(tmp_path / "empty", "diag", "--only", "storage", "--json")
    assert run.returncode == 2 and "终端配置有误" in run.stderr and "kiosk init" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


@pytest.fixture
def tiny_disk(tmp_path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a tmpfs")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], check=True)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.mark.root
def test_disk_nearly_full_fails_the_free_space_check(tiny_disk):
    config = replace(Config(), store={"min_free_mb": 1})
    roomy = {r.check_id: r for r in run_checks(storage_checks(None, tiny_disk, config)).results}
    assert roomy["storage.free_space"].status is Status.WARN  # 2 MB free, under 4 × the minimum
    (tiny_disk / "filler").write_bytes(bytes(int(1.5 * 1024 * 1024)))
    full = {r.check_id: r for r in run_checks(storage_checks(None, tiny_disk, config)).results}
    assert full["storage.free_space"].status is Status.FAIL and "无法保存新业务" in full["storage.free_space"].summary
    assert full["storage.integrity"].status is Status.FAIL  # no database there: said plainly, not a crash
