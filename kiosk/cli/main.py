"""The `kiosk` command: one argparse tree, assembled from command modules.

Each command module exposes ``register(subparsers)``; the handlers it sets take ``(args, ctx)``.
Device and sync commands live beside their code (``drivers.card.cli`` …) and are loaded by name, so the
core never imports a device library: a module whose libraries are missing is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from kiosk.errors import UserCancelled, UserFacingError

from .context import CliContext

log = logging.getLogger("kiosk.cli")

# Order is the order of `kiosk --help`.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.cli.core_commands",
    "kiosk.catalog.cli",
    "drivers.card.cli",
    "drivers.camera.cli",
    "drivers.sigpad.cli",
    "drivers.printer.cli",
    "sync.client.cli",
    "kiosk.accounts.cli",
    "kiosk.ledgers.cli",
    "ui.diag.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="村级人社自助终端 (village 人社 self-service kiosk)")
    parser.add_argument("--data-dir", help="data folder (default: KIOSK_DATA_DIR or the system data dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # a module not written yet, or a device library not installed on this machine
            if exc.name and (name.startswith(exc.name) or exc.name not in name):
                log.debug("command module %s unavailable: %s", name, exc)
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    ctx = CliContext(args.data_dir)
    try:
        return int(handler(args, ctx) or 0)
    except UserFacingError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.detail:
            print(f"  ({exc.detail})", file=sys.stderr)
        return 2
    except UserCancelled:
        return 130
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kiosk queue list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: the operator gets one line, the traceback goes to stderr only with -v
        log.debug("unexpected error", exc_info=True)
        print(f"错误：程序内部错误（{type(exc).__name__}），请联系技术员；加 -v 查看详情", file=sys.stderr)
        return 70
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
