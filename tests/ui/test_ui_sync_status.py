"""Without enrolment the sync client does not start, and the top bar says why in plain words."""

from dataclasses import replace

from kiosk.config.schema import Config
from kiosk.events import EventHub
from kiosk.keys import create_device_keys
from kiosk.store import DB_FILE, Store
from tests.ui.support import make_app
from ui.devices import build
from ui.tour import wait_until


def test_unenrolled_kiosk_says_so_and_works_offline(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    keys, _ = create_device_keys(data, "intl")
    config = Config()
    Store.open(data / DB_FILE, suite="intl", keys=keys, config=config).close()  # what `kiosk init` leaves
    config = replace(config, card=replace(config.card, driver="none"), printer=replace(config.printer, driver="none"),
                     crypto=replace(config.crypto, suite="intl"))
    events = EventHub()
    parts = build(config, data, events)
    assert parts.store is not None and parts.sync_client is None
    app = make_app(tmp_path, parts, events=events)
    try:
        wait_until(lambda: "尚未注册" in app.controller.statusText)
    finally:
        app.close()
