"""The production composition builds every device named in config, and a missing one never stops the app."""

from kiosk import config as config_mod
from kiosk.events import EventHub
from kiosk.keys import create_device_keys
from kiosk.store import open_store
from ui.devices import build


def _close(parts):
    for closer in reversed(parts.extra_closers):
        closer()


def test_virtual_devices_from_config(tmp_path):
    create_device_keys(tmp_path, "intl")
    cfg = config_mod.replace(config_mod.Config(), crypto={"suite": "intl"}, card={"driver": "virtual"},
                             camera={"driver": "virtual"}, sigpad={"driver": "virtual"}, printer={"driver": "none"},
                             sync={"enabled": False})
    open_store(tmp_path, cfg, create=True).close()
    parts = build(cfg, tmp_path, EventHub())
    try:
        assert parts.store is not None and parts.catalog is not None
        assert parts.card_reader is not None and parts.camera is not None and parts.sigpad is not None
        assert parts.printer is None
    finally:
        _close(parts)


def test_absent_hardware_is_reported_not_fatal(tmp_path):
    create_device_keys(tmp_path, "intl")
    cfg = config_mod.replace(config_mod.Config(), crypto={"suite": "intl"}, card={"driver": "none"},
                             camera={"driver": "none"}, sigpad={"driver": "glass"}, printer={"driver": "none"},
                             sync={"enabled": False})
    open_store(tmp_path, cfg, create=True).close()
    parts = build(cfg, tmp_path, EventHub())
    try:
        assert parts.card_reader is None and parts.camera is None
        assert parts.sigpad is None  # glass: the villager signs on the screen
        assert parts.store is not None
    finally:
        _close(parts)
