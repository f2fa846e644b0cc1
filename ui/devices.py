"""Builds the devices, store, catalog and signing key from config, for ui/app.py and the demo rig.

Each piece is optional: when its package is missing or fails to open, it is left out, a
DeviceStateChanged tells the UI in plain Chinese, and the services that need it show as unavailable.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kiosk import config as config_mod
from kiosk.errors import UserFacingError
from kiosk.events import DeviceStateChanged, EventHub

log = logging.getLogger(__name__)


def build(config: config_mod.Config, data_dir: Path, events: EventHub):
    """The production parts named in config."""
    from ui.app import Parts

    parts = Parts()
    parts.catalog, parts.validate = open_catalog(data_dir)
    open_store(parts, config, data_dir, events)
    start_sync(parts, config, data_dir, events)
    if config.printer.driver != "none":
        parts.printer = _try(events, "printer", lambda: _printer(config, data_dir))
    parts.card_reader = _try(events, "card", lambda: _card(config, events, data_dir))
    if parts.card_reader is not None:
        parts.extra_closers.append(parts.card_reader.stop)
    if config.camera.driver != "none":  # in its own process: OpenCV and numpy never load in the kiosk
        parts.camera = _try(events, "camera", lambda: _camera(config, events))
    if parts.camera is not None:
        parts.extra_closers.append(parts.camera.close)
    parts.sigpad = _try(events, "sigpad", lambda: _sigpad(config, events))  # None: sign on the glass
    if parts.sigpad is not None:
        parts.extra_closers.append(parts.sigpad.close)
    return parts


def _camera(config: config_mod.Config, events: EventHub):
    from drivers.camera.process import camera_process

    return camera_process(config.camera, events)


def _sigpad(config: config_mod.Config, events: EventHub):
    from drivers.sigpad.service import make_sigpad

    pad = make_sigpad(config.sigpad, events)
    if pad is not None:
        pad.open()  # a missing port is a state the pad reports and retries, not an exception here
    return pad


def _try(events: EventHub, device: str, make) -> Any:
    try:
        return make()
    except UserFacingError as exc:
        log.warning("%s unavailable: %s", device, exc.detail)
        events.publish(DeviceStateChanged(device, "error", exc.message))
    except Exception:
        log.exception("%s failed to start", device)
        events.publish(DeviceStateChanged(device, "error", "设备故障"))
    return None


def open_catalog(data_dir: Path | None = None):
    """The catalog the hub last sent (checked when it arrived), else the shipped one."""
    try:
        from kiosk.catalog import Catalog, validate_form
    except ImportError:
        log.warning("kiosk.catalog not available")
        return None, None
    try:
        return (Catalog.load_active(data_dir) if data_dir is not None else Catalog.load()), validate_form
    except Exception:
        log.exception("catalog failed to load")
        return None, None


def open_store(parts, config: config_mod.Config, data_dir: Path, events: EventHub, *, create: bool = False) -> None:
    """The store of an initialised data dir, plus what derives from the device keys (pseudonyms, the
    receipt QR signature, the device id)."""
    from kiosk.crypto.suites import get_suite
    from kiosk.keys import load_device_keys
    from kiosk.pseudonym import pseudonym
    from kiosk.store import open_store as open_data_dir_store

    try:
        keys = load_device_keys(data_dir, config.crypto.suite)
        parts.store = open_data_dir_store(data_dir, config, events, create=create)
    except UserFacingError as exc:
        log.error("store unavailable: %s", exc.detail)
        return
    parts.extra_closers.append(parts.store.close)
    suite = get_suite(keys.suite)
    parts.pseudonym = lambda id_number: pseudonym(id_number, keys.pseudonym_key)
    parts.sign = lambda message: suite.sign(keys.signing_private, message)
    parts.device_id = keys.device_id


def card_crypto(config: config_mod.Config, data_dir: Path | None):
    """Third-generation cards: the county crypto service through the enrolled hub, if enrolled."""
    if data_dir is None:
        return None
    try:
        from sync.gen3 import make_card_crypto

        return make_card_crypto(data_dir, config.card.hub_auth_timeout_s)
    except UserFacingError as exc:  # not enrolled yet: 3.0 cards get the plain PSAM message
        log.info("no crypto service for third-generation cards: %s", exc.detail)
        return None


def start_sync(parts, config: config_mod.Config, data_dir: Path, events: EventHub) -> None:
    """The sync client on its own thread, nudged after every enqueue. Not enrolled yet → the status line
    says so, and everything keeps working offline."""
    from kiosk.events import SyncProgress, TransactionQueued

    if parts.store is None or not config.sync.enabled:
        return
    try:
        from sync.client.service import make_client

        client = make_client(data_dir, config, parts.store, events=events)
    except UserFacingError as exc:
        log.info("sync not started: %s", exc.detail)
        from PySide6.QtCore import QTimer

        # published once the event loop runs, i.e. after the status bar has subscribed
        note = SyncProgress(0, 0, False, exc.message)
        QTimer.singleShot(0, lambda: events.publish(note))
        return
    client.start()
    parts.sync_client = client
    parts.extra_closers.append(client.stop)
    unsubscribe = events.subscribe(TransactionQueued, lambda _event: client.nudge())
    parts.extra_closers.append(unsubscribe)


def _printer(config: config_mod.Config, data_dir: Path):
    from drivers.printer.service import make_printer

    return make_printer(config.printer, data_dir)


def _card(config: config_mod.Config, events: EventHub, data_dir: Path | None = None):
    if config.card.driver == "none":
        return None
    from drivers.card.factory import make_card_reader

    reader = make_card_reader(config.card, events, crypto=card_crypto(config, data_dir))
    if reader is not None:
        reader.start()
    return reader
