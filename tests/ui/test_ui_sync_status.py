"""Without enrolment the sync client does not start; the top bar tells the villager, calmly, what is true
for them (the technician's reason is on the diagnostic screen and in the log)."""

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
        wait_until(lambda: app.controller.statusText == "办件先保存在本机，联网后自动上报")
        assert "管理员" not in app.controller.statusText
    finally:
        app.close()
