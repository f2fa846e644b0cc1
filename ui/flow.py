"""The data side of one 办件, without Qt: catalog services as plain dicts for QML, form rows with
card pre-fill, review rows, and the Transaction records handed to the store.

The catalog is read through attribute names documented for kiosk.catalog (``Service.code/name/fields/
materials/notice/speech/needs_card/needs_pin/needs_signature/undo_minutes/time_limit_days``,
``Field.key/label/type/required/help/options/keyboard/prefill``, ``Material.name/profile/required/count``);
``getattr`` with defaults keeps the UI showing what exists while the catalog grows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from kiosk.domain import Holder

if TYPE_CHECKING:  # the store package pulls in the crypto suites: not needed to draw the first screen
    from kiosk.store.model import Transaction

NUMERIC_KINDS = {"id_number", "phone", "bank_card", "number", "amount", "date"}

# The six home tiles. A category's services are those whose catalog category contains one of the words.
HOME_TILES: list[dict[str, Any]] = [
    {"key": "jobs", "title": "找工作", "hint": "求职登记、招聘信息", "words": ("就业", "招聘", "求职", "失业", "创业")},
    {"key": "skills", "title": "学技术", "hint": "职业培训、技能补贴", "words": ("培训", "技能", "职业")},
    {"key": "social", "title": "办社保", "hint": "养老、医疗、工伤、认证", "words": ("养老", "保险", "社保", "参保", "医疗", "工伤", "待遇", "认证")},
    {"key": "card", "title": "用社保卡", "hint": "挂失、补换、查询", "words": ("社保卡", "卡")},
    {"key": "policy", "title": "政策查询", "hint": "最新政策和通知", "words": ()},
    {"key": "rate", "title": "我要评价", "hint": "对服务提意见", "words": ()},
]
JOBS_INFO_CODE = "__jobs_info"  # the "看招聘信息" entry at the top of 找工作


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def service_code(service: Any) -> str:
    return str(_get(service, "code", "") or _get(service, "id", ""))


def service_category(service: Any) -> str:
    return str(_get(service, "category", "") or "")


def material_list(service: Any) -> list[dict[str, Any]]:
    """Required materials, each repeated ``count`` times (two sides of a card are two captures)."""
    out = []
    for m in _get(service, "materials", ()) or ():
        if not _get(m, "required", True):
            continue
        for i in range(max(1, int(_get(m, "count", 1) or 1))):
            ident = str(_get(m, "id", "") or _get(m, "profile", "free"))
            out.append({"id": f"{ident}_{i + 1}", "name": str(_get(m, "name", "")),
                        "profile": str(_get(m, "profile", "free") or "free")})
    return out


def service_dict(service: Any, *, available: bool = True) -> dict[str, Any]:
    return {
        "code": service_code(service),
        "name": str(_get(service, "name", "")),
        "category": service_category(service),
        "notice": str(_get(service, "notice", "") or ""),
        "speech": str(_get(service, "speech", "") or ""),
        "needs_card": bool(_get(service, "needs_card", False)),
        "needs_pin": bool(_get(service, "needs_pin", False)),
        "needs_signature": bool(_get(service, "needs_signature", False)),
        "undo_minutes": int(_get(service, "undo_minutes", 0) or 0),
        "time_limit_days": int(_get(service, "time_limit_days", 0) or 0),
        "materials": material_list(service),
        "available": available,
    }


def home_tiles(catalog_ready: bool) -> list[dict[str, Any]]:
    return [{"key": t["key"], "title": t["title"], "hint": t["hint"],
             "available": t["key"] in ("policy", "rate") or catalog_ready} for t in HOME_TILES]


def category_title(key: str, searching: bool) -> str:
    return "搜索结果" if searching else next((t["title"] for t in HOME_TILES if t["key"] == key), "")


def service_items(services: list, failed_devices: set[str], *, camera: bool) -> list[dict[str, Any]]:
    """The list rows; a service is greyed out when a device it needs has failed (or is not there)."""
    rows = []
    for s in services:
        info = service_dict(s)
        usable = not (info["needs_card"] and "card" in failed_devices) and \
            not (info["materials"] and (not camera or "camera" in failed_devices))
        rows.append({"code": info["code"], "name": info["name"], "available": usable})
    return rows


def receipt(acceptance_no: str, svc: dict[str, Any], now: dt.datetime, qr: str, assisted: list[str]) -> dict[str, Any]:
    """The 受理回执 as the screen and the printer show it; ``assisted``: the 帮办 lines (way, clerk)."""
    return {"acceptance_no": acceptance_no, "service": svc.get("name", ""), "service_code": svc.get("code", ""),
            "date": now.strftime("%Y-%m-%d %H:%M"), "time_limit_days": svc.get("time_limit_days", 0),
            "undo_minutes": svc.get("undo_minutes", 0), "qr": qr, "undone": False, "assisted": assisted}


def steps(svc: dict[str, Any], has_fields: bool) -> list[str]:
    """The screens of one 办件 in order, from the catalog's flags."""
    out = ["Notice"] + (["Pin"] if svc.get("needs_pin") else []) + (["Form"] if has_fields else [])
    out += (["Materials"] if svc.get("materials") else []) + (["Signature"] if svc.get("needs_signature") else [])
    return out + ["Review"]


