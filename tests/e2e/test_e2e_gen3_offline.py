"""A third-generation card read while the line to the county is down (issue 14), on the demo rig: the card
number starts the session, the ConfirmId screen asks for the ID number in one plain sentence, a wrong check
digit is refused, and the typed number fills the form and travels as ``identity_to_confirm``."""

from tests.e2e.support import confirm_to_receipt, opened_application, to_review
from tests.ui.support import find
from ui.tour import wait_until

TYPED_ID = "11010519491231002X"  # a fake identity with a right check digit
SERVICE = "JY-017"  # 求职登记: needs the card, pre-fills name and ID number


def test_offline_third_generation_card_asks_for_the_id_number(rig):
    c = rig.app.controller
    rig.set_network(False)
    rig.insert_card("v3")
    wait_until(lambda: c.screen == "ConfirmId" and c.spoken.get("ConfirmId"))
    assert c.identitySentence == "网络暂时不通，请输入您的身份证号码，县里核对后生效。"
    assert c.spoken["ConfirmId"] == c.identitySentence  # read aloud, and shown
    assert find(rig.app, "identitySentence").property("text") == c.identitySentence
    assert c.session.holder.id_number == "" and c.session.holder.card_number == "C11223344"

    c.confirmIdentity("110105194912310021")  # wrong check digit
    assert c.screen == "ConfirmId" and c.identityMessage and c.session.holder.id_number == ""
    c.confirmIdentity(TYPED_ID.lower())
    wait_until(lambda: c.screen == "Card")
    assert c.identityMessage == "" and not c.session.holder.identity_confirmed

    c.chooseService(SERVICE)
    c.beginService()
    wait_until(lambda: c.screen == "Form")
    assert {r["key"]: r["value"] for r in c.fields}["id_number"] == TYPED_ID  # the form pre-fill
    c.setValue("name", "刘秀英")  # offline the card gave no name: the villager types it
    to_review(c)
    confirm_to_receipt(c)
    opened, attachments = opened_application(rig)
    assert opened["payload"]["identity_to_confirm"] == {"card_number": "C11223344", "id_number": TYPED_ID}
    assert opened["payload"]["form"]["id_number"] == TYPED_ID
    assert not attachments  # nothing captured for this service
