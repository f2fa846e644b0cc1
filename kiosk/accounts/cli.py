"""`kiosk user …`: staff accounts from a shell (SSH or the installer)."""

from __future__ import annotations

import getpass
import sys

from . import ROLE_LABELS, AccountStore, Role

ACCOUNTS_DB = "accounts.db"


def register(sub) -> None:
    user = sub.add_parser("user", help="staff accounts (协管员 / 技术员 / 管理员)")
    cmds = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = cmds.add_parser("add", help="create an account with an initial password (changed at first login)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--name", default="", help="display name, e.g. 李华")
    add.add_argument("--password-stdin", action="store_true", help="read the initial password from stdin")
    add.set_defaults(handler=_add)

    lst = cmds.add_parser("list", help="list accounts")
    lst.set_defaults(handler=_list)

    unlock = cmds.add_parser("unlock", help="release a locked account")
    unlock.add_argument("username")
    unlock.set_defaults(handler=_unlock)

    reset = cmds.add_parser("reset-password", help="set a new initial password")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.set_defaults(handler=_reset)

    remove = cmds.add_parser("remove", help="delete an account")
    remove.add_argument("username")
    remove.set_defaults(handler=_remove)


def open_accounts(ctx) -> AccountStore:
    """The accounts file in the data dir; staff actions are audited in the store when it is there."""
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    audit = None
    try:
        from kiosk.store import open_for_cli  # the store's own CLI opener, when the data dir is initialised
    except ImportError:
        open_for_cli = None
    if open_for_cli is not None and ctx.config_path.exists():
        store = open_for_cli(ctx)
        audit = store.audit
    accounts = AccountStore(ctx.data_dir / ACCOUNTS_DB, audit=audit)
    ctx.on_close(accounts.close)
    return accounts


def _password(args, prompt: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次: ") != first:
        raise SystemExit("两次输入的密码不一致")
    return first


OPERATOR = "admin:cli"  # a shell operator on the terminal itself (root over SSH or the installer)


def _add(args, ctx) -> int:
    accounts = open_accounts(ctx)
    account = accounts.add(args.username, args.role, args.name or args.username, _password(args, "初始密码: "), by=OPERATOR)
    print(f"已创建 {ROLE_LABELS[account.role]} {account.username}；首次登录须修改初始密码")
    return 0


def _list(args, ctx) -> int:
    import time

    now = time.time()
    for a in open_accounts(ctx).list():
        state = "已锁定" if a.is_locked(now) else ("待改初始密码" if a.must_change_password else "正常")
        print(f"{a.username:<16} {ROLE_LABELS[a.role]:<4} {a.display_name:<8} {state}")
    return 0


def _unlock(args, ctx) -> int:
    open_accounts(ctx).unlock(args.username, by=OPERATOR)
    print(f"已解锁 {args.username}")
    return 0


def _reset(args, ctx) -> int:
    open_accounts(ctx).reset_password(args.username, _password(args, "新的初始密码: "), by=OPERATOR)
    print(f"已重置 {args.username} 的密码；下次登录须修改")
    return 0


def _remove(args, ctx) -> int:
    open_accounts(ctx).remove(args.username, by=OPERATOR)
    print(f"已删除 {args.username}")
    return 0
