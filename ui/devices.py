"""Builds the production devices, store, catalog and sync client from config, for ui/app.py.

Each piece is optional: when its package is missing or fails to open, it is left out, a
DeviceStateChanged tells the UI in plain Chinese, and the services that need it show as unavailable.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk import config as config_mod
from kiosk.events import DeviceStateChanged, EventHub

log = logging.getLogger(__name__)


def build(config: config_mod.Config, data_dir: Path, events: EventHub):
    from ui.app import Parts

    parts = Parts()
    parts.catalog, parts.validate = _catalog()
    return parts


def _catalog():
    try:
        from kiosk.catalog import Catalog, validate_form
    except ImportError:
        log.warning("kiosk.catalog not available")
        return None, None
    try:
        return Catalog.load(), validate_form
    except Exception:
        log.exception("catalog failed to load")
        return None, None


def device_failed(events: EventHub, device: str, message: str) -> None:
    events.publish(DeviceStateChanged(device, "error", message))
