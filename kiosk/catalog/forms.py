"""Checking a filled-in form against its service: the same function on the kiosk screen and at the hub.

Returns ``{field key: plain-Chinese error}``; an empty dict means the form can be submitted. Values are
the strings the villager typed (or picked); nothing is echoed back in a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kiosk import validators as v

from .model import Field, Service


def check_field(field: Field, value: str) -> str | None:
    kind = field.type
    if kind == "id_number":
        return v.check_id_number(value)
    if kind == "phone":
        return v.check_phone(value, mobile_only=field.mobile_only)
    if kind == "bank_card":
        return v.check_bank_card(value)
    if kind == "date":
        return v.check_date(value, when=field.when)
    if kind == "name":
        return v.check_name(value)
    if kind == "enum":
        chosen = v.normalize(value)
        return None if any(chosen == v.normalize(o) for o in field.options) else "请从列出的选项中选择一项"
    if kind == "amount":
        return v.check_amount(value, minimum=None if field.min is None else Decimal(str(field.min)),
                              maximum=None if field.max is None else Decimal(str(field.max)))
    if kind == "number":
        return v.check_number(value, minimum=None if field.min is None else int(field.min),
                              maximum=None if field.max is None else int(field.max))
    # text and address
    return v.check_text(value, min_length=field.min_length, max_length=field.max_length)


def validate_form(service: Service, values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field in service.fields:
        raw = values.get(field.key)
        value = "" if raw is None else str(raw)
        if not v.normalize(value):
            if field.required:
                errors[field.key] = f"请填写{field.label}" if field.type != "enum" else f"请选择{field.label}"
            continue
        problem = check_field(field, value)
        if problem:
            errors[field.key] = problem
    return errors


def unknown_keys(service: Service, values: Mapping[str, Any]) -> list[str]:
    """Keys the form does not have: the hub refuses an item carrying them (an old or forged form)."""
    known = {f.key for f in service.fields}
    return sorted(k for k in values if k not in known)
