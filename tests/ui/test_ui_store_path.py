"""A 好差评 from the home screen goes through the real store (sealed outbox item + audit record) on
its worker thread, queued like a transaction."""

from kiosk.config.schema import Config
from kiosk.keys import create_device_keys
from kiosk.ledgers.statistics import RATING_EVENT
from kiosk.store import DB_FILE, Store
from tests.ui.support import find, make_app, tap
from ui.app import Parts
from ui.tour import wait_until


def test_rating_is_queued_in_the_outbox_and_audited(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    keys, _escrow = create_device_keys(data, "intl")
    store = Store.open(data / DB_FILE, suite="intl", keys=keys, config=Config())
    app = make_app(tmp_path, Parts(store=store, extra_closers=[store.close]))
    try:
        tap(qtbot, app, "tile_rate")
        wait_until(lambda: find(app, "rate_4") is not None)
        assert not find(app, "submitRating").isEnabled()  # nothing pre-selected
        tap(qtbot, app, "rate_2")
        wait_until(lambda: find(app, "reason_0") is not None and find(app, "reason_0").isVisible())
        tap(qtbot, app, "reason_0")
        tap(qtbot, app, "submitRating")
        wait_until(lambda: app.controller.screen == "Done")
        [item] = store.list_items()
        assert item.kind == "rating" and item.service_code == "site"
        ratings = [r for r in store.audit_records() if r.event == RATING_EVENT]
        assert [r.outcome for r in ratings] == ["2"]  # the level in clear for the village's own count
        assert store.verify_audit().ok
    finally:
        app.close()
