"""PSAM: readers with a SAM slot, where a 人社-issued PSAM makes the EXTERNAL AUTHENTICATE cryptogram.

The SAM slot shows up as a second PC/SC reader (``[card] psam_reader``). Each vendor's PSAM has its own
command set for "diversify the RKSSSE key for this card and encrypt this challenge"; until one is added
here, ``UnsupportedPsam`` stands in as the crypto service and refuses with a plain sentence, so a
third-generation card fails clearly instead of answering 6982 somewhere in the middle of a read.
"""

from __future__ import annotations

from typing import Protocol

from .base import PsamNotSupported
from .gen3 import AuthChallenge


class PsamCommandSet(Protocol):
    """A vendor's PSAM commands over the SAM slot's transmit function (T=0 handling as for the card)."""

    name: str

    def external_auth(self, transmit, request: AuthChallenge) -> bytes:
        """Check the card's internal-auth answer on the PSAM and return the 16-byte cryptogram."""
        ...


class UnsupportedPsam:
    """The crypto service for a configured PSAM reader whose command set is not known yet."""

    def __init__(self, reader: str):
        self.reader = reader

    def external_auth(self, request: AuthChallenge) -> bytes:
        raise PsamNotSupported(detail=f"PSAM in {self.reader!r}: no vendor command set added yet (region "
                                      f"{request.region}, algorithm {request.algorithm})")
