"""``make demo``: the real app full-screen in a window, on virtual devices, with a small demo panel that
plays the villager's hands: insert or remove a card (fake villagers, incl. a rare-character name and a
third-generation card), show a document to the camera, sign on the pad, cut the network.

    python -m ui.demo [--data-dir D] [--normal-mode]

The store is real (a demo data dir initialised on first run, with a stand-alone hub key); nothing of
the demo is a stand-in for a product part except the devices, which are the drivers' virtual ones.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot

from kiosk import config as config_mod
from kiosk.config.schema import Config
from kiosk.events import DeviceStateChanged, EventHub
from ui.app import QML_DIR, KioskApp, Parts, prepare_environment
from ui.devices import card_crypto, open_catalog, open_store, start_sync

log = logging.getLogger(__name__)

DOCUMENTS = [("id_card_front", "身份证正面"), ("id_card_back", "身份证背面"), ("hukou_page", "户口簿"),
             ("bank_card", "银行卡"), ("a4", "A4 证明")]


def demo_config(base: Config | None = None) -> Config:
    base = base or Config()
    return replace(base, kiosk=replace(base.kiosk, demo=True),
                   card=replace(base.card, driver="virtual"), camera=replace(base.camera, driver="virtual"),
                   sigpad=replace(base.sigpad, driver="virtual"), printer=replace(base.printer, driver="virtual"))


def ensure_initialised(data_dir: Path, config: Config) -> None:
    """First run of the demo: device keys (with a stand-alone demo hub key) and the store's database."""
    from kiosk.keys import KEYS_DIR, create_device_keys

    if not (data_dir / KEYS_DIR).exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        create_device_keys(data_dir, config.crypto.suite)


DEMO_PASSWORD = "Demo2026"  # demo data dir only; printed on the demo panel
DEMO_ACCOUNTS = (("xiezhu", "clerk", "李协管"), ("jishu", "technician", "王技术"))


def ensure_demo_accounts(data_dir: Path, store: Any) -> None:
    """A clerk and a technician for the demo, already past the forced first change, so a new user can
    open 协管员 mode and the diagnostic screen at once. Created through the audited accounts API."""
    from kiosk.accounts import AccountStore, NoSuchAccount
    from kiosk.accounts.cli import ACCOUNTS_DB

    accounts = AccountStore(data_dir / ACCOUNTS_DB, audit=store.audit if store is not None else None)
    try:
        for username, role, name in DEMO_ACCOUNTS:
            try:
                accounts.get(username)
            except NoSuchAccount:
                accounts.add(username, role, name, "Initial2026", by="admin:demo")
                accounts.change_password(username, "Initial2026", DEMO_PASSWORD)
    finally:
        accounts.close()


class _InProcessCountyCrypto:
    """The hub's reference county crypto service, loaded at the first third-generation card: its module
    brings the hub's server stack (FastAPI, SQLAlchemy, pydantic models: ~36 MB RSS, 0.8 s) that no kiosk
    process holds, and would otherwise skew the demo's and benchmarks/ui.py's memory figures (issue 8)."""

    def __init__(self, online) -> None:
        self._online = online
        self._service = None

    def external_auth(self, request: Any) -> bytes:
        if self._service is None:
            from sync.hub.crypto_service import LocalCryptoService, ReferenceTestProvider

            self._service = LocalCryptoService(ReferenceTestProvider(), online=self._online)
        return self._service.external_auth(request)


