"""The one composition root: builds config, store, devices, sync client and catalog, wraps them in
bridges, and hands them to the controller and QML. Nothing else in the program constructs a service.

``python -m ui.app [--data-dir D] [--windowed]`` runs the kiosk with the devices named in config.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QTranslator, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk import config as config_mod
from kiosk.events import DeviceStateChanged, EventHub
from kiosk.session import sweep_abandoned_sessions
from ui.bridges.card import CardBridge
from ui.bridges.clerk import make_clerk_bridge
from ui.bridges.diag import make_diag_bridge
from ui.bridges.qr import QrImages
from ui.bridges.query import make_query_bridge
from ui.bridges.sigpad import SigpadBridge
from ui.bridges.status import StatusBridge
from ui.bridges.store import StoreBridge
from ui.catalog_view import CatalogView
from ui.controller import Devices, KioskController
from ui.fonts import install_fonts
from ui.info import InfoSource
from ui.qtfix import freeze_between_sessions
from ui.shutdown import quit_on_signals
from ui.speech import Speaker
from ui.update_watch import watch_for_update

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml"
MAIN_QML = QML_DIR / "Kiosk" / "Main.qml"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "assets" / "translations"
M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
PR_SET_THP_DISABLE, PR_GET_THP_DISABLE = 41, 42  # prctl options (linux/prctl.h)
TRIM_AFTER_WIPE_MS = 500  # once the dropped screens are deleted and the wipe's full collection has run
UI_SWITCH_INTERVAL_S = 0.001  # how long the UI thread may wait for the GIL at each hand-over (Python's default 5 ms)


def prepare_environment(data_dir: Path) -> None:
    """Before the QGuiApplication exists: the virtual keyboard, a writable place for its pinyin user
    dictionary (a kiosk's home is often read-only), and the process's memory and GIL settings (before the
    device threads start): few malloc arenas, no transparent huge pages, a short GIL switch interval."""
    limit_malloc_arenas()
    no_transparent_huge_pages()
    # The device threads (camera page detection, the pad, sync) run Python too; a touch handled on the UI
    # thread waits for the GIL up to one switch interval per hand-over. 1 ms instead of 5: median of each
    # session's worst UI stall 26-36 -> 15-17 ms (benchmarks/ui.py, 4 runs each, quiet machine; issue 8).
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    # no top-level keyboard window of the plugin's own while Main.qml's panel is not loaded yet (issue 8)
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    if not os.access(config_home if config_home.exists() else config_home.parent, os.W_OK):
        os.environ["XDG_CONFIG_HOME"] = str(data_dir / "ui-config")


def limit_malloc_arenas(count: int = 2) -> bool:
    """glibc gives threads that allocate at once their own heap arenas, up to 8 per core; with a thread per
    device, freed memory stays scattered over them (measured, benchmarks/ui.py without malloc_trim: about
    40 MB less RSS after ten sessions with 2). Same as MALLOC_ARENA_MAX=2; an explicit setting wins."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        return ctypes.CDLL(None).mallopt(M_ARENA_MAX, count) == 1
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False


def no_transparent_huge_pages() -> bool:
    """With THP on ("always", or numpy's madvise on big frames), a 2 MB huge page stays whole in RSS while
    a few bytes of it are live, and camera sessions leave such pages in glibc's heaps: with them off, RSS after
    five sessions of the four-material service 236 -> 210 MB (benchmarks/ui.py, issue 8). Inherited by children."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux/glibc: nothing to tune
        return False


def release_freed_heap() -> bool:
    """Hand the pages glibc keeps free inside its heaps back to the system (``malloc_trim``). A session
    frees its screens, frames and images in many chunks that glibc only returns from the top of a heap, so
    without this the kiosk's RSS stays at its highest (measured, benchmarks/ui.py: ~300 MB held after ten
    sessions, ~245 MB once trimmed). Takes 2-6 ms of the UI thread, at home after a wipe."""
    try:
        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return False


@dataclass
class Parts:
    """Devices and services handed in (tests and the demo pass virtual ones); None means absent."""

    card_reader: Any = None
    camera: Any = None
    sigpad: Any = None
    printer: Any = None
    store: Any = None
    catalog: Any = None
    validate: Any = None
    sync_client: Any = None
    pseudonym: Any = None
    sign: Any = None  # the device key's sign function, for the receipt QR code
    device_id: str = ""
    extra_closers: list = field(default_factory=list)


class _ActivityFilter(QObject):
    """Any press anywhere counts as the villager being there (feeds the idle timer)."""

    def __init__(self, controller: KioskController):
        super().__init__()
        self._controller = controller

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            self._controller.userActivity()
        return False


class KioskApp:
    """The running app: engine, window, controller and bridges; ``close()`` stops all of it."""

    def __init__(self, config: config_mod.Config, data_dir: Path, parts: Parts, *, events: EventHub | None = None,
                 clock=None, wall_clock=None, temp_root: str | None = None, load_translations: bool = True):
        self.config, self.data_dir, self.parts = config, Path(data_dir), parts
        self.events = events or EventHub()
        self.app = QGuiApplication.instance()
        self.fonts = install_fonts(self.app)
        self.translator = QTranslator()
        qm = TRANSLATIONS / f"kiosk_{config.kiosk.language}.qm"
        if load_translations and config.kiosk.language != "zh_CN" and self.translator.load(str(qm)):
            self.app.installTranslator(self.translator)
        self.speaker = Speaker(self.data_dir / "cache" / "speech", enabled=config.kiosk.voice_default)
        self.status = StatusBridge(self.events)
        self.card = CardBridge(parts.card_reader, self.events)
        self.store = StoreBridge(parts.store)
        self.sigpad = SigpadBridge(parts.sigpad, self.events) if parts.sigpad is not None else None
        self.camera = self._camera_bridge(parts.camera)
        self.printer = self._printer_bridge(parts.printer)
        self.diag = make_diag_bridge(parts, config, self.data_dir, self.events, self.printer)
        kw = {k: v for k, v in (("clock", clock), ("wall_clock", wall_clock)) if v is not None}
        self.controller = KioskController(Devices(
            config=config, catalog=CatalogView(parts.catalog, parts.validate), card=self.card, store=self.store,
            status=self.status, speaker=self.speaker, camera=self.camera, sigpad=self.sigpad, printer=self.printer,
            info=InfoSource(self.data_dir / "bundles"), temp_root=temp_root,
            pseudonym=parts.pseudonym or (lambda _id: ""), **kw))
        for device, present in (("card", parts.card_reader), ("camera", parts.camera)):
            if present is None:
                self.events.publish(DeviceStateChanged(device, "absent", "未连接"))
        self.diag.start_monitor(lambda: self.controller.session is None)
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider("qr", QrImages())
        if self.camera is not None:
            self.engine.addImageProvider("camera", self.camera.images)
        self.engine.rootContext().setContextProperty("kiosk", self.controller)
        self.engine.rootContext().setContextProperty("capture", self.controller.capture)
        self.engine.rootContext().setContextProperty("diag", self.diag)
        self.queries = make_query_bridge(self)  # 我的查询 (issue 13)
        self.engine.rootContext().setContextProperty("queries", self.queries)
        self.clerk = make_clerk_bridge(self)  # 协管员 mode (issue 9)
        self.engine.rootContext().setContextProperty("clerk", self.clerk)
        self.engine.load(QUrl.fromLocalFile(str(MAIN_QML)))
        if not self.engine.rootObjects():
            raise RuntimeError("Main.qml failed to load")
        self.window: QQuickWindow = self.engine.rootObjects()[0]
        self._activity = _ActivityFilter(self.controller)
        self.window.installEventFilter(self._activity)
        self.controller.sessionEnded.connect(self._release_after_session)
        self.update_watch = watch_for_update(self)  # a newer version applied: quit once idle at home
        freeze_between_sessions(self.controller.sessionEnded, self.window)  # no 200+ ms GC pauses (ui/qtfix.py)

    def _release_after_session(self, _reason: str) -> None:
        """After a wipe: collect the destroyed screens' JS objects and drop cached images and textures,
        so nothing of the villager lingers in Qt's caches and memory does not creep up session by session.
        The compiled screens stay cached (no villager data in them; trimming them made every screen compile
        again next session, 100+ ms on the UI thread each)."""
        self.engine.collectGarbage()
        self.window.releaseResources()
        if self.camera is not None:
            self.camera.release()  # the camera process ends: frames, OpenCV and numpy go with it
        QTimer.singleShot(TRIM_AFTER_WIPE_MS, release_freed_heap)

    def _camera_bridge(self, camera: Any):
        if camera is None:
            return None
        from ui.bridges.camera import CameraBridge

        return CameraBridge(camera, self.events)

    def _printer_bridge(self, printer: Any):
        if printer is None:
            return None
        from ui.bridges.printer import PrinterBridge

        return PrinterBridge(printer, self.config, sign=self.parts.sign, device_id=self.parts.device_id)

    def close(self) -> None:
        self.controller.endSession("shutdown")
        self.speaker.stop()
        self.speaker.wait_idle(3000)
        for bridge in (self.camera, self.sigpad, self.printer, self.diag):
            if bridge is not None:
                bridge.stop()
        self.store.wait_idle()
        self.card.close()
        self.status.close()
        for closer in reversed(self.parts.extra_closers):
            closer()
        self.controller.stop()
        self.window.close()
        QCoreApplication.sendPostedEvents()  # queued signals land while their receivers still exist
        shiboken6.delete(self.engine)  # now, while the controller its bindings read still exists
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def build_parts(config: config_mod.Config, data_dir: Path, events: EventHub) -> Parts:
    """The production devices named in config. A piece that can't be built is left out (the UI says so)."""
    from ui import devices

    return devices.build(config, data_dir, events)


