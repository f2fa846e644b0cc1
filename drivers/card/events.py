"""Card events, published on the kiosk's EventHub from the card worker thread.

The UI bridge matches them by class name; handlers run on the publisher's thread and must not block.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain import Holder


@dataclass(frozen=True)
class CardReading:
    """A card was seen in the slot; the read has started (the UI shows "正在读卡")."""

    reader: str


@dataclass(frozen=True)
class CardAuthenticating:
    """A third-generation card: the round trip to the county crypto service has started (show progress)."""

    reader: str


@dataclass(frozen=True)
class CardInserted:
    holder: Holder
    reader: str = ""


@dataclass(frozen=True)
class CardRemoved:
    reader: str = ""


@dataclass(frozen=True)
class CardReadFailed:
    code: str  # the CardError's code, e.g. "psam", "mute", "removed"
    message: str  # plain Chinese, from the error
    reader: str = ""
