"""Online query answers on the kiosk: held for one citizen session only, then wiped.

Pure: no network, no Qt. The answers are whatever the sync layer hands in (opaque here); this module
only decides what may be asked and guarantees that nothing of an answer outlives the session.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain import Holder

# what "我的查询" offers, in screen order: (kind, title)
QUERY_MENU: tuple[tuple[str, str], ...] = (
    ("contributions", "参保缴费记录"),
    ("benefits", "待遇"),
    ("card_status", "社保卡状态"),
    ("applications", "我的办件"),
)


@dataclass(frozen=True)
class Identity:
    """The card holder of this session and when the card was read and the PIN verified (never the PIN)."""

    card_number: str = field(repr=False)
    id_number: str = field(repr=False)
    card_read_at: dt.datetime
    pin_verified_at: dt.datetime | None = None

    @classmethod
    def from_holder(cls, holder: Holder, read_at: dt.datetime) -> Identity:
        return cls(holder.card_number, holder.id_number, read_at)

    def with_pin(self, at: dt.datetime) -> Identity:
        return Identity(self.card_number, self.id_number, self.card_read_at, at)


class SessionAnswers:
    """The answers of one session, by kind. ``wipe()`` drops them all; so does the session end."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[str, Any] = {}
        self.identity: Identity | None = None

    def __repr__(self) -> str:  # never the content
        return f"SessionAnswers(kinds={sorted(self._answers)})"

    def put(self, kind: str, answer: Any) -> None:
        with self._lock:
            self._answers[kind] = answer

    def get(self, kind: str) -> Any | None:
        with self._lock:
            return self._answers.get(kind)

    def kinds(self) -> list[str]:
        with self._lock:
            return sorted(self._answers)

    def wipe(self) -> None:
        with self._lock:
            self._answers.clear()
            self.identity = None


def days_left_text(days_left: int, status: str, final: bool) -> str:
    """The countdown line for one application, as a villager reads it."""
    if final:
        return f"已{status}"
    if days_left > 0:
        return f"还剩{days_left}天"
    if days_left == 0:
        return "今天到期"
    return f"已超期{-days_left}天，可拨打12333反映"
