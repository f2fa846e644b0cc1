"""`kiosk card readers`, `kiosk card read` and `kiosk card atr`: for the technician at the terminal.

Output is masked (张*三, 110101********1234); ``--trace`` prints the APDUs with EF06 values masked. The ATR
is printed in full: it names the card's chip and OS, not its holder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import threading
from collections.abc import Iterator

from kiosk.config.schema import CardSection
from kiosk.domain import Holder, mask_name
from kiosk.errors import ConfigError
from kiosk.events import EventHub

from .base import CardError, CardReader, NoCard, atr_hex
from .events import CardInserted, CardReadFailed
from .factory import make_card_reader


def register(subparsers) -> None:
    parser = subparsers.add_parser("card", help="社保卡读卡器：列出读卡器、读卡 (social-security card reader)")
    sub = parser.add_subparsers(dest="card_command", metavar="ACTION", required=True)
    p = sub.add_parser("readers", help="list the PC/SC readers pcscd sees")
    p.set_defaults(handler=_readers)
    p = sub.add_parser("read", help="wait for a card and print its holder, masked, and its ATR")
    _slot_options(p)
    p.add_argument("--trace", action="store_true", help="print the APDU trace (personal values masked) to stderr")
    p.set_defaults(handler=_read)
    p = sub.add_parser("atr", help="wait for a card and print only its ATR (tells a 2.0, a 3.0 and a wrong card apart)")
    _slot_options(p)
    p.set_defaults(handler=_atr)


def _slot_options(p) -> None:
    p.add_argument("--reader", help="reader name or prefix (default: config [card] reader)")
    p.add_argument("--virtual", metavar="PROFILE", help="use the in-process virtual card with this profile")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a card (default 10)")


def _section(args, ctx):
    try:
        section = ctx.config.card
    except ConfigError:
        if not (getattr(args, "virtual", None) or getattr(args, "reader", None)):
            raise
        section = CardSection()  # an explicit reader needs no config file (technician on a fresh install)
    if getattr(args, "virtual", None):
        return dataclasses.replace(section, driver="virtual")
    reader = getattr(args, "reader", None)
    if reader:
        return dataclasses.replace(section, driver="pcsc", reader=reader)
    return section


def _readers(args, ctx) -> int:
    try:
        configured = ctx.config.card
    except ConfigError:
        configured = CardSection()
    device = make_card_reader(dataclasses.replace(configured, reader=""), EventHub())
    if device is None:
        print("读卡器：未配置 (card.driver = none)")
        return 1
    device.start()
    try:
        names = device.readers()
    finally:
        device.stop()
    for name in names:
        mark = "  <- 配置的读卡器 (configured)" if configured.reader and name.startswith(configured.reader) else ""
        print(f"{name}{mark}")
    if not names:
        print("没有找到读卡器 (no readers)")
    return 0 if names else 1


def mask_card_number(number: str) -> str:
    return number[:1] + "*" * max(0, len(number) - 3) + number[-2:] if len(number) > 3 else "*" * len(number)


def masked_view(holder: Holder) -> dict[str, str]:
    return {
        "name": mask_name(holder.name),
        "id_number": holder.masked_id,
        "sex": holder.sex,
        "ethnicity": holder.ethnicity,
        "birth_year": f"{holder.birth_date:%Y}" if holder.birth_date else "",
        "card_number": mask_card_number(holder.card_number),
        "card_version": holder.card_version,
        "issue_date": holder.issue_date.isoformat() if holder.issue_date else "",
        "expiry_date": holder.expiry_date.isoformat() if holder.expiry_date else "长期",
        "region_code": holder.region_code,
    }


LABELS = {
    "name": "姓名", "id_number": "社会保障号码", "sex": "性别", "ethnicity": "民族", "birth_year": "出生年份",
    "card_number": "卡号", "card_version": "规范版本", "issue_date": "发卡日期", "expiry_date": "有效期至",
    "region_code": "发卡地区", "atr": "ATR",
}


@contextlib.contextmanager
def _card_in_slot(args, device: CardReader, events: EventHub) -> Iterator[object]:
    """Starts ``device`` and gives its first read outcome (CardInserted or CardReadFailed); stops it on exit."""
    outcome: list[object] = []
    done = threading.Event()

    def on_result(event) -> None:
        outcome.append(event)
        done.set()

    events.subscribe(CardInserted, on_result)
    events.subscribe(CardReadFailed, on_result)
    device.start()
    try:
        if args.virtual:
            device.insert(args.virtual)  # type: ignore[attr-defined]
        elif sys.stderr.isatty():
            print("请插入社保卡…", file=sys.stderr)
        if not done.wait(args.wait):
            raise NoCard(detail=f"no card within {args.wait:.0f} s")
        yield outcome[0]
    finally:
        device.stop()


def _atr_of(device: CardReader) -> str:
    """The ATR in hex, or "" when the card gave none (a mute card, pulled meanwhile)."""
    try:
        return atr_hex(device.atr())
    except CardError:
        return ""


def _read(args, ctx) -> int:
    def trace(line: str) -> None:
        print(line, file=sys.stderr)

    events = EventHub()
    device = make_card_reader(_section(args, ctx), events, trace=trace if args.trace else None)
    if device is None:
        print("读卡器：未配置 (card.driver = none)", file=sys.stderr)
        return 1
    with _card_in_slot(args, device, events) as result:
        atr = _atr_of(device)
    if isinstance(result, CardReadFailed):
        if atr:  # a wrong card or an unsupported one is told apart by its ATR
            print(f"ATR：{atr}", file=sys.stderr)
        raise CardError(result.message, detail=f"read failed: {result.code}", code=result.code)
    view = {**masked_view(result.holder), "atr": atr}  # type: ignore[attr-defined]
    if args.json:
        print(json.dumps(view, ensure_ascii=False, indent=2))
    else:
        for key, value in view.items():
            print(f"{LABELS[key]}：{value}")
    return 0


def _atr(args, ctx) -> int:
    events = EventHub()
    device = make_card_reader(_section(args, ctx), events)
    if device is None:
        print("读卡器：未配置 (card.driver = none)", file=sys.stderr)
        return 1
    with _card_in_slot(args, device, events) as result:
        atr = _atr_of(device)
    read = "ok" if isinstance(result, CardInserted) else result.code  # type: ignore[attr-defined]
    if args.json:
        print(json.dumps({"atr": atr, "read": read}, ensure_ascii=False))
    else:
        print(f"ATR：{atr or '无（卡片没有应答）'}")
        print(f"读卡：{'成功' if read == 'ok' else read}")
    return 0 if atr else 1
