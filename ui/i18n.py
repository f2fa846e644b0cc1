"""Python-built text through Qt's translator, at the UI boundary.

The core, the drivers and sync say things in plain Chinese and never import Qt. Where their words reach
the screen (a bridge, the controller), they go through ``tr``: the Chinese text is the source string of
the ``messages`` context in assets/translations/kiosk_en.ts (English in messages_en.py there). With no
translator installed (Chinese, the default) every text comes back unchanged.

Sentences put together from parts ("网络正常，3 件待上传") are translated clause by clause, and numbers
or codes inside a clause stand as {0}, {1}… in the source, so "3 件待上传" finds "{0} 件待上传".
A text is either all English or left all Chinese, never half and half.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

CONTEXT = "messages"
CLAUSE_BREAK = re.compile(r"([，；])")
ENGLISH_BREAK = {"，": ", ", "；": "; "}
# a number, a date or a code like GZ-20261123-0001: kept as it is, whatever the language
VALUE = re.compile(r"[A-Za-z0-9.:/-]*\d[A-Za-z0-9.:/-]*")


def _translate(source: str) -> str | None:
    text = QCoreApplication.translate(CONTEXT, source)
    return text if text != source else None


def _clause(text: str) -> str | None:
    found = _translate(text)
    if found is not None:
        return found
    values = VALUE.findall(text)
    if not values or "{" in text:
        return None
    counter = iter(range(len(values)))
    template = _translate(VALUE.sub(lambda _m: f"{{{next(counter)}}}", text))
    return template.format(*values) if template is not None else None


def tr(text: str) -> str:
    """``text`` (plain Chinese) in the installed language; unchanged when there is no translation."""
    if not text:
        return text
    whole = _clause(text)
    if whole is not None:
        return whole
    parts = CLAUSE_BREAK.split(text)
    if len(parts) == 1:
        return text
    out = []
    for part in parts:
        if part in ENGLISH_BREAK:
            out.append(ENGLISH_BREAK[part])
        elif part.strip():
            english = _clause(part.strip())
            if english is None:
                return text
            out.append(english)
    return "".join(out).strip()


def tr_rows(rows: list[dict], *keys: str) -> list[dict]:
    """Copies of ``rows`` with the text under ``keys`` translated (tiles, result rows)."""
    return [{**row, **{k: tr(row[k]) for k in keys if isinstance(row.get(k), str)}} for row in rows]
