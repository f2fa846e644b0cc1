"""End to end on virtual devices: the real app, catalog, store (sealed outbox + audit), the driver's
in-process virtual card reader and the virtual PDF printer, driven through whole 办件."""

import pytest

from tests.ui.support import settled, tap
from ui.demo import DemoRig
from ui.tour import do_service, pick_services, wait_until


@pytest.fixture
def rig(qtbot, tmp_path):
    rig = DemoRig(tmp_path / "data", pen_speed=0.2)
    app = rig.build_app()
    settled(app)
    yield rig
    app.close()
    rig.close()


def outbox(rig):
    return rig.parts.store.list_items()


def test_a_plain_service_from_card_to_rating(rig, qtbot):
    app, c = rig.app, rig.app.controller
    rig.insert_card("rare")
    wait_until(lambda: c.cardState == "ok")
    assert c.greeting == "您好，欧***㑇"
    codes = pick_services(c.d.catalog)
    number = do_service(c, rig, codes["plain"])
    items = {i.kind: i for i in outbox(rig)}
    assert items["application"].acceptance_no == number and items["application"].service_code == codes["plain"]
    assert "rating" in items
    events = [r.event for r in rig.parts.store.audit_records()]
    assert len(events) >= 2 and rig.parts.store.verify_audit().ok
    wait_until(lambda: list((rig.data_dir / "printed").glob("*.pdf")))
    tap(qtbot, app, "finishButton")
    wait_until(lambda: c.screen == "Home" and c.session is None)


def test_service_with_pin(rig):
    c = rig.app.controller
    rig.insert_card("v2")
    wait_until(lambda: c.cardState == "ok")
    code = pick_services(c.d.catalog).get("pin")
    if code is None:
        pytest.skip("catalog has no PIN service without materials")
    c.chooseService(code)
    c.beginService()
    wait_until(lambda: c.screen == "Pin")
    c.verifyPin("000000")
    wait_until(lambda: "还可以再试" in c.pinMessage)
    assert c.screen == "Pin"
    c.verifyPin("123456")
    wait_until(lambda: c.screen in ("Form", "Materials", "Signature", "Review"))
