"""``make screenshots``: render every screen, in 长辈模式 and in normal mode, to PNG files.

    python -m ui.screenshots --out DIR

Runs the real app offscreen on the demo rig (virtual devices, a real store in a throw-away data dir)
and walks it with ui/tour.py. Each screen is saved as ``<NN>-<screen>-elder.png`` and ``-normal.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ui.screenshots")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtGui import QGuiApplication

    from ui.app import prepare_environment
    from ui.demo import DemoRig
    from ui.tour import SteppableClock, tour, wait_until

    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        data_dir = Path(tmp)
        prepare_environment(data_dir)
        app = QGuiApplication(sys.argv)
        clock = SteppableClock()
        rig = DemoRig(data_dir, clock=clock, pen_speed=0.2)
        kiosk = rig.build_app()
        wait_until(lambda: kiosk.window.contentItem().width() > 0)
        saved: list[Path] = []

        def visit(name: str) -> None:
            c = kiosk.controller
            for elder in (True, False):
                c.elderMode = elder
                QGuiApplication.processEvents()
                kiosk.window.grabWindow()  # first grab settles layout after the mode switch
                path = out / f"{len(saved) // 2 + 1:02d}-{name}-{'elder' if elder else 'normal'}.png"
                kiosk.window.grabWindow().save(str(path))
                saved.append(path)
            c.elderMode = True

        try:
            tour(kiosk, rig, visit, clock)
        finally:
            kiosk.close()
            rig.close()
        del app
    print(f"{len(saved)} screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
