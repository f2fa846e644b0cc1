"""The 好差评 level in clear, recorded beside each queued RATING item for the village's own monthly count
(``kiosk.ledgers.statistics`` counts it). The level is not personal data. Kept apart from the ledgers so the
kiosk records every session's rating without loading the clerk's ledger machinery (argon2, YAML definitions).
"""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.store.model import Actor

RATING_EVENT = "rating.level"
LEVELS = ("1", "2", "3", "4", "5")


class AuditFn(Protocol):
    def __call__(self, actor: Actor | str, actor_ref: str, event: str, outcome: str, details: dict[str, Any]) -> int: ...


def record_rating_level(audit: AuditFn, level: int, service_code: str, actor_ref: str) -> None:
    """Call beside queueing a RATING item: the level in clear, for the kiosk's own monthly count."""
    if str(level) not in LEVELS:
        raise ValueError(f"rating level {level} is not 1..5")
    audit(Actor.VILLAGER, actor_ref, RATING_EVENT, str(level), {"service_code": service_code})
