"""Due-date reminders for the clerk home screen: pure, with the day passed in (tests pick any day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .definitions import Ledger, period_of, previous_period

LEAD_DAYS = 7  # a week's notice fits a clerk who comes to the service point twice a week


@dataclass(frozen=True)
class Reminder:
    ledger_code: str
    ledger_name: str
    period: str
    due: dt.date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def text(self) -> str:
        month = f"{int(self.period[:4])}年{int(self.period[5:])}月"
        when = f"{self.due.month}月{self.due.day}日"
        if self.overdue:
            return f"{month}{self.ledger_name}已逾期{-self.days_left}天（应于{when}前报送），请尽快填报"
        if self.days_left == 0:
            return f"{month}{self.ledger_name}今天到期，请今天报送"
        return f"{month}{self.ledger_name}请于{when}前报送（还有{self.days_left}天）"


def reminders(ledgers: Iterable[Ledger], today: dt.date, closed: Collection[tuple[str, str]],
              lead_days: int = LEAD_DAYS) -> list[Reminder]:
    """Reports not yet closed whose due date is within ``lead_days`` or past, most urgent first.

    Looks at last month and this month: an older gap is the county's business, and listing a year of
    old months would bury this month's work.
    """
    this = period_of(today)
    found = []
    for ledger in ledgers:
        for period in (previous_period(this), this):
            if (ledger.code, period) in closed:
                continue
            due = ledger.due_date(period)
            left = (due - today).days
            if left <= lead_days:
                found.append(Reminder(ledger.code, ledger.name, period, due, left))
    return sorted(found, key=lambda r: (r.days_left, r.ledger_code))
