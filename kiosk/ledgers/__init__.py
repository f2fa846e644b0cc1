"""The 协管员 monthly ledgers (台账): definitions as data, entry checks, due-date reminders,
encrypted drafts, submission as sealed LEDGER items, and the monthly village statistics."""

from kiosk.ratings import record_rating_level  # its home is light: every villager's session records one

from .book import BOOK_FILE, Draft, DraftKey, DraftLocked, KdfParams, LedgerBook
from .definitions import (
    DEFAULT_LEDGERS,
    Ledger,
    LedgerError,
    by_code,
    load_ledgers,
    period_of,
    validate_entry,
)
from .reminders import Reminder, reminders
from .statistics import MonthlyStatistics, monthly_statistics, statistics_transaction
from .submit import EntryInvalid, close_period, submit_entry

__all__ = [
    "BOOK_FILE", "DEFAULT_LEDGERS", "Draft", "DraftKey", "DraftLocked", "EntryInvalid", "KdfParams", "Ledger",
    "LedgerBook", "LedgerError", "MonthlyStatistics", "Reminder", "by_code", "close_period", "load_ledgers",
    "monthly_statistics", "period_of", "record_rating_level", "reminders", "statistics_transaction",
    "submit_entry", "validate_entry",
]
