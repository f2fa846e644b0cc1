"""帮办 on the touchscreen (issue 9), on the demo rig (real store with the hub escrow key, catalog, virtual devices):
the demo clerk logs in, identifies a villager by a typed ID number (a wrong check digit refused), records
the villager's signed consent, does a 帮办-channel service for them; the sealed item and the audit records
name both people, the receipt (screen and print) says 帮办 and names the clerk, and logout wipes it all."""

import subprocess

from kiosk.crypto.sealing import decode_attachments
from kiosk.keys import read_escrowed_hub_private_key
from kiosk.signature import verify_binding
from tests.e2e.support import opened_application, simple_service
from tests.support.store_kit import open_item
from ui import flow
from ui.demo import DEMO_PASSWORD
from ui.tour import do_service, wait_until

VILLAGER_ID = "11010519491231002X"  # a fake identity with a right check digit
ASSISTED_SERVICE = "JY-019"  # channel 帮办, a signature, no card needed


def consent_on_glass(assist) -> None:
    for stroke in ([(0.1 + i * 0.02, 0.5 + (0.12 if i % 2 else -0.12)) for i in range(25)],
                   [(0.7, 0.3), (0.72, 0.5), (0.75, 0.7)]):
        for i, (x, y) in enumerate(stroke):
            assist.consentPoint(x, y, i == 0)


def log_in(rig):
    clerk = rig.app.clerk
    clerk.open()
    clerk.login("xiezhu", DEMO_PASSWORD)
    wait_until(lambda: clerk.screen == "ClerkHome", 20)
    return clerk, clerk.assisting


def test_assisted_application_names_clerk_and_villager(rig):
    c = rig.app.controller
    clerk, assist = log_in(rig)
    assert assist.available
    assist.begin()
    assert clerk.screen == "ClerkAssist"
    assist.identifyTyped("110105194912310021", "王老汉")  # last digit wrong
    assert "身份证号码" in assist.message and clerk.screen == "ClerkAssist"
    assist.identifyTyped(VILLAGER_ID.lower(), "王老汉")
    assert clerk.screen == "ClerkConsent" and assist.villagerName == "王*汉" and assist.identifiedBy == "typed"
    assist.consentPoint(0.5, 0.5, True)
    assist.confirmSignatureConsent()  # a dot is no consent
    assert assist.message and clerk.screen == "ClerkConsent" and c.session is None
    assist.clearConsent()
    consent_on_glass(assist)
    assist.confirmSignatureConsent()
    wait_until(lambda: clerk.screen == "" and c.screen == "Services")
    assert c.session.holder.id_number == VILLAGER_ID and assist.active

    number = do_service(c, rig, ASSISTED_SERVICE)
    store = rig.parts.store
    items = {i.kind: i for i in store.list_items()}
    application = items["application"]
    assert application.acceptance_no == number
    hub_key = read_escrowed_hub_private_key(rig.data_dir)
    opened = open_item(store.sealed_item(application.txn_id), hub_key, rig.parts.device_id)
    payload = opened["payload"]
    block = payload["assisted"]
    assert block["clerk"]["username"] == "xiezhu" and block["clerk"]["display_name"] == "李协管"
    assert payload["holder"]["id_number"] == VILLAGER_ID and payload["holder"]["name"] == "王老汉"
    assert block["consent"]["method"] == "signature" and block["identified_by"] == "typed"
    meta = opened["meta"]
    assert meta["assisted"] and meta["actor"] == "clerk" and meta["clerk_ref"] == block["clerk"]["actor_ref"]
    assert meta["actor_ref"] == block["villager_ref"] and meta["actor_ref"]
    rating = open_item(store.sealed_item(items["rating"].txn_id), hub_key, rig.parts.device_id)
    assert rating["meta"]["assisted"] and rating["meta"]["clerk_ref"] == meta["clerk_ref"]
    # the villager's signature on the application is bound to what it signs
    record = {name: data for name, _type, data in decode_attachments(opened)}["signature_record"]
    binding = payload["signature_binding"]
    assert binding["context"]["clerk_ref"] == meta["clerk_ref"]
    assert binding["transaction"] == flow.signing_digest(ASSISTED_SERVICE, payload["form"], binding["context"])
    assert verify_binding(record, binding["transaction"])

    audit = store.audit_records()
    started = [r for r in audit if r.event == "assisted.started"]
    assert started and started[-1].actor == "clerk" and started[-1].actor_ref == meta["clerk_ref"]
    assert started[-1].outcome == meta["actor_ref"]  # both people on the record
    enqueued = [r for r in audit if r.event == "txn.enqueued" and r.actor == "clerk"]
    assert len(enqueued) == 2 and {r.actor_ref for r in enqueued} == {meta["actor_ref"]}
    assert any(r.event == "assisted.consent" for r in audit) and store.verify_audit().ok

    # the printed receipt says 帮办 and names the clerk
    pdfs = []
    wait_until(lambda: pdfs.extend(sorted((rig.data_dir / "printed").glob("*.pdf"))) or pdfs)
    text = subprocess.run(["pdftotext", str(pdfs[-1]), "-"], capture_output=True, text=True, check=True).stdout
    assert "帮办" in text and "李协管" in text

    # the villager is done: back to the 帮办 home for the next one; logout wipes the clerk's side too
    c.endSession("done")
    wait_until(lambda: clerk.screen == "ClerkAssist" and c.session is None)
    assert assist.villagerName == "" and not assist.active
    clerk.logout("logout")
    assert clerk.screen == "" and assist.session is None
    assert any(r.event == "assisted.session_ended" for r in store.audit_records())


