"""validate_form over real catalog services: good values pass, each bad value names its field."""

import pytest

from kiosk.catalog import Catalog, validate_form
from kiosk.catalog.forms import unknown_keys
from kiosk.catalog.model import Field

GOOD = {
    "text": "外出务工", "address": "重庆市高新区含谷镇含湖村三组", "name": "张三", "id_number": "11010519491231002X",
    "phone": "13812345678", "bank_card": "6228480402564890018", "date": "2024-03-07",
}


def good_value(field: Field) -> str:
    if field.type == "enum":
        return field.options[-1]
    if field.type in ("amount", "number"):
        return str(int(field.min if field.min is not None else 1))
    if field.type == "date" and field.when == "future":
        return "2099-01-01"
    if field.type in ("text", "address") and field.min_length > len(GOOD[field.type]):
        return "1" * field.min_length
    return GOOD[field.type]


@pytest.fixture(scope="module")
def catalog():
    return Catalog.load()


def test_every_form_accepts_well_formed_values(catalog):
    for service in catalog.services:
        values = {f.key: good_value(f) for f in service.fields}
        assert validate_form(service, values) == {}, service.code


def test_every_required_field_is_enforced(catalog):
    for service in catalog.services:
        errors = validate_form(service, {})
        assert set(errors) == {f.key for f in service.fields if f.required}, service.code
        for key, message in errors.items():
            assert message.startswith(("请填写", "请选择")) and service.field(key).label in message


def test_bad_values_are_named_by_field(catalog):
    service = catalog.get("SB-001")
    values = {f.key: good_value(f) for f in service.fields}
    values.update(id_number="110105194912310021", phone="1381234", bank_card="6228480402564890019",
                  resident_grade="250")
    errors = validate_form(service, values)
    assert errors == {
        "id_number": "身份证号码有误，请逐位核对",
        "phone": "请填写11位手机号码",
        "bank_card": "银行卡号有误，请逐位核对",
        "resident_grade": "请从列出的选项中选择一项",
    }
    # messages never echo the value typed
    assert not any("110105194912310021" in m or "6228480402564890019" in m for m in errors.values())


def test_optional_field_may_be_blank_but_not_wrong(catalog):
    service = catalog.get("SB-001")
    values = {f.key: good_value(f) for f in service.fields}
    values["bank_card"] = ""
    assert validate_form(service, values) == {}
    values["bank_card"] = "123"
    assert validate_form(service, values) == {"bank_card": "银行卡号应为12到19位数字"}


def test_amount_and_date_limits_come_from_data(catalog):
    loan = catalog.get("JY-015")
    values = {f.key: good_value(f) for f in loan.fields}
    values["loan_amount"] = "300000.01"
    assert validate_form(loan, values) == {"loan_amount": "金额不能大于300000元"}
    death = catalog.get("SB-038")
    values = {f.key: good_value(f) for f in death.fields}
    values["death_date"] = "2099-01-01"
    assert validate_form(death, values) == {"death_date": "这个日期不能晚于今天"}


def test_unknown_keys_are_reported(catalog):
    service = catalog.get("SK-006")
    assert unknown_keys(service, {"name": "x", "salary": "1"}) == ["salary"]


def test_catalog_validate_accepts_code(catalog):
    assert catalog.validate("SK-003", {"name": "张三", "id_number": "11010519491231002X"}) == {}
