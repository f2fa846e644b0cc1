"""Crypto suites (``gm`` and ``intl``) behind one interface, and the sealed-item format.

The kiosk seals with ``sealing.seal`` for the hub's public key; the hub opens with ``sealing.open_sealed``.
"""

from .suites import SUITE_NAMES, CryptoError, GmSuite, IntlSuite, KeyPair, Suite, get_suite

__all__ = ["SUITE_NAMES", "CryptoError", "GmSuite", "IntlSuite", "KeyPair", "Suite", "get_suite"]
