"""End to end on virtual devices: the real app, catalog, store (sealed outbox + audit), the drivers'
in-process virtual card reader, document camera and signature pad, and the virtual PDF printer."""

import pytest

from tests.ui.support import tap
from ui.tour import do_service, pick_services, wait_until


def insert(rig, key):
    rig.insert_card(key)
    wait_until(lambda: rig.app.controller.cardState == "ok")


@pytest.mark.parametrize("kind", ["materials", "pin", "plain"])
def test_whole_service_from_card_to_rating(rig, qtbot, kind):
    c = rig.app.controller
    insert(rig, "rare")
    assert c.greeting == "您好，欧***㑇"
    code = pick_services(c.d.catalog)[kind]
    service = c.d.catalog.get(code)
    screens = []
    number = do_service(c, rig, code, screens.append)
    if kind == "materials":
        assert screens.count("Materials") >= 2 and "Signature" in screens
    if kind == "pin":
        assert "Pin" in screens
    if kind == "plain":
        assert "Materials" not in screens and not any(m.required for m in service.materials)
    store = rig.parts.store
    items = {i.kind: i for i in store.list_items()}
    assert items["application"].acceptance_no == number and items["application"].service_code == code
    assert items["rating"].service_code == code
    audit = store.audit_records()
    assert sum(1 for r in audit if r.outcome) >= 2 and store.verify_audit().ok
    wait_until(lambda: list((rig.data_dir / "printed").glob("*.pdf")))
    tap(qtbot, rig.app, "finishButton")
    wait_until(lambda: c.screen == "Home" and c.session is None)
    # the camera process: started once when a service with materials began, ended by the wipe; none otherwise
    assert rig.camera.wait_for_process(False, 15)
    assert rig.camera.children_started == (0 if kind == "plain" else 1)


def test_wrong_pin_then_right(rig):
    c = rig.app.controller
    insert(rig, "v2")
    c.chooseService(pick_services(c.d.catalog)["pin"])
    c.beginService()
    wait_until(lambda: c.screen == "Pin")
    c.verifyPin("000000")
    wait_until(lambda: "还可以再试" in c.pinMessage)
    assert c.screen == "Pin"
    c.verifyPin("123456")
    wait_until(lambda: c.screen in ("Form", "Materials", "Signature", "Review"))


def test_undo_within_the_window_queues_a_withdrawal(rig, qtbot):
    c = rig.app.controller
    insert(rig, "v2")
    code = pick_services(c.d.catalog)["plain"]
    assert c.d.catalog.get(code).undo_minutes == 10
    c.chooseService(code)
    c.beginService()
    from ui.tour import fill_form, sign_on_glass

    fill_form(c)
    c.submitForm()
    wait_until(lambda: c.screen == "Signature")
    sign_on_glass(c.capture) if rig.sigpad is None else (rig.sign(), wait_until(lambda: not rig.signing()))
    c.capture.confirmSignature()
    wait_until(lambda: c.screen == "Review")
    c.confirm()
    wait_until(lambda: c.screen == "Receipt")
    tap(qtbot, rig.app, "undoButton")
    wait_until(lambda: c.receipt.get("undone"))
    assert not c.canUndo
    apps = [i for i in rig.parts.store.list_items() if i.kind == "application"]
    assert len(apps) == 2 and {i.service_code for i in apps} == {code}


def test_search_by_pinyin_initials_and_chinese(rig):
    c = rig.app.controller
    c.openTile("jobs")
    for text in ("就业登记", "jiuyedengji", "jydj"):
        c.search(text)
        assert any(s["name"] == "就业登记" for s in c.services), text
    c.search("")
    assert c.categoryTitle == "找工作" and any(s["name"] == "就业登记" for s in c.services)