class DemoRig:
    """The virtual devices and a real store/catalog in ``data_dir``; the demo panel's actions."""

    def __init__(self, data_dir: Path, *, config: Config | None = None, events: EventHub | None = None,
                 clock: Any = None, pen_speed: float = 1.0):
        from drivers.card.virtual import VirtualCardReader

        self.data_dir = Path(data_dir)
        self.config = demo_config(config)
        self.events = events or EventHub()
        self.clock = clock
        self.pen_speed = pen_speed  # < 1 writes the demo signature faster (tests, screenshots)
        ensure_initialised(self.data_dir, self.config)
        self.parts = Parts()
        self.parts.catalog, self.parts.validate = open_catalog(self.data_dir)
        open_store(self.parts, self.config, self.data_dir, self.events, create=True)
        start_sync(self.parts, self.config, self.data_dir, self.events)  # if `kiosk enroll` was run here
        ensure_demo_accounts(self.data_dir, self.parts.store)
        # enrolled to the demo hub (make demo): its crypto service over HTTPS, as a real kiosk does; otherwise
        # (tests, --no-hub) the reference (TEST ONLY keys) provider in-process, cut with the network switch
        county_crypto = card_crypto(self.config, self.data_dir) or _InProcessCountyCrypto(lambda: self.network_up)
        self.card = VirtualCardReader(self.events, read_timeout_s=self.config.card.read_timeout_s,
                                      crypto=county_crypto)
        self.card.start()
        self.parts.card_reader = self.card
        self.parts.extra_closers.append(self.card.stop)
        from drivers.printer.virtual import VirtualPrinter

        self.printer = VirtualPrinter(self.data_dir / "printed")
        self.parts.printer = self.printer
        self.camera = self._camera()
        self.sigpad = self._sigpad()
        self.network_up = True
        self.hub: Any = None  # a DemoHub when `make demo` runs one (ui.demo_hub)
        self.app: KioskApp | None = None

    def _camera(self) -> Any:
        """The kiosk's camera process over a virtual frame source; its ``virtual`` controls are what the panel
        moves. Stills at 2560×1440 (a demo's 高拍仪 need not be a 5-megapixel one)."""
        from drivers.camera.process import CameraProcess

        section = replace(self.config.camera, driver="virtual", still_width=2560, still_height=1440)
        camera = CameraProcess(section, self.events)
        self.camera_source = camera.virtual
        self.parts.camera = camera
        self.parts.extra_closers.append(camera.close)
        return camera

    def _sigpad(self) -> Any:
        try:
            from drivers.sigpad.virtual import VirtualSigpad
        except ImportError:
            log.warning("virtual signature pad not available yet")
            return None
        pad = VirtualSigpad(self.events, time_scale=self.pen_speed)
        pad.open()
        self.parts.sigpad = pad
        self.parts.extra_closers.append(pad.close)
        return pad

    def build_app(self) -> KioskApp:
        self.app = KioskApp(self.config, self.data_dir, self.parts, events=self.events, clock=self.clock)
        return self.app

    # --- the villager's hands ---------------------------------------------------------------------------
    def insert_card(self, key: str) -> None:
        self.card.insert(key)

    def remove_card(self) -> None:
        self.card.remove()

    def show_document(self, profile: str) -> None:
        if self.camera is not None:
            self.camera_source.show_document(profile)

    def take_away(self) -> None:
        if self.camera is not None:
            self.camera_source.take_away()

    def sign(self) -> None:
        if self.sigpad is not None:
            self.sigpad.sign()

    def signing(self) -> bool:
        return self.sigpad is not None and not self.sigpad.wait_idle(0)

    def set_network(self, up: bool) -> None:
        self.network_up = up
        if self.hub is not None:  # the line really goes down: the hub's port closes
            if up and not self.hub.running:
                self.hub.start()
                if self.parts.sync_client is not None:
                    self.parts.sync_client.nudge()
            elif not up:
                self.hub.stop()
        from kiosk.events import SyncProgress

        stats = self.parts.store.stats() if self.parts.store is not None else None
        waiting = (stats.counts.get("queued", 0) + stats.counts.get("sent", 0)) if stats else 0
        self.events.publish(SyncProgress(0, waiting, up, "" if up else "网络未连接"))

    def unplug(self, device: str) -> None:
        if device == "camera" and self.camera is not None:
            self.camera_source.unplug()
        elif device == "printer":
            from drivers.printer.base import PrinterState

            self.printer.set_state(PrinterState.OUT_OF_PAPER)
            self.events.publish(DeviceStateChanged("printer", "out_of_paper", "打印机缺纸"))

    def close(self) -> None:
        for closer in reversed(self.parts.extra_closers):
            try:
                closer()
            except Exception:
                log.exception("closing demo part failed")
        self.parts.extra_closers.clear()