def start(argv: list[str] | None = None) -> tuple[QGuiApplication, KioskApp]:
    """Everything up to the home screen; the caller runs the event loop (tests check what start-up loaded)."""
    parser = argparse.ArgumentParser(prog="kiosk-ui", description="人社自助服务终端")
    parser.add_argument("--data-dir")
    parser.add_argument("--windowed", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir = config_mod.default_data_dir(args.data_dir)
    config = config_mod.load(data_dir / config_mod.CONFIG_FILE)
    prepare_environment(data_dir)
    swept = sweep_abandoned_sessions(tempfile.gettempdir())
    if swept:
        log.warning("destroyed %d session folder(s) left by a kiosk that died mid-session", swept)
    app = QGuiApplication(sys.argv)
    events = EventHub()
    kiosk = KioskApp(config, data_dir, build_parts(config, data_dir, events), events=events,
                     temp_root=tempfile.gettempdir())
    kiosk.window.frameSwapped.connect(_log_start_cost, Qt.ConnectionType.SingleShotConnection)
    if not args.windowed:
        kiosk.window.setGeometry(kiosk.window.screen().geometry())  # first frame at the panel's size (issue 8)
        kiosk.window.showFullScreen()
    return app, kiosk


def main(argv: list[str] | None = None) -> int:
    app, kiosk = start(argv)
    stopper = quit_on_signals(app)  # noqa: F841 - watched while the loop runs
    code = app.exec()
    kiosk.close()
    return code


def _log_start_cost() -> None:
    """What the first villager waited for, in the journal of every real start (issue 8: ≤ 1 s, ≤ 200 MB)."""
    log.info("home screen shown %.2f s after the process started, RSS %.0f MB",
             seconds_since_process_start(), resident_mb())


def seconds_since_process_start() -> float:
    """Linux: /proc/self/stat field 22 is the start time in clock ticks since boot; includes the imports."""
    start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    sys.exit(main())
