"""Monthly village statistics (休宁 / 芮城: 咨询、受理、办理数量和服务质量评价), from clear metadata only.

The kiosk cannot open what it queued, so its count comes from what the store keeps in clear: each
item's kind, service code, state and time, and the audit log's actor / event / outcome. The 好差评
level is not personal data and goes in clear as the outcome of a ``rating.level`` audit record
(``kiosk.ratings.record_rating_level``). The hub counts again from the decrypted items; that count is authoritative.

Definitions (one line each, so the county can argue with them):
- consultations: queued items of query services (查询类) plus ``service.consulted`` audit records;
- acceptances: applications of the other services (受理);
- completions: acceptances of services done on the spot at village level (受理+办理);
- delivered: acceptances the hub has acknowledged;
- assisted: items a clerk queued for a villager (帮办 / 上门 / 代理办);
- rated: 好差评 items queued; ``ratings`` splits them by level where the level was recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.ratings import LEVELS, RATING_EVENT  # recorded by kiosk.ratings, counted here
from kiosk.store.model import Actor, ItemKind, ItemState, Transaction

from .definitions import parse_period

STATISTICS_CODE = "TJ-MONTHLY"
CONSULT_EVENT = "service.consulted"


@dataclass(frozen=True)
class MonthlyStatistics:
    period: str
    consultations: int = 0
    acceptances: int = 0
    completions: int = 0
    delivered: int = 0
    assisted: int = 0
    ratings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))  # by level, where known
    ledger_items: int = 0
    rated: int = 0  # RATING items queued (counted even where the level was not recorded in clear)

    @property
    def rating_count(self) -> int:
        return sum(self.ratings.values())

    @property
    def satisfaction(self) -> float | None:
        """Share of 满意 and 非常满意 (levels 4-5), as 好差评 reports it; None without ratings."""
        n = self.rating_count
        return None if not n else (self.ratings["4"] + self.ratings["5"]) / n

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rating_count": self.rating_count, "satisfaction": self.satisfaction}

    def lines(self) -> list[str]:
        """The clerk screen's block, in plain Chinese."""
        year, month = parse_period(self.period)
        sat = "暂无评价" if self.satisfaction is None else f"满意率{self.satisfaction:.0%}"
        return [f"{year}年{month}月服务统计",
                f"咨询 {self.consultations} 次，受理 {self.acceptances} 件，当场办结 {self.completions} 件",
                f"已送达县里 {self.delivered} 件，其中帮办 {self.assisted} 件",
                f"收到评价 {max(self.rated, self.rating_count)} 条，{sat}",
                f"台账报送 {self.ledger_items} 条"]


def month_of(iso: str) -> str:
    # the store writes UTC; the village counts by its own calendar month
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m")


def monthly_statistics(period: str, items: Iterable[Any], audit_records: Iterable[Any], *,
                       query_codes: Collection[str] = (), on_the_spot_codes: Collection[str] = ()) -> MonthlyStatistics:
    """Pure: ``items`` are the store's OutboxItems (kind, service_code, state, created_at), ``audit_records``
    its AuditRecords; ``query_codes`` / ``on_the_spot_codes`` come from the catalog."""
    parse_period(period)
    counts = dict.fromkeys(("consultations", "acceptances", "completions", "delivered", "assisted", "ledger_items",
                            "rated"), 0)
    for item in items:
        if month_of(item.created_at) != period:
            continue
        counts["ledger_items"] += item.kind == ItemKind.LEDGER
        counts["rated"] += item.kind == ItemKind.RATING
        if item.kind != ItemKind.APPLICATION:
            continue
        if item.service_code in query_codes:
            counts["consultations"] += 1
            continue
        counts["acceptances"] += 1
        counts["completions"] += item.service_code in on_the_spot_codes
        counts["delivered"] += str(item.state) == ItemState.ACKNOWLEDGED
    ratings = dict.fromkeys(LEVELS, 0)
    for rec in audit_records:
        if month_of(rec.time) != period:
            continue
        if rec.event == RATING_EVENT and rec.outcome in ratings:
            ratings[rec.outcome] += 1
        elif rec.event == CONSULT_EVENT:
            counts["consultations"] += 1
        elif rec.event == "txn.enqueued" and rec.actor == Actor.CLERK and rec.actor_ref.startswith("p:"):
            # a clerk's own ledger items name the clerk; items done for a villager name the villager
            counts["assisted"] += 1
    return MonthlyStatistics(period, ratings=ratings, **counts)


def catalog_codes(services: Iterable[Any]) -> tuple[set[str], set[str]]:
    """(query service codes, on-the-spot service codes) from catalog Services."""
    services = list(services)
    return ({s.code for s in services if s.query},
            {s.code for s in services if s.village_level == "受理+办理" and not s.query})


def statistics_transaction(stats: MonthlyStatistics, village: str, clerk_ref: str) -> Transaction:
    payload = {"village": village, **stats.as_dict()}
    return Transaction(ItemKind.STATISTICS, STATISTICS_CODE, payload, actor=Actor.CLERK, actor_ref=clerk_ref,
                       clerk_ref=clerk_ref)
