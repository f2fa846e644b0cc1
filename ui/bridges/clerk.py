"""协管员 mode as QML sees it (``clerk``): login, the home screen with due-date reminders and the month's
statistics, and the monthly ledger forms (drafts kept encrypted under the clerk's password).

Logins (argon2) and every store or book call run on a pool thread; results come back by signal. The
clerk's draft key and any half-typed entry are dropped at logout and after ``IDLE_MS`` without a touch.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QThreadPool, QTimer, Signal, Slot

from kiosk.ledgers import (
    BOOK_FILE,
    EntryInvalid,
    LedgerBook,
    by_code,
    close_period,
    load_ledgers,
    monthly_statistics,
    period_of,
    reminders,
    statistics_transaction,
    submit_entry,
)
from kiosk.ledgers.definitions import previous_period
from kiosk.ledgers.statistics import catalog_codes
from ui.i18n import tr

from .jobs import run_async

log = logging.getLogger(__name__)
IDLE_MS = 180_000  # a clerk steps away more often than a villager; three quiet minutes log them out


class ClerkBridge(QObject):
    changed = Signal()
    _done = Signal(object)
    _failed = Signal(str)

    def __init__(self, *, authenticate: Callable[[str, str], Any] | None, book: LedgerBook | None, store: Any,
                 catalog: Any = None, today: Callable[[], dt.date] = dt.date.today, village: str = "",
                 parent: QObject | None = None):
        super().__init__(parent)
        self._authenticate, self._book, self._store = authenticate, book, store
        self._catalog, self._today, self._village = catalog, today, village
        self._ledger_defs: list | None = None  # parsed by the first clerk who needs them (issue 8: 50 ms at start)
        self._ledger_defs_lock = threading.Lock()  # the UI thread and the pool thread both read them
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one clerk action at a time, in order
        self._done.connect(self._on_done)
        self._failed.connect(self._on_failed)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(lambda: self.logout("idle"))
        self.assisting: Any = None
        self._reset()

    def _reset(self) -> None:
        self._screen = ""
        self._account = None
        self._key = None
        self._message = ""
        self._busy = False
        self._reminders: list[str] = []
        self._stats: list[str] = []
        self._counts: dict[str, int] = {}
        self._ledger = None
        self._period = ""
        self._errors: dict[str, str] = {}
        self._values: dict[str, str] = {}
        self._draft_id = ""
        self._drafts: list[dict[str, str]] = []

    # --- what QML reads ----------------------------------------------------------------------------------
    screen = Property(str, lambda s: s._screen, notify=changed)
    message = Property(str, lambda s: tr(s._message), notify=changed)
    busy = Property(bool, lambda s: s._busy, notify=changed)
    clerkName = Property(str, lambda s: s._account.display_name if s._account else "", notify=changed)  # noqa: N815
    reminders = Property("QVariantList", lambda s: list(s._reminders), notify=changed)
    stats = Property("QVariantList", lambda s: list(s._stats), notify=changed)
    period = Property(str, lambda s: s._period, notify=changed)
    errors = Property("QVariantMap", lambda s: dict(s._errors), notify=changed)
    values = Property("QVariantMap", lambda s: dict(s._values), notify=changed)
    drafts = Property("QVariantList", lambda s: list(s._drafts), notify=changed)
    ledgerName = Property(str, lambda s: s._ledger.name if s._ledger else "", notify=changed)  # noqa: N815
    assist = Property(QObject, lambda s: s.assisting, constant=True)  # 帮办 (ui.bridges.assist), set by the factory

    def _ledgers(self) -> list:
        with self._ledger_defs_lock:
            if self._ledger_defs is None:
                self._ledger_defs = load_ledgers()
            return self._ledger_defs

    @Property("QVariantList", notify=changed)
    def ledgers(self) -> list[dict[str, Any]]:
        return [{"code": led.code, "name": led.name, "count": self._counts.get(led.code, 0)} for led in self._ledgers()]

    @Property("QVariantList", notify=changed)
    def fields(self) -> list[dict[str, Any]]:
        if self._ledger is None:
            return []
        return [{"key": f.key, "label": f.label, "required": f.required, "help": f.help,
                 "options": list(f.options), "numeric": f.keyboard == "numeric"} for f in self._ledger.fields]

    # --- plumbing ------------------------------------------------------------------------------------------
    def _set(self, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(self, "_" + name, value)
        self.changed.emit()

    def _start(self, work: Callable[[], Any], message: str) -> None:
        if self._busy:
            return
        self._idle.start()
        self._set(busy=True, message=message)
        run_async(self._pool, work, self._done.emit, self._failed.emit)

    def _on_failed(self, message: str) -> None:
        self._set(busy=False, message=message)

    def _on_done(self, result: tuple[str, Any]) -> None:
        tag, value = result
        self._busy = False
        if tag == "login":
            self._account, self._key = value
            if self.assisting is not None:
                self.assisting.login(self._account)
            self._set(screen="ClerkHome", message="")
        elif tag == "home":
            self._set(screen="ClerkHome", message=value or "")
        elif tag == "invalid":
            self._set(errors=value, message="有几项需要修改，请看红字提示")
        elif tag == "ledger":
            self._set(message=value, ledger=None, values={}, errors={}, draft_id="", screen="ClerkHome")
        elif tag == "draft":
            self._set(draft_id=value, message="草稿已保存（加密，只有您登录后能看到）")

    # --- login / logout ------------------------------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        if self._account is not None:  # serving a villager: the corner leads back to the clerk's home
            self.show("ClerkHome")
            return
        self._set(screen="ClerkLogin", message="" if self._authenticate else "本终端还没有协管员账号（kiosk user add --role clerk）")

    @Slot(str, str)
    def login(self, username: str, password: str) -> None:
        if self._authenticate is None or self._book is None:
            return

        def work():
            account = self._authenticate(username.strip(), password)
            if getattr(account.role, "value", account.role) not in ("clerk", "admin"):
                from kiosk.errors import UserFacingError

                raise UserFacingError("该账号不是协管员账号", detail=f"role {account.role}", code="role")
            key = self._book.unlock(account.username, password)
            self._refresh_home_sync()
            return ("login", (account, key))

        self._start(work, "正在验证…")

    @Slot()
    @Slot(str)
    def logout(self, reason: str = "logout") -> None:
        """Logout, idle or shutdown: the key is wiped, every typed value dropped."""
        self._idle.stop()
        if self.assisting is not None:
            self.assisting.logout(reason)
        if self._key is not None:
            self._key.wipe()
        if self._account is not None and self._store is not None:
            self._store.audit("clerk", self._account.actor_ref, "clerk.logout", reason, {})
        self._reset()
        self.changed.emit()

    # --- home ------------------------------------------------------------------------------------------------
    def _refresh_home_sync(self) -> None:
        """Runs on the pool thread (from a job) or right after one: reads the book and the store."""
        today = self._today()
        self._reminders = [r.text for r in reminders(self._ledgers(), today, self._book.closed_periods())]
        self._counts = self._book.entry_counts(previous_period(period_of(today)))
        query, spot = catalog_codes(getattr(self._catalog, "services", ()) or ())
        stats = monthly_statistics(period_of(today), self._store.list_items(limit=100_000),
                                   self._store.audit_records(), query_codes=query, on_the_spot_codes=spot)
        self._stats = stats.lines()
        self._month_stats = stats

    def show(self, screen: str) -> None:
        """帮办 moves between the clerk's screens and the kiosk's own ("" while the clerk serves a villager,
        when the kiosk's idle watch takes over from the clerk's)."""
        if screen:
            self._idle.start()
        else:
            self._idle.stop()
        self._set(screen=screen, message="")

    @Slot()
    def home(self) -> None:
        self._set(ledger=None, values={}, errors={}, draft_id="", screen="ClerkHome")

    @Slot()
    def sendStatistics(self) -> None:  # noqa: N802 (Qt naming)
        stats, account = self._month_stats, self._account
        self._start(lambda: ("home", "月度统计已排队报送：" + self._store.enqueue(
            statistics_transaction(stats, self._village, account.actor_ref)).acceptance_no), "正在报送…")

    # --- ledgers -----------------------------------------------------------------------------------------------
    @Slot(str)
    def openLedger(self, code: str) -> None:  # noqa: N802
        """Last month's report (the one due now); the clerk's drafts for it are listed to continue."""
        self._idle.start()
        ledger = by_code(self._ledgers(), code)
        period = previous_period(period_of(self._today()))
        drafts = [{"id": d.draft_id, "label": f"草稿 {i}（{len(d.values)} 项已填）"}
                  for i, d in enumerate(self._book.drafts(self._key, code, period), 1)]
        self._set(ledger=ledger, period=period, values={}, errors={}, draft_id="", drafts=drafts,
                  screen="ClerkLedger", message="")

    @Slot(str)
    def loadDraft(self, draft_id: str) -> None:  # noqa: N802
        draft = self._book.draft(self._key, draft_id)
        self._set(values=dict(draft.values), draft_id=draft_id, errors={})

    @Slot("QVariantMap")
    def saveDraft(self, values: dict) -> None:  # noqa: N802
        ledger, period, key, draft_id = self._ledger, self._period, self._key, self._draft_id or None
        clean = {k: str(v) for k, v in values.items() if str(v).strip()}
        self._values = clean
        self._start(lambda: ("draft", self._book.save_draft(key, ledger.code, period, clean, draft_id)), "正在保存…")

    @Slot("QVariantMap")
    def submit(self, values: dict) -> None:
        ledger, period, key, account = self._ledger, self._period, self._key, self._account
        draft = (key, self._draft_id) if self._draft_id else None
        clean = {k: str(v) for k, v in values.items() if str(v).strip()}
        self._values = clean

        def work():
            try:
                receipt = submit_entry(self._store, self._book, account, ledger, period, clean, draft=draft)
            except EntryInvalid as exc:
                return ("invalid", exc.errors)
            self._refresh_home_sync()
            return ("ledger", f"已提交 {ledger.name}：{receipt.acceptance_no}")

        self._start(work, "正在提交…")

    @Slot()
    def closeMonth(self) -> None:  # noqa: N802
        ledger, period, account = self._ledger, self._period, self._account

        def work():
            receipt = close_period(self._store, self._book, account, ledger, period)
            self._refresh_home_sync()
            return ("ledger", f"{ledger.name} {period} 已报送：{receipt.acceptance_no}")

        self._start(work, "正在报送…")

    def stop(self) -> None:
        self.logout("shutdown")
        self._pool.waitForDone(10_000)


def make_clerk_bridge(app: Any) -> ClerkBridge:
    """Built by ui/app.py from the parts it already owns (no second store handle)."""
    from kiosk.accounts import AccountStore
    from kiosk.accounts.cli import ACCOUNTS_DB

    parts = app.parts
    authenticate, book = None, None
    accounts_file = Path(app.data_dir) / ACCOUNTS_DB
    if parts.store is not None and accounts_file.exists():
        accounts = AccountStore(accounts_file, audit=parts.store.audit)
        book = LedgerBook(Path(app.data_dir) / BOOK_FILE, parts.store.suite)
        parts.extra_closers.extend([accounts.close, book.close])
        authenticate = accounts.authenticate
    bridge = ClerkBridge(authenticate=authenticate, book=book, store=parts.store, catalog=parts.catalog,
                         today=lambda: app.controller.d.wall_clock().date(), village=app.config.kiosk.village,
                         parent=app.controller)
    parts.extra_closers.append(bridge.stop)  # closers run last-first: the bridge stops before the book closes
    from .assist import AssistBridge

    bridge.assisting = AssistBridge(controller=app.controller, clerk=bridge, pseudonym_key=_pseudonym_key(app),
                                    audit=parts.store.audit if parts.store is not None else None, parent=bridge)
    app.controller.assist = bridge.assisting
    return bridge


def _pseudonym_key(app: Any) -> bytes | None:
    """The device's pseudonym key (帮办 names the villager by it, like the ordinary flow); None: no 帮办."""
    from kiosk.keys import load_device_keys

    try:
        return load_device_keys(Path(app.data_dir), app.config.crypto.suite).pseudonym_key
    except Exception:  # an uninitialised data dir: 帮办 is not offered
        log.info("no device keys: 帮办 not available")
        return None
