"""The 协管员 ledgers as data: loading assets/ledgers/ledgers.yaml and checking an entry against it.

Fields use the catalog's format and the catalog's field library, so a ledger form is checked by the
same ``validate_form`` as a service form, on the kiosk and at the hub.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.forms import unknown_keys, validate_form
from kiosk.catalog.loader import DEFAULT_CATALOG, CatalogError, _read_yaml, _Resolver, read_document
from kiosk.catalog.model import Field
from kiosk.errors import UserFacingError

DEFAULT_LEDGERS = Path(__file__).resolve().parents[2] / "assets" / "ledgers" / "ledgers.yaml"
PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ENTRY_KINDS = ("per_person", "per_month")
_LEDGER_KEYS = {"code", "name", "description", "entry", "due", "sources", "fields"}


class LedgerError(CatalogError):
    code = "ledgers"
    message = "台账定义有误，请联系管理员"


class BadPeriod(UserFacingError):
    code = "bad_period"
    message = "月份格式应为 年-月，例如 2026-11"


@dataclass(frozen=True)
class Ledger:
    code: str
    name: str
    description: str
    entry: str  # one of ENTRY_KINDS
    due_day: int  # 0: the last day of the month
    due_next_month: bool  # the period's report is due in the month after it
    fields: tuple[Field, ...]
    sources: tuple[str, ...]

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def due_date(self, period: str) -> dt.date:
        """The day the report for ``period`` ("2026-10") must be in."""
        year, month = parse_period(period)
        if self.due_next_month:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(self.due_day, last) if self.due_day else last)


def parse_period(period: str) -> tuple[int, int]:
    m = PERIOD_RE.match(period or "")
    if not m:
        raise BadPeriod(detail=f"bad period {period!r}")
    return int(m.group(1)), int(m.group(2))


def period_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def previous_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def _ledger(resolver: _Resolver, raw: Any, index: int) -> Ledger | None:
    where = f"ledgers[{index}]"
    if not isinstance(raw, dict):
        resolver.fail(where, "应是一个映射")
        return None
    where = f"台账 {raw.get('code', '?')} {raw.get('name', '')}".strip()
    stray = sorted(set(raw) - _LEDGER_KEYS)
    if stray:
        resolver.fail(where, f"不认识的键 {', '.join(map(str, stray))}")
    missing = sorted(k for k in ("code", "name", "fields", "due") if not raw.get(k))
    if missing:
        resolver.fail(where, f"缺少 {', '.join(missing)}")
        return None
    entry = raw.get("entry", "per_person")
    if entry not in ENTRY_KINDS:
        resolver.fail(where, f"entry 应是 {' / '.join(ENTRY_KINDS)}")
    due = raw["due"] if isinstance(raw["due"], dict) else {}
    day, month = due.get("day"), due.get("month")
    if not isinstance(day, int) or not 0 <= day <= 28 or month not in ("next", "same"):
        resolver.fail(where, "due 应是 {day: 0-28（0 表示月末）, month: next 或 same}")
        return None
    for src in raw.get("sources") or []:
        if str(src).split(":")[0] not in resolver.doc.get("sources", {}):
            resolver.fail(where, f"来源 “{src}” 不在 sources 里")
    fields = [f for i, item in enumerate(raw["fields"]) if (f := resolver.field(f"{where} 的 fields[{i}]", item))]
    keys = [f.key for f in fields]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        resolver.fail(where, f"字段 “{dup}” 重复了")
    return Ledger(code=str(raw["code"]), name=str(raw["name"]), description=str(raw.get("description", "")),
                  entry=entry, due_day=day, due_next_month=month == "next", fields=tuple(fields),
                  sources=tuple(str(s) for s in raw.get("sources") or ()))


def load_ledgers(path: str | Path = DEFAULT_LEDGERS, *, catalog_path: str | Path = DEFAULT_CATALOG) -> tuple[Ledger, ...]:
    """Every ledger in the file, or LedgerError listing every problem found."""
    path = Path(path)
    try:
        doc = _read_yaml(path)
        library = read_document(catalog_path).get("fields") or {}
    except CatalogError as exc:
        raise LedgerError(exc.problems, source=str(path)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("ledgers"), list):
        raise LedgerError([f"{path}: 应包含 ledgers 列表"])
    # the ledger file's own library extends (and may override) the catalog's
    resolver = _Resolver({"fields": {**library, **(doc.get("fields") or {})}, "materials": {},
                          "sources": doc.get("sources") or {}})
    ledgers = [led for i, raw in enumerate(doc["ledgers"]) if (led := _ledger(resolver, raw, i))]
    codes = [led.code for led in ledgers]
    for dup in sorted({c for c in codes if codes.count(c) > 1}):
        resolver.fail(f"台账 {dup}", "编码重复")
    if resolver.problems:
        raise LedgerError(resolver.problems, source=str(path))
    return tuple(ledgers)


def by_code(ledgers: tuple[Ledger, ...], code: str) -> Ledger:
    for led in ledgers:
        if led.code == code:
            return led
    raise UserFacingError("没有这个台账", detail=f"no ledger {code!r}", code="no_such_ledger")


def validate_entry(ledger: Ledger, values: Mapping[str, Any]) -> dict[str, str]:
    """``{field key: plain-Chinese problem}``; empty when the entry may be submitted. Unknown keys are a
    problem too (an entry from an older ledger version would otherwise lose them silently)."""
    errors = validate_form(ledger, values)  # validate_form only reads ``.fields``
    for key in unknown_keys(ledger, values):
        errors[key] = "此项不属于本台账"
    return errors