def typed_identity(holder: Holder, typed: str) -> tuple[Holder, str]:
    """A 3.0 card read offline: the holder with the typed ID number (check digit verified), or the same
    holder and the validator's plain-Chinese reason. The hub confirms card ↔ ID number on sync."""
    from drivers.card.gen3 import InvalidIdNumber, confirm_typed_id

    try:
        return confirm_typed_id(holder, typed), ""
    except InvalidIdNumber as exc:
        return holder, exc.message


def field_key(field: Any) -> str:
    return str(_get(field, "key", "") or _get(field, "name", ""))


def prefill_value(field: Any, holder: Holder | None) -> str:
    """'holder.name' → the card's name. Only attributes of Holder, nothing else is reachable."""
    source = str(_get(field, "prefill", "") or "")
    if holder is None or not source.startswith("holder."):
        return ""
    value = getattr(holder, source.removeprefix("holder."), "")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def form_rows(service: Any, values: dict[str, str], holder: Holder | None) -> list[dict[str, Any]]:
    rows = []
    for f in _get(service, "fields", ()) or ():
        key = field_key(f)
        kind = str(_get(f, "type", "text") or "text")
        options = [str(_get(o, "label", o)) for o in (_get(f, "options", ()) or ())]
        rows.append({
            "key": key,
            "label": str(_get(f, "label", key)),
            "kind": kind,
            "required": bool(_get(f, "required", True)),
            "help": str(_get(f, "help", "") or ""),
            "options": options,
            "numeric": _get(f, "keyboard", "") == "numeric" or kind in NUMERIC_KINDS,
            "when": str(_get(f, "when", "any") or "any"),  # dates: past / future / any
            "value": values.get(key) if key in values else prefill_value(f, holder),
        })
    return rows


def review_rows(service: Any, values: dict[str, str], materials: dict[str, list[bytes]],
                signed: bool) -> list[dict[str, str]]:
    rows = [{"label": r["label"], "value": values.get(r["key"], "") or "（未填写）"}
            for r in form_rows(service, values, None)]
    for m in material_list(service):
        rows.append({"label": m["name"], "value": "已拍照" if materials.get(m["id"]) else "未拍照"})
    if _get(service, "needs_signature", False):
        rows.append({"label": "签名", "value": "已签名" if signed else "未签名"})
    return rows


def signing_digest(service_code_: str, values: dict[str, str], context: dict[str, Any]) -> str:
    """What a signature is bound to: the form as submitted, the service, and the acceptance context
    (who, when, the clerk in 帮办, the materials' hashes). The payload carries all three so the hub can
    recompute it."""
    canonical = json.dumps({"service_code": service_code_, "form": values, "context": context},
                           ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def application(service: Any, holder: Holder | None, values: dict[str, str], materials: dict[str, list[bytes]],
                signature_png: bytes, signature_record: bytes, actor_ref: str,
                context: dict[str, Any] | None = None) -> Transaction:
    from kiosk.signature import bind_record
    from kiosk.store.model import Attachment, ItemKind, Transaction

    attachments = [Attachment(f"{name}_{i}" if len(frames) > 1 else name, "image/jpeg", data)
                   for name, frames in materials.items() for i, data in enumerate(frames, 1)]
    payload: dict[str, Any] = {"service_name": str(_get(service, "name", "")), "form": dict(values)}
    if signature_png:
        attachments.append(Attachment("signature", "image/png", signature_png))
    if signature_record:
        context = {**(context or {}), "materials": {a.name: hashlib.sha256(a.data).hexdigest() for a in attachments
                                                    if a.media_type == "image/jpeg"}}
        digest = signing_digest(service_code(service), dict(values), context)
        signature_record = bind_record(signature_record, digest)
        payload["signature_binding"] = {"transaction": digest, "context": context}
        attachments.append(Attachment("signature_record", "application/json", signature_record))
    if holder is not None:
        payload["holder"] = {"id_number": holder.id_number, "name": holder.name,
                             "card_number": holder.card_number, "card_version": holder.card_version}
        if not holder.identity_confirmed:  # 3.0 card read offline: the hub confirms card ↔ ID number on sync
            payload["identity_to_confirm"] = {"card_number": holder.card_number, "id_number": holder.id_number}
    return Transaction(kind=ItemKind.APPLICATION, service_code=service_code(service), payload=payload,
                       attachments=tuple(attachments), actor_ref=actor_ref)


def withdrawal(service_code_: str, acceptance_no: str, actor_ref: str) -> Transaction:
    """Undo within the catalog's window: a second item the hub applies to the first (nothing is deleted)."""
    from kiosk.store.model import ItemKind, Transaction

    return Transaction(kind=ItemKind.APPLICATION, service_code=service_code_,
                       payload={"action": "withdraw", "acceptance_no": acceptance_no}, actor_ref=actor_ref)


RATING_TEXT = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


def rating(level: int, reasons: list[str], acceptance_no: str, service_code_: str, actor_ref: str) -> Transaction:
    from kiosk.store.model import ItemKind, Transaction

    if level not in RATING_TEXT:
        raise ValueError(f"rating level {level} is not 1..5")
    return Transaction(kind=ItemKind.RATING, service_code=service_code_ or "site",
                       payload={"acceptance_no": acceptance_no, "level": level, "level_text": RATING_TEXT[level],
                                "reasons": list(reasons), "channel": "自助终端"},
                       actor_ref=actor_ref)
