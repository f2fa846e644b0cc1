"""The 好差评 level recorded in clear (kiosk.ratings): checked, audited as the ledgers count it, and light
enough that every villager's session records one without loading the clerk's ledgers."""

import json
import subprocess
import sys

import pytest

import kiosk.ledgers
from kiosk.ledgers.statistics import monthly_statistics
from kiosk.ratings import RATING_EVENT, record_rating_level
from kiosk.store.model import Actor


class AuditRecord:
    def __init__(self, actor, actor_ref, event, outcome, details, time="2026-11-23T10:05:00+00:00"):
        self.actor, self.actor_ref, self.event, self.outcome, self.details, self.time = (
            actor, actor_ref, event, outcome, details, time)


def test_a_level_is_audited_and_counted_by_the_monthly_statistics():
    records = []
    record_rating_level(lambda *args: records.append(AuditRecord(*args)) or len(records), 4, "SB-001", "p:abc")
    [rec] = records
    assert (rec.actor, rec.actor_ref, rec.event, rec.outcome, rec.details) == (
        Actor.VILLAGER, "p:abc", RATING_EVENT, "4", {"service_code": "SB-001"})
    stats = monthly_statistics("2026-11", [], records)
    assert stats.ratings["4"] == 1 and stats.rating_count == 1


@pytest.mark.parametrize("level", [0, 6, -1])
def test_a_level_outside_one_to_five_is_refused_and_nothing_is_audited(level):
    records = []
    with pytest.raises(ValueError):
        record_rating_level(lambda *args: records.append(args), level, "SB-001", "p:abc")
    assert records == []


def test_the_ledgers_api_still_offers_the_same_function():
    assert kiosk.ledgers.record_rating_level is record_rating_level


def test_recording_a_rating_loads_none_of_the_ledgers():
    code = "import json, sys, kiosk.ratings; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    modules = json.loads(out.stdout)
    assert "kiosk.ratings" in modules
    assert [m for m in modules if m.startswith(("kiosk.ledgers", "argon2", "yaml"))] == []
