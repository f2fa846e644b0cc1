"""Helpers for the UI tests: a clock the test moves, and building the app around given parts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.config import Config
from kiosk.events import EventHub
from ui.app import KioskApp, Parts
from ui.walker import Limits


class ManualClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_app(tmp_path: Path, parts: Parts | None = None, *, config: Config | None = None,
             events: EventHub | None = None, clock: ManualClock | None = None) -> KioskApp:
    temp_root = tmp_path / "tmp"
    temp_root.mkdir(exist_ok=True)
    app = KioskApp(config or Config(), tmp_path / "data", parts or Parts(), events=events, clock=clock,
                   wall_clock=lambda: dt.datetime(2026, 11, 23, 10, 30), temp_root=str(temp_root))
    settled(app)
    return app


def settled(app: KioskApp) -> None:
    """Until the window's first layout is done (the content item gets its size from an event)."""
    from ui.tour import wait_until

    wait_until(lambda: app.window.contentItem().width() == app.window.width() > 0)


def limits_for(app: KioskApp) -> Limits:
    ui = app.config.ui
    return Limits.for_panel(app.window.width(), ui.screen_width_mm, ui.viewing_distance_cm)


def find(app: KioskApp, name: str):
    """By objectName through the visual tree (Repeater delegates are not QObject children)."""
    stack = [app.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == name:
            return item
        if item.objectName() != "screenIncubator":  # a screen still being built (Main.qml) is not on screen
            stack.extend(item.childItems())
    return None


def tap(qtbot, app: KioskApp, name: str) -> None:
    """Touch the centre of the named item, as a finger would."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from ui.tour import wait_shown

    wait_shown(app.controller)  # a screen is built after the slot that changed it returns (Main.qml)
    app.window.grabWindow()  # renders once, so positioners (Column, Row, Grid) have placed their items
    item = find(app, name)
    assert item is not None and item.isVisible(), f"{name} is not on screen"
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
