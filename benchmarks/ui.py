"""UI figures: cold start to an interactive home screen (vs a bare PySide6 hello window, same run),
the worst UI-thread stall while devices and sync work, and idle RSS after ten sessions.

    .venv/bin/python benchmarks/ui.py [--runs 5] [--sessions 10]

Goals (issue 8): start ≤ 1.0 s, stall ≤ 50 ms, RSS ≤ 200 MB and not growing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
    sys.path[0] = str(ROOT)  # this file is called ui.py: let "import ui" find the package, not itself
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "PYTHONPATH": str(ROOT)}

HELLO = """
import sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
app = QGuiApplication(sys.argv)
engine = QQmlApplicationEngine()
engine.loadData(b'import QtQuick\\nimport QtQuick.Window\\nWindow { width: 1920; height: 1080; visible: true;'
                b' Text { anchors.centerIn: parent; text: "\\u8bf7\\u63d2\\u5165\\u793e\\u4fdd\\u5361"; font.pixelSize: 60 } }')
win = engine.rootObjects()[0]
win.frameSwapped.connect(lambda: (print("FRAME", flush=True), app.quit()))
app.exec()
"""

KIOSK = """
import sys, tempfile
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from kiosk.config.schema import Config
from ui.app import KioskApp, Parts, prepare_environment
data = Path(tempfile.mkdtemp())
prepare_environment(data)
app = QGuiApplication(sys.argv)
kiosk = KioskApp(Config(), data, Parts())
kiosk.window.frameSwapped.connect(lambda: (print("FRAME", flush=True), app.quit()))
app.exec()
"""


def time_to_first_frame(code: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("FRAME"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("no frame")
    proc.wait(timeout=30)
    return elapsed


def cold_start(runs: int) -> None:
    hello = [time_to_first_frame(HELLO) for _ in range(runs)]
    kiosk = [time_to_first_frame(KIOSK) for _ in range(runs)]
    h, k = statistics.median(hello), statistics.median(kiosk)
    print(f"cold start to home screen: median {k:.3f} s (runs {', '.join(f'{x:.3f}' for x in kiosk)})")
    print(f"bare PySide6 hello window: median {h:.3f} s")
    print(f"ratio kiosk/hello: {k / h:.2f}x   goal ≤ 1.0 s: {'met' if k <= 1.0 else 'NOT met'}")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class StallMeter:
    """A 2 ms timer on the UI thread; the longest gap between its ticks is the worst stall a touch would feel."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.reset()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.worst, self.last = 0.0, time.perf_counter()

    def measure(self, work) -> float:
        self.reset()
        self.timer.start()
        try:
            work()
        finally:
            self.timer.stop()
        return self.worst * 1000


def sessions(count: int, kind: str = "materials") -> None:
    """In this process: the real app on the demo rig; card reads, camera auto-capture, pad, store writes."""
    os.environ.update({k: v for k, v in ENV.items() if k.startswith("QT_")})
    import gc

    from PySide6.QtGui import QGuiApplication

    from ui.app import prepare_environment
    from ui.demo import DemoRig
    from ui.tour import do_service, pick_services, wait_until

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        prepare_environment(Path(tmp))
        app = QGuiApplication(sys.argv)
        rig = DemoRig(Path(tmp) / "data", pen_speed=0.1)
        kiosk = rig.build_app()
        c = kiosk.controller
        wait_until(lambda: kiosk.window.contentItem().width() > 0)
        meter = StallMeter()
        idle_ms = meter.measure(lambda: _pump(2.0))
        _trim()
        start_rss = rss_mb()
        code = pick_services(c.d.catalog)[kind]
        rss, stalls = [], []

        def one_session() -> None:
            rig.insert_card("rare")
            wait_until(lambda: c.cardState == "ok", 10)
            do_service(c, rig, code)
            c.endSession("done")
            rig.remove_card()
            wait_until(lambda: c.screen == "Home" and not c.hasCard, 10)

        for _ in range(count):
            stalls.append(meter.measure(one_session))
            gc.collect()
            _pump(0.3)
            _trim()
            rss.append(rss_mb())
        kiosk.close()
        rig.close()
        del app
    print(f"[{kind} service] UI-thread worst stall during card read + camera auto-capture + pad + store write: "
          f"{max(stalls):.1f} ms (median session {statistics.median(stalls):.1f} ms); idle baseline "
          f"{idle_ms:.1f} ms; ratio {max(stalls) / max(idle_ms, 0.1):.1f}x   goal ≤ 50 ms: "
          f"{'met' if max(stalls) <= 50 else 'NOT met'}")
    print(f"RSS per session: {' '.join(f'{r:.0f}' for r in rss)} MB")
    print(f"RSS: {start_rss:.0f} MB at start, {rss[0]:.0f} MB after 1 session, {rss[-1]:.0f} MB after {count}; "
          f"growth sessions 2..{count}: {rss[-1] - rss[0]:+.1f} MB   goal ≤ 200 MB: "
          f"{'met' if rss[-1] <= 200 else 'NOT met'}")


def _trim() -> None:
    """Hand freed heap back to the OS (glibc keeps it otherwise), so RSS shows what is still held."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


def _pump(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--platform", choices=["offscreen", "xcb"], default="offscreen",
                        help="xcb: run under xvfb-run with the default (threaded, OpenGL) render loop, as on a kiosk")
    parser.add_argument("--service", choices=["materials", "plain", "pin"], default="materials",
                        help="which kind of 办件 each session does (plain: no camera)")
    args = parser.parse_args()
    if args.platform == "xcb":
        ENV["QT_QPA_PLATFORM"] = "xcb"
        ENV.pop("QT_QUICK_BACKEND", None)
        os.environ.pop("QT_QUICK_BACKEND", None)
    print(f"platform: {ENV['QT_QPA_PLATFORM']}, Quick backend: {ENV.get('QT_QUICK_BACKEND', 'default (OpenGL)')}")
    cold_start(args.runs)
    sessions(args.sessions, args.service)
    return 0


if __name__ == "__main__":
    sys.exit(main())
