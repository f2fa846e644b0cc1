"""``make screenshots``: render every screen, in 长辈模式 and in normal mode, to PNG files.

    python -m ui.screenshots --out DIR [--language en] [--size 1280x720]

Runs the real app offscreen on the demo rig (virtual devices, a real store in a throw-away data dir, no
county hub: 我的查询 shows what a villager sees offline) and walks it with ui/tour.py: the villager's
screens, 我的查询, the 3.0 card read offline, 协管员 and 帮办, diagnostics. Each stop is saved as
``<NN>-<stop>-elder.png`` and ``-normal.png``. ``--size`` renders at another panel's resolution
(1366x768, 1280x720, the upright 1080x1920); the default is the 1920×1080 the screens were designed for.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def save_tour(kiosk: Any, rig: Any, clock: Any, out: Path) -> list[tuple[str, str, Path]]:
    """Walk the tour, saving each stop in 长辈模式 and normal mode; returns (stop, rendered screen, png)."""
    from PySide6.QtGui import QGuiApplication

    from ui.tour import rendered_screen, tour

    saved: list[tuple[str, str, Path]] = []
    c = kiosk.controller

    def visit(name: str) -> None:
        stop = len(saved) // 2 + 1
        for elder in (True, False):
            c.elderMode = elder
            QGuiApplication.processEvents()
            kiosk.window.grabWindow()  # settles layout after the mode switch and runs a Canvas's paint (ink)…
            QGuiApplication.processEvents()  # …whose result lands with the events
            _wait_for_async_images(kiosk)
            path = out / f"{stop:02d}-{name}-{'elder' if elder else 'normal'}.png"
            kiosk.window.grabWindow().save(str(path))
            saved.append((name, rendered_screen(kiosk), path))
        c.elderMode = True

    tour(kiosk, rig, visit, clock)
    return saved


def _wait_for_async_images(kiosk, timeout_s: float = 10.0) -> None:
    """Images loaded on Qt's image thread (the receipt's QR) are in the picture, not their placeholder."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    def loading(item) -> bool:
        if item.property("asynchronous") and str(item.property("source") or "") \
                and (item.property("progress") or 0.0) < 1.0:  # (status's enum has no PySide converter)
            return True
        return any(loading(child) for child in item.childItems())

    deadline = time.monotonic() + timeout_s
    while loading(kiosk.window.contentItem()) and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    kiosk.window.grabWindow()


def parse_size(text: str) -> tuple[int, int]:
    """``WxH`` (``×`` also accepted) → (width, height), for argparse."""
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x720, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def resize_window(kiosk: Any, size: tuple[int, int]) -> None:
    """Resize the kiosk window and wait until QML has laid out at the new size."""
    from ui.tour import wait_until

    width, height = size
    kiosk.window.resize(width, height)
    wait_until(lambda: (kiosk.window.contentItem().width(), kiosk.window.contentItem().height()) == (width, height))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ui.screenshots")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--language", default="zh_CN", help="zh_CN (default) or en")
    parser.add_argument("--size", type=parse_size, default=(1920, 1080), help="WxH, default 1920x1080")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtGui import QGuiApplication

    from kiosk.config.schema import Config
    from ui.app import prepare_environment
    from ui.demo import DemoRig
    from ui.tour import SteppableClock, wait_until

    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        data_dir = Path(tmp)
        prepare_environment(data_dir)
        app = QGuiApplication(sys.argv)
        clock = SteppableClock()
        base = Config()
        rig = DemoRig(data_dir, config=replace(base, kiosk=replace(base.kiosk, language=args.language)),
                      clock=clock, pen_speed=0.2)
        kiosk = rig.build_app()
        wait_until(lambda: kiosk.window.contentItem().width() > 0)
        resize_window(kiosk, args.size)
        try:
            saved = save_tour(kiosk, rig, clock, out)
        finally:
            kiosk.close()
            rig.close()
        del app
    print(f"{len(saved)} screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
