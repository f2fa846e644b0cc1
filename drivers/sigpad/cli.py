"""`kiosk sigpad emulate` and `kiosk sigpad capture`: a pad on a pty, and a capture from any pad.

In one shell ``kiosk sigpad emulate --protocol isdv4`` prints the pty path and signs a generated name
whenever a host starts the pad (or, for pads without commands, opens the port). In another,
``kiosk sigpad capture --port <path> --protocol isdv4 --out sig.png`` captures one signature.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import threading
import time
from pathlib import Path

from kiosk.config.schema import SigpadSection
from kiosk.events import DeviceStateChanged, EventHub
from kiosk.signature import check_quality, from_record, to_record

from .emulator import PadEmulator, ink_from_signature
from .protocols import PROTOCOLS
from .render import render_png
from .serial_pad import SerialSigpad


def register(subparsers) -> None:
    parser = subparsers.add_parser("sigpad", help="签名板：采集与模拟 (signature pad capture and emulator)")
    sub = parser.add_subparsers(dest="sigpad_command", metavar="ACTION", required=True)

    emulate = sub.add_parser("emulate", help="run a pad emulator on a pty and print its path")
    emulate.add_argument("--protocol", choices=sorted(PROTOCOLS), required=True)
    emulate.add_argument("--link", type=Path, help="also make this symlink to the pty (a stable path)")
    emulate.add_argument("--name", default="张三丰", help="the name whose generated signature it writes")
    emulate.add_argument("--replay", type=Path, help="write this recorded signature (from capture --record) instead")
    emulate.add_argument("--time-scale", type=float, default=1.0, help="<1 sends faster than a real pad")
    emulate.add_argument("--noise", type=int, default=0, help="junk bytes to send before each signature")
    emulate.add_argument("--split", action="store_true", help="split each packet across two writes")
    emulate.add_argument("--signatures", type=int, default=0, help="exit after this many (0: run until Ctrl-C)")
    emulate.set_defaults(handler=_emulate)

    capture = sub.add_parser("capture", help="capture one signature; print strokes, write a PNG")
    capture.add_argument("--port", help="serial port (default: config [sigpad] port)")
    capture.add_argument("--protocol", choices=["auto", *sorted(PROTOCOLS)], help="default: config [sigpad]")
    capture.add_argument("--baud", type=int, help="default: the protocol's")
    capture.add_argument("--json", action="store_true", help="print the strokes as JSON")
    capture.add_argument("--out", type=Path, help="write the signature as PNG here")
    capture.add_argument("--record", type=Path, help="write the time-series record (JSON) here")
    capture.add_argument("--idle", type=float, default=1.5, help="seconds of pen-up that end the signature")
    capture.add_argument("--timeout", type=float, default=60.0, help="give up after this many seconds")
    capture.set_defaults(handler=_capture)


def _emulate(args, ctx) -> int:
    auto_sign = ink_from_signature(from_record(args.replay.read_bytes())) if args.replay else args.name
    emulator = PadEmulator(args.protocol, link=args.link, auto_sign=auto_sign, time_scale=args.time_scale)
    emulator.split_packets = args.split
    if args.noise:
        emulator.send_raw(bytes(range(256)) * (args.noise // 256) + bytes(range(args.noise % 256)))
    path = emulator.start()
    print(path, flush=True)
    print(f"签名板模拟器 ({args.protocol}) 已就绪：在另一个终端运行\n"
          f"  kiosk sigpad capture --port {path} --protocol {args.protocol} --out sig.png", file=sys.stderr)
    try:
        while not args.signatures or emulator.signatures_sent < args.signatures:
            time.sleep(0.2)  # the emulator works on its own thread; this only keeps the command alive
        emulator.drain(timeout=60)
        time.sleep(2.0)  # let the host read the last packets before the port goes away
    finally:
        emulator.close()
    return 0


def _capture(args, ctx) -> int:
    section = ctx.config.sigpad if ctx.config_path.exists() else SigpadSection()
    overrides = {k: v for k, v in (("port", args.port), ("protocol", args.protocol), ("baud", args.baud)) if v}
    section = dataclasses.replace(section, driver="serial", **overrides)
    events = EventHub()
    pad = SerialSigpad(section, events)
    done = threading.Condition()
    last = {"pen": 0.0, "state": ""}

    def on_pen(_x: float, _y: float, _down: bool) -> None:
        with done:
            last["pen"] = time.monotonic()
            done.notify_all()

    def on_state(event: DeviceStateChanged) -> None:
        with done:
            last["state"] = event.state
            done.notify_all()
        if event.message:
            print(f"签名板：{event.message}", file=sys.stderr)

    events.subscribe(DeviceStateChanged, on_state)
    print(f"请在签名板上签名…（{section.port}，{section.protocol}）", file=sys.stderr)
    deadline = time.monotonic() + args.timeout
    pad.start(on_pen)
    try:
        with done:
            while time.monotonic() < deadline:
                signed = pad.signature().point_count > 0
                if signed and time.monotonic() - last["pen"] >= args.idle:
                    break
                done.wait(min(0.1, max(0.0, deadline - time.monotonic())))
        pad.stop()
        signature = pad.signature()
    finally:
        pad.close()
    if not signature.point_count:
        print("没有采集到签名" + ("（签名板未连接）" if last["state"] != "capturing" else ""), file=sys.stderr)
        return 1
    issues = check_quality(signature)
    if args.json:
        print(json.dumps({
            "protocol": pad.protocol,
            "device": dataclasses.asdict(signature.device),
            "started_at": signature.started_at,
            "quality": [i.code for i in issues],
            "strokes": [{"points": [{"x": p.x, "y": p.y, "t": p.t_ms, "pressure": p.pressure} for p in s]}
                        for s in signature.strokes],
        }, ensure_ascii=False))
    else:
        print(f"采集到签名：{len(signature.strokes)} 笔，{signature.point_count} 点，"
              f"{signature.duration_ms / 1000:.1f} 秒（{pad.protocol}）")
    for issue in issues:
        print(f"提示：{issue.hint}", file=sys.stderr)
    if args.out:
        args.out.write_bytes(render_png(signature))
        print(f"PNG 已写入 {args.out}", file=sys.stderr)
    if args.record:
        args.record.write_bytes(to_record(signature))
    return 0
