"""`kiosk ledger …` and `kiosk assist …`: the 协管员's ledgers and 帮办 from a shell (and the demo).

    kiosk ledger list [--today 2026-11-02]             ledgers, due dates, reminders, this month's entries
    kiosk ledger validate [FILE]                       check a ledger definition file
    kiosk ledger fill TZ-LDL --user U --period 2026-10 --set name=… [--draft | --draft-id ID]
    kiosk ledger drafts --user U                       the clerk's drafts (masked)
    kiosk ledger close TZ-LDL --user U --period 2026-10
    kiosk ledger stats [--period 2026-11] [--send --user U --village 示范村] [--json]
    kiosk assist password --user U                      change one's own password (first login); drafts re-keyed
    kiosk assist apply SERVICE --user U --id-number … --name … --consent-form FILE [--set k=v …]
                       [--mode 上门办 --visited-on 2026-11-20]

Staff passwords come from the terminal, or one line on stdin with --password-stdin.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
import time
from pathlib import Path

from kiosk.accounts import Account, AccountStore, Role
from kiosk.errors import UserFacingError

from .book import BOOK_FILE, LedgerBook
from .definitions import DEFAULT_LEDGERS, by_code, load_ledgers, parse_period, period_of
from .reminders import reminders
from .statistics import catalog_codes, monthly_statistics, statistics_transaction
from .submit import EntryInvalid, close_period, submit_entry


def register(sub) -> None:
    p = sub.add_parser("ledger", help="协管员台账：提醒、填报、草稿、报送、月度统计")
    cmds = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)

    s = cmds.add_parser("list", help="台账、报送期限、到期提醒和本月已填条数")
    s.add_argument("--today", help="按这一天计算提醒（YYYY-MM-DD，默认今天）")
    s.set_defaults(handler=cmd_list)

    s = cmds.add_parser("validate", help="校验台账定义文件")
    s.add_argument("path", nargs="?", default=str(DEFAULT_LEDGERS))
    s.set_defaults(handler=cmd_validate)

    for name, handler, text in (("fill", cmd_fill, "填写一条台账（提交，或 --draft 存草稿）"),
                                ("close", cmd_close, "本月该台账填完，报送")):
        s = cmds.add_parser(name, help=text)
        s.add_argument("ledger", help="台账编码，如 TZ-LDL")
        s.add_argument("--period", required=True, help="所属月份，如 2026-10")
        _staff_args(s)
        if name == "fill":
            s.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
            s.add_argument("--draft", action="store_true", help="只存草稿（加密，只有本人登录后能看）")
            s.add_argument("--draft-id", help="从这份草稿继续：先取草稿内容，再叠加 --set")
        s.set_defaults(handler=handler)

    s = cmds.add_parser("drafts", help="列出本人的草稿")
    _staff_args(s)
    s.set_defaults(handler=cmd_drafts)

    s = cmds.add_parser("stats", help="月度服务统计（咨询、受理、办结、评价）")
    s.add_argument("--period", help="月份，默认本月")
    s.add_argument("--json", action="store_true")
    s.add_argument("--send", action="store_true", help="作为月度统计报送县里")
    s.add_argument("--village", default="", help="村名（随统计报送）")
    s.add_argument("--user", help="报送统计的协管员（--send 时需要）")
    s.add_argument("--password-stdin", action="store_true")
    s.set_defaults(handler=cmd_stats)

    a = sub.add_parser("assist", help="帮办：协管员替群众办理")
    acmds = a.add_subparsers(dest="assist_command", metavar="ACTION", required=True)
    s = acmds.add_parser("apply", help="替一位群众办理一项服务")
    s.add_argument("service", help="服务编码，如 SB-005")
    _staff_args(s)
    s.add_argument("--id-number", required=True, help="群众的公民身份号码（校验位必须正确）")
    s.add_argument("--name", required=True, help="群众姓名")
    s.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    consent = s.add_mutually_exclusive_group(required=True)
    consent.add_argument("--consent-form", help="代办授权书照片（JPEG）")
    consent.add_argument("--signature-file", help="群众签名记录（kiosk sigpad capture 的 JSON）")
    s.add_argument("--mode", default="帮办", choices=["帮办", "上门办", "代理办"])
    s.add_argument("--visited-on", help="上门办理的日期（YYYY-MM-DD）")
    s.add_argument("--note", default="", help="上门情况说明")
    s.set_defaults(handler=cmd_assist_apply)
    s = acmds.add_parser("password", help="协管员修改自己的密码（首次登录必须先改），草稿随之重新加密")
    _staff_args(s)
    s.set_defaults(handler=cmd_assist_password)


def _staff_args(s) -> None:
    s.add_argument("--user", required=True, help="协管员用户名")
    s.add_argument("--password-stdin", action="store_true", help="从标准输入读一行密码")


# --- helpers ---------------------------------------------------------------------------------------------

def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("密码: ")


def _login(args, ctx) -> tuple[Account, str, object]:
    """(account, password, store): the clerk logs in; their actions are audited in the store."""
    store, accounts = _staff(ctx)
    password = _password(args)
    account = accounts.authenticate(args.user, password)
    if account.role not in (Role.CLERK, Role.ADMIN):
        raise UserFacingError("只有协管员可以办理", detail=f"{account.actor_ref} is not a clerk", code="not_clerk")
    return account, password, store


def _staff(ctx) -> tuple[object, AccountStore]:
    """The store and the accounts audited in it: one Store per process (a second would fork the audit chain)."""
    from kiosk.accounts.cli import ACCOUNTS_DB
    from kiosk.store import open_for_cli

    store = open_for_cli(ctx)
    accounts = AccountStore(ctx.data_dir / ACCOUNTS_DB, audit=store.audit)
    ctx.on_close(accounts.close)
    return store, accounts


def _book(ctx, store) -> LedgerBook:
    book = LedgerBook(ctx.data_dir / BOOK_FILE, store.suite)
    ctx.on_close(book.close)
    return book


def _values(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserFacingError(f"--set 的格式应为 字段=内容（这个不是：{key}）", detail="bad --set", code="bad_set")
        values[key.strip()] = value.strip()
    return values


def _print_errors(errors: dict[str, str]) -> None:
    for key, problem in sorted(errors.items()):
        print(f"  {key}: {problem}", file=sys.stderr)


# --- ledger commands -------------------------------------------------------------------------------------

def cmd_list(args, ctx) -> int:
    ledgers = load_ledgers()
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    book_path = ctx.data_dir / BOOK_FILE
    closed, counts = set(), {}
    if book_path.exists():
        from kiosk.crypto import get_suite

        book = LedgerBook(book_path, get_suite(ctx.config.crypto.suite))
        ctx.on_close(book.close)
        closed, counts = book.closed_periods(), book.entry_counts(period_of(today))
    for led in ledgers:
        print(f"{led.code:<8} {led.name}  每月报送，{period_of(today)} 应于 {led.due_date(period_of(today))} 前"
              f"  本月已填 {counts.get(led.code, 0)} 条")
    due = reminders(ledgers, today, closed)
    print("\n到期提醒：" if due else "\n没有到期的台账")
    for r in due:
        print(("  ！" if r.overdue else "  · ") + r.text)
    return 0


def cmd_validate(args, ctx) -> int:
    ledgers = load_ledgers(Path(args.path))
    print(f"{args.path}: {len(ledgers)} 个台账，全部通过校验")
    return 0


def cmd_fill(args, ctx) -> int:
    ledger = by_code(load_ledgers(), args.ledger)
    parse_period(args.period)
    account, password, store = _login(args, ctx)
    book = _book(ctx, store)
    key = book.unlock(account.username, password)
    try:
        values = book.draft(key, args.draft_id).values if args.draft_id else {}
        values.update(_values(args.set))
        if args.draft:
            draft_id = book.save_draft(key, ledger.code, args.period, values, draft_id=args.draft_id)
            print(f"草稿已保存：{draft_id}")
            return 0
        try:
            receipt = submit_entry(store, book, account, ledger, args.period, values,
                                   draft=(key, args.draft_id) if args.draft_id else None)
        except EntryInvalid as exc:
            print("错误：台账内容有误，未提交（可加 --draft 先存草稿）", file=sys.stderr)
            _print_errors(exc.errors)
            return 2
        print(f"已提交 {ledger.name} {args.period}：{receipt.acceptance_no}")
        return 0
    finally:
        key.wipe()


def cmd_drafts(args, ctx) -> int:
    from kiosk.domain import mask_id_number, mask_name

    account, password, store = _login(args, ctx)
    book = _book(ctx, store)
    key = book.unlock(account.username, password)
    try:
        drafts = book.drafts(key)
    finally:
        key.wipe()
    for d in drafts:
        shown = {k: mask_id_number(v) if "id_number" in k else mask_name(v) if k.endswith("name") else v
                 for k, v in d.values.items()}
        print(f"{d.draft_id}  {d.ledger_code}  {d.period}  {json.dumps(shown, ensure_ascii=False)}")
    print(f"{len(drafts)} 份草稿", file=sys.stderr)
    return 0


def cmd_close(args, ctx) -> int:
    ledger = by_code(load_ledgers(), args.ledger)
    account, _password, store = _login(args, ctx)
    receipt = close_period(store, _book(ctx, store), account, ledger, args.period)
    print(f"{ledger.name} {args.period} 已报送：{receipt.acceptance_no}")
    return 0


def cmd_stats(args, ctx) -> int:
    from kiosk.catalog.catalog import Catalog
    from kiosk.store import open_for_cli

    period = args.period or period_of(dt.date.today())
    parse_period(period)
    if args.send:
        if not args.user:
            raise UserFacingError("报送统计需要 --user", detail="--send without --user", code="no_user")
        account, _password, store = _login(args, ctx)
    else:
        store = open_for_cli(ctx)
    query, spot = catalog_codes(Catalog.load_active(ctx.data_dir).services)
    stats = monthly_statistics(period, store.list_items(limit=1_000_000), store.audit_records(),
                               query_codes=query, on_the_spot_codes=spot)
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False))
    else:
        print("\n".join(stats.lines()))
    if args.send:
        receipt = store.enqueue(statistics_transaction(stats, args.village, account.actor_ref))
        print(f"月度统计已排队报送：{receipt.acceptance_no}", file=sys.stderr)
    return 0


# --- 帮办 --------------------------------------------------------------------------------------------------

def cmd_assist_apply(args, ctx) -> int:
    from kiosk.assisted import (
        AssistedSession,
        AssistMode,
        HomeVisit,
        consent_by_form,
        consent_by_signature,
        villager_from_typed,
    )
    from kiosk.catalog.catalog import Catalog
    from kiosk.store.model import Attachment

    service = Catalog.load_active(ctx.data_dir).get(args.service)
    villager = villager_from_typed(args.id_number, args.name)  # checked before anyone is asked for a password
    holder = villager.holder
    prefill = {"holder.name": holder.name, "holder.id_number": holder.id_number}
    values = {f.key: prefill[f.prefill] for f in service.fields if f.prefill in prefill} | _values(args.set)
    errors = Catalog.load_active(ctx.data_dir).validate(service, values)
    if errors:
        print(f"错误：{service.name} 的表单有误，未提交", file=sys.stderr)
        _print_errors(errors)
        return 2
    account, _password, store = _login(args, ctx)
    session = AssistedSession(account, store.keys.pseudonym_key, audit=store.audit)
    try:
        mode = AssistMode(args.mode)
        visit = HomeVisit(dt.date.fromisoformat(args.visited_on), args.note) if args.visited_on else None
        session.serve(villager, mode, visit)
        attachments = []
        if args.consent_form:
            session.record_consent(consent_by_form(Path(args.consent_form).read_bytes(), time.time()))
        else:
            record = Path(args.signature_file).read_bytes()
            session.record_consent(consent_by_signature(record, time.time()))
            attachments.append(Attachment("signature_record", "application/json", record))
        receipt = store.enqueue(session.application(service.code, service.name, service.channel, values, attachments))
        print(f"已受理 {service.name}：{receipt.acceptance_no}")
        for line in session.receipt_lines():
            print(line)
        return 0
    finally:
        session.end("done")


def cmd_assist_password(args, ctx) -> int:
    """Old then new password (twice on a terminal; two lines with --password-stdin)."""
    store, accounts = _staff(ctx)
    if args.password_stdin:
        old, new = sys.stdin.readline().rstrip("\n"), sys.stdin.readline().rstrip("\n")
    else:
        old, new = getpass.getpass("原密码: "), getpass.getpass("新密码: ")
        if getpass.getpass("再输入一次新密码: ") != new:
            raise UserFacingError("两次输入的新密码不一致", detail="confirmation differs", code="password_mismatch")
    accounts.change_password(args.user, old, new)
    book = _book(ctx, store)
    if book.draft_count(args.user):
        book.rekey(book.unlock(args.user, old), new).wipe()
    print("密码已修改")
    return 0
