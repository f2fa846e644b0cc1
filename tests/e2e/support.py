"""Steps the e2e tests share: a service with nothing to capture, through to the receipt; the queued
application opened with the hub's escrowed key (what the county would see)."""

from __future__ import annotations

from kiosk.crypto.sealing import decode_attachments
from kiosk.keys import read_escrowed_hub_private_key
from tests.support.store_kit import open_item
from ui.tour import fill_form, wait_until


def to_review(c) -> None:
    """From the form (filled with valid sample values) or the notice to the review screen."""
    wait_until(lambda: c.screen in ("Form", "Review"))
    if c.screen == "Form":
        fill_form(c)
        c.submitForm()
        assert not c.formErrors, dict(c.formErrors)
    wait_until(lambda: c.screen == "Review")


def confirm_to_receipt(c) -> None:
    c.confirm()
    wait_until(lambda: c.screen == "Receipt", 30)


def simple_service(c, code: str) -> None:
    """A service with no materials and no signature, from the list to its receipt."""
    c.chooseService(code)
    c.beginService()
    to_review(c)
    confirm_to_receipt(c)


def opened_application(rig) -> tuple[dict, dict[str, bytes]]:
    """The (only) queued application, decrypted: the sealed document and its attachments by name."""
    store = rig.parts.store
    item = next(i for i in store.list_items() if i.kind == "application")
    opened = open_item(store.sealed_item(item.txn_id), read_escrowed_hub_private_key(rig.data_dir),
                       rig.parts.device_id)
    return opened, {name: data for name, _type, data in decode_attachments(opened)}
