"""The pure data side of a 办件: catalog → form rows with card pre-fill, review rows, store records."""

import datetime as dt
import hashlib

import pytest

from kiosk.domain import Holder
from kiosk.session import CitizenSession
from kiosk.signature import from_normalised, to_record, verify_binding
from kiosk.store.model import ItemKind
from ui import flow
from ui.tour import luhn_complete, sample_value

HOLDER = Holder(id_number="11010519580307001X", name="欧阳𠮷䶮㑇", birth_date=dt.date(1958, 3, 7))
SERVICE = {
    "code": "SB-001", "name": "城乡居民养老保险参保登记", "category": "办社保", "needs_signature": True,
    "fields": [
        {"key": "name", "label": "姓名", "type": "name", "prefill": "holder.name"},
        {"key": "id_number", "label": "身份证号码", "type": "id_number", "prefill": "holder.id_number"},
        {"key": "birth", "label": "出生日期", "type": "date", "prefill": "holder.birth_date"},
        {"key": "phone", "label": "手机号码", "type": "phone", "keyboard": "numeric"},
        {"key": "grade", "label": "缴费档次", "type": "enum", "options": ["200元", "300元"]},
        {"key": "note", "label": "备注", "type": "text", "required": False, "prefill": "session.secret"},
    ],
    "materials": [{"name": "身份证", "profile": "id_card_front", "count": 2},
                  {"name": "可选材料", "profile": "a4", "required": False}],
}


def test_rows_prefilled_from_the_card_only():
    rows = {r["key"]: r for r in flow.form_rows(SERVICE, {}, HOLDER)}
    assert rows["name"]["value"] == "欧阳𠮷䶮㑇" and rows["birth"]["value"] == "1958-03-07"
    assert rows["phone"]["numeric"] and rows["id_number"]["numeric"] and not rows["name"]["numeric"]
    assert rows["grade"]["options"] == ["200元", "300元"]
    assert rows["note"]["value"] == "" and rows["note"]["required"] is False
    assert flow.form_rows(SERVICE, {"name": "改过"}, HOLDER)[0]["value"] == "改过"


def test_materials_expand_count_and_skip_optional():
    assert [m["id"] for m in flow.material_list(SERVICE)] == ["id_card_front_1", "id_card_front_2"]


def test_review_and_application_record():
    session = CitizenSession(HOLDER)
    try:
        session.form_values = {"name": HOLDER.name, "phone": "13800138000"}
        session.materials = {"id_card_front_1": [b"jpeg1"], "id_card_front_2": [b"jpeg2"]}
        rows = flow.review_rows(SERVICE, session.form_values, session.materials, signed=True)
        assert {"label": "手机号码", "value": "13800138000"} in rows
        assert {"label": "签名", "value": "已签名"} in rows and {"label": "备注", "value": "（未填写）"} in rows
        record = to_record(from_normalised([[[0.1, 0.5, 0.0], [0.6, 0.4, 400.0]]]))
        txn = flow.application(SERVICE, HOLDER, session.form_values, session.materials, b"png", record, "p:abc",
                               {"actor_ref": "p:abc"})
        assert txn.kind is ItemKind.APPLICATION and txn.service_code == "SB-001" and txn.actor_ref == "p:abc"
        assert [a.name for a in txn.attachments] == ["id_card_front_1", "id_card_front_2", "signature",
                                                     "signature_record"]
        assert txn.payload["holder"]["name"] == HOLDER.name
        # the signature is bound to this form, service and context (materials' hashes included)
        binding = txn.payload["signature_binding"]
        bound = next(a.data for a in txn.attachments if a.name == "signature_record")
        assert binding["context"]["materials"]["id_card_front_1"] == hashlib.sha256(b"jpeg1").hexdigest()
        assert binding["transaction"] == flow.signing_digest("SB-001", session.form_values, binding["context"])
        assert verify_binding(bound, binding["transaction"])
        changed = flow.signing_digest("SB-001", {**session.form_values, "phone": "13900139000"}, binding["context"])
        assert not verify_binding(bound, changed)
        assert "𠮷" not in repr(txn)
    finally:
        session.wipe()


def test_rating_levels_and_no_default():
    txn = flow.rating(1, ["等待时间长"], "SL1", "SB-001", "")
    assert txn.kind is ItemKind.RATING and txn.payload["level_text"] == "非常不满意"
    with pytest.raises(ValueError):
        flow.rating(0, [], "SL1", "SB-001", "")


def test_sample_values_are_valid():
    from kiosk.validators import check_bank_card  # the catalog's own check

    card = luhn_complete("622202020011223344")
    assert check_bank_card(card) is None
    assert sample_value({"options": [], "kind": "id_number"}, HOLDER) == HOLDER.id_number
