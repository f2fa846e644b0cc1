"""Pseudonymous references for people in the audit log and in clear-text queue fields."""

from __future__ import annotations

import hashlib
import hmac


def pseudonym(id_number: str, key: bytes) -> str:
    """A stable, keyed, non-reversible reference for a person (audit ``actor_ref``), e.g. ``p:3f9a…``.

    Use ``DeviceKeys.pseudonym_key`` as the key, so the same villager gets the same reference on one
    kiosk and nobody without the key can test a guessed ID number against it.
    """
    digest = hmac.new(key, id_number.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
    return "p:" + digest[:24]
