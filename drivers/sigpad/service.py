"""The pad the config asks for: what the composition root calls."""

from __future__ import annotations

from kiosk.config.schema import SigpadSection
from kiosk.events import EventHub

from .base import Sigpad
from .serial_pad import SerialSigpad
from .virtual import VirtualSigpad


def make_sigpad(section: SigpadSection, events: EventHub) -> Sigpad | None:
    """A pad for ``[sigpad] driver``; None for "glass" (the villager signs on the screen)."""
    if section.driver == "serial":
        return SerialSigpad(section, events)
    if section.driver == "virtual":
        return VirtualSigpad(events)
    return None