class DemoControls(QObject):
    """``demo`` in DemoPanel.qml."""

    changed = Signal()

    def __init__(self, rig: DemoRig):
        super().__init__()
        self.rig = rig
        self._log = ""

    villagers = Property("QVariantList", lambda s: [{"key": k, "label": label} for k, label in s.rig.card.profiles()],
                         constant=True)
    documents = Property("QVariantList", lambda s: [{"key": k, "label": label} for k, label in DOCUMENTS],
                         constant=True)
    networkUp = Property(bool, lambda s: s.rig.network_up, notify=changed)
    log = Property(str, lambda s: s._log, notify=changed)

    def _say(self, text: str) -> None:
        self._log = text
        self.changed.emit()

    @Slot(str)
    def insertCard(self, key: str) -> None:  # noqa: N802 (QML API)
        self.rig.insert_card(key)
        self._say(f"已插卡：{key}")

    @Slot()
    def removeCard(self) -> None:  # noqa: N802
        self.rig.remove_card()
        self._say("已拔卡")

    @Slot(str)
    def showDocument(self, key: str) -> None:  # noqa: N802
        self.rig.show_document(key)
        self._say(f"材料放在高拍仪下：{key}" if self.rig.camera else "虚拟高拍仪尚未接入")

    @Slot()
    def takeAway(self) -> None:  # noqa: N802
        self.rig.take_away()
        self._say("材料已拿走")

    @Slot()
    def sign(self) -> None:
        self.rig.sign()
        self._say("正在签名板上签名" if self.rig.sigpad else "虚拟签名板尚未接入：请在屏幕上签名")

    @Slot(bool)
    def setNetwork(self, up: bool) -> None:  # noqa: N802
        self.rig.set_network(up)
        self._say("网络已恢复" if up else "网络已断开")

    @Slot(str)
    def unplug(self, device: str) -> None:
        self.rig.unplug(device)
        self._say(f"已模拟故障：{device}")


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QGuiApplication

    parser = argparse.ArgumentParser(prog="ui.demo", description="人社自助终端演示（虚拟设备）")
    parser.add_argument("--data-dir", help="default: the per-user demo data dir")
    parser.add_argument("--normal-mode", action="store_true", help="start in normal mode instead of 长辈模式")
    parser.add_argument("--no-hub", action="store_true", help="no local county hub: the kiosk stays offline")
    parser.add_argument("--hub-port", type=int, default=18443, help="loopback port of the local county hub")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import platformdirs

    data_dir = Path(args.data_dir or platformdirs.user_data_dir("village-kiosk-demo", appauthor=False))
    config_path = data_dir / config_mod.CONFIG_FILE
    hub = None
    if not args.no_hub:
        from ui.demo_hub import DemoHub, enrol_demo_kiosk

        hub = DemoHub(data_dir / "hub", args.hub_port)
        hub.start()
        enrol_demo_kiosk(hub, data_dir, (config_mod.load(config_path) if config_path.exists() else Config()).crypto.suite)
    config = config_mod.load(config_path) if config_path.exists() else Config()
    if args.normal_mode:
        config = replace(config, kiosk=replace(config.kiosk, elder_mode_default=False))
    prepare_environment(data_dir)
    app = QGuiApplication(sys.argv)
    rig = DemoRig(data_dir, config=config)
    rig.hub = hub
    if hub is not None:
        rig.parts.extra_closers.insert(0, hub.stop)  # closers run in reverse: the hub stops last
        print(f"县平台（演示）: {hub.url}  —  kiosk-hub --data-dir {hub.folder} applications list", flush=True)
    kiosk = rig.build_app()
    controls = DemoControls(rig)
    kiosk.engine.rootContext().setContextProperty("demo", controls)
    kiosk.engine.load(QUrl.fromLocalFile(str(QML_DIR / "Kiosk" / "DemoPanel.qml")))
    # the panel (420 px) sits left of the kiosk window, so neither hides the other on a desktop screen
    screen = app.primaryScreen().availableGeometry()
    kiosk.window.setGeometry(screen.x() + 450, screen.y(), max(1024, screen.width() - 450), screen.height())
    kiosk.window.show()
    # Ctrl+C or a SIGTERM ends the demo cleanly (hub stopped, store closed); the timer lets Python see signals
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer()
    wake.start(300)
    wake.timeout.connect(lambda: None)
    code = app.exec()
    kiosk.close()
    rig.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
