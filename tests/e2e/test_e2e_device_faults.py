"""Device failures show their plain-Chinese message and the kiosk stays usable."""

from drivers.printer.base import PrinterState
from kiosk.signature import from_record, verify_binding
from tests.e2e.support import confirm_to_receipt, opened_application
from tests.ui.support import find
from ui import flow
from ui.tour import do_service, fill_form, pick_services, wait_shown, wait_until


def start(rig, kind):
    c = rig.app.controller
    rig.insert_card("v2")
    wait_until(lambda: c.cardState == "ok")
    c.chooseService(pick_services(c.d.catalog)[kind])
    c.beginService()
    if c.screen == "Form":
        fill_form(c)
        c.submitForm()
    return c


def test_camera_unplugged_while_capturing(rig):
    c = start(rig, "materials")
    wait_until(lambda: c.screen == "Materials")
    rig.unplug("camera")
    wait_until(lambda: "高拍仪" in c.capture.cameraHint)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in c.capture.cameraHint)
    wait_until(lambda: "高拍仪" in c.unavailableText)
    c.goHome()
    wait_until(lambda: c.screen == "Home")
    c.openTile("jobs")
    materials_service = pick_services(c.d.catalog)["materials"]
    assert not next(s for s in c.services if s["code"] == materials_service)["available"]
    do_service(c, rig, pick_services(c.d.catalog)["plain"])  # what needs no camera still works


def test_signature_pad_unplugged_falls_back_to_the_glass(rig):
    c = start(rig, "plain")
    wait_until(lambda: c.screen == "Signature")
    assert c.capture.padOk
    rig.sigpad.unplug()
    wait_until(lambda: not c.capture.padOk)
    assert "签名板" in c.unavailableText
    wait_shown(c)
    rig.app.window.grabWindow()
    sheet = find(rig.app, "signatureSheet")
    glass = [i for i in sheet.childItems() if i.inherits("QQuickMouseArea")]
    wait_until(lambda: glass[0].isEnabled())  # the finger can sign now
    from ui.tour import sign_on_glass

    sign_on_glass(c.capture)
    c.capture.confirmSignature()
    wait_until(lambda: c.screen == "Review")
    assert c.session.signature_png.startswith(b"\x89PNG")
    glass = from_record(c.session.signature_record)  # the glass keeps a record too, the same model as the pad's
    assert glass.device.kind == "glass" and glass.point_count == 29 and glass.duration_ms >= 0
    # queued: the sealed record is bound to what was signed (opened with the hub's escrowed key)
    confirm_to_receipt(c)
    opened, attachments = opened_application(rig)
    record = attachments["signature_record"]
    binding = opened["payload"]["signature_binding"]
    assert binding["transaction"] == flow.signing_digest(opened["meta"]["service_code"], opened["payload"]["form"],
                                                         binding["context"])
    assert verify_binding(record, binding["transaction"]) and from_record(record).point_count == 29
    assert not verify_binding(record, flow.signing_digest("SB-999", opened["payload"]["form"], binding["context"]))


def test_printer_out_of_paper_keeps_the_receipt_on_screen(rig):
    rig.printer.set_state(PrinterState.OUT_OF_PAPER)
    c = rig.app.controller
    rig.insert_card("v2")
    wait_until(lambda: c.cardState == "ok")
    number = do_service(c, rig, pick_services(c.d.catalog)["plain"],
                        lambda name: name == "Receipt" and wait_until(lambda: "缺纸" in c.printStatus))
    assert number.startswith("SL")
    assert not list((rig.data_dir / "printed").glob("*.pdf"))
