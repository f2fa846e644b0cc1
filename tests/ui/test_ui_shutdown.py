"""`python -m ui.app` as systemd runs it: a start destroys what a killed kiosk left in the temp folder, and
SIGTERM (the unit's ExecStop) ends the app cleanly with exit code 0 instead of Python dying on the spot."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.session import SESSION_PREFIX
from tests.ui.test_ui_startup import initialised

ROOT = Path(__file__).resolve().parents[2]


def lines_of(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream] + [lines.put(None)], daemon=True).start()
    return lines


def wait_for_line(lines: queue.Queue, needle: str, seen: list[str], timeout: float = 90) -> bool:
    while True:
        line = lines.get(timeout=timeout)
        if line is None:
            return False
        seen.append(line)
        if needle in line:
            return True


def test_start_sweeps_a_dead_kiosks_session_and_sigterm_stops_cleanly(tmp_path):
    data_dir = initialised(tmp_path / "data")
    temp = tmp_path / "tmp"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    left = temp / f"{SESSION_PREFIX}{dead.pid}-killed"
    left.mkdir(parents=True)
    (left / "id_front.jpg").write_bytes(b"\xff\xd8 fake id card image")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "TMPDIR": str(temp),
           "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "ui.app", "--data-dir", str(data_dir), "--windowed"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[str] = []
    try:
        lines = lines_of(proc.stderr)
        assert wait_for_line(lines, "home screen shown", seen), "".join(seen[-30:])
        assert not left.exists()
        assert any("destroyed 1 session folder" in line for line in seen)

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, "".join(seen[-30:])
        assert wait_for_line(lines, "stopping on SIGTERM", seen, timeout=10), "".join(seen[-30:])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
