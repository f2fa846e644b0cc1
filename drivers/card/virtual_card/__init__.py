"""A virtual 社保卡 for tests and the demo: an APDU state machine with profiles, and a vpcd link.

Test and demo tooling only. It must not ship enabled on a kiosk: a kiosk never has vsmartcard-vpcd
installed (reference/smartcard.md pitfall 2), so the vpcd link has nothing to talk to there.
"""

from .card import CardPulled, VirtualCard
from .profiles import PROFILES, CardProfile, FakeVillager, profile

__all__ = ["PROFILES", "CardProfile", "CardPulled", "FakeVillager", "VirtualCard", "profile"]