def test_receipt_screen_says_assisted_and_idle_logs_the_clerk_out(rig):
    c = rig.app.controller
    clerk, assist = log_in(rig)
    assist.begin()
    rig.insert_card("v2")  # identified by the card this time
    wait_until(lambda: clerk.screen == "ClerkConsent")
    assert assist.identifiedBy == "card"
    consent_on_glass(assist)
    assist.confirmSignatureConsent()
    wait_until(lambda: c.screen == "Services")
    simple_service(c, "JY-002")  # 职业指导: a 帮办 service with no signature
    assert any("帮办" in line for line in c.receipt["assisted"])
    assert any("李协管" in line for line in c.receipt["assisted"])
    policy = c._policy()
    rig.clock.advance(policy.warning_after_s + policy.countdown_s + 1)
    c.check_idle()
    wait_until(lambda: c.session is None and clerk.screen == "" and clerk.clerkName == "")
    assert assist.session is None
    assert any(r.event == "clerk.logout" and r.outcome == "idle" for r in rig.parts.store.audit_records())


def test_consent_by_photographed_authorisation_form(rig):
    c = rig.app.controller
    clerk, assist = log_in(rig)
    assist.begin()
    assist.identifyTyped(VILLAGER_ID, "王老汉")
    assert clerk.screen == "ClerkConsent" and assist.cameraOk
    assist.usePhoto(True)
    rig.show_document("a4")  # the signed 代办授权书 under the document camera
    assist.takePhoto()
    wait_until(lambda: c.screen == "Services" and clerk.screen == "", 20)
    rig.take_away()
    consent = assist.session.consent
    assert consent.method.value == "authorisation_form" and consent.attachment.data.startswith(b"\xff\xd8")
    simple_service(c, "SB-039")  # 缴费提醒登记: 帮办, nothing to capture or sign
    opened, attachments = opened_application(rig)
    assert attachments["consent_form"] == consent.attachment.data
    assert opened["payload"]["assisted"]["consent"]["method"] == "authorisation_form"
    # the clerk goes back through the hidden corner and starts the next villager: this one is wiped
    clerk.open()
    assert clerk.screen == "ClerkHome"
    assist.begin()
    assert c.session is None and clerk.screen == "ClerkAssist" and assist.session.consent is None
