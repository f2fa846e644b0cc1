"""A handwritten signature: timed strokes with pressure, the checks that it is a real one, and its record.

Both the serial pad (drivers.sigpad) and the on-screen sign-on-glass fallback (ui) build a ``Signature``
here, so both are checked alike and stored alike. The record keeps what a forensic examiner needs (order,
time, pressure, the device's ranges), in the spirit of ISO/IEC 19794-7's full format written as JSON with
the channels X, Y, T, F (pressure) and S (tip switch), and carries a hash of the samples that can be bound
to the transaction it signs. Signatures are personal data: no repr of the points, never logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any

from kiosk.errors import UserFacingError

RECORD_FORMAT = "kiosk-signature-time-series/1"
MEDIA_TYPE = "application/json"
CHANNELS = ("X", "Y", "T", "F", "S")  # ISO/IEC 19794-7 channel names; T in ms since the first sample


@dataclass(frozen=True)
class SamplePoint:
    x: float
    y: float
    t_ms: float  # since the first sample of the signature
    pressure: float  # in the device's units, 0..max_pressure


@dataclass(frozen=True)
class CaptureDevice:
    """What captured the signature: the ranges make the raw numbers meaningful."""

    kind: str  # "pad" or "glass"
    model: str = ""
    protocol: str = ""  # "isdv4", "hanvon", "wacom4", "topaz"; "" for glass
    max_x: float = 1.0
    max_y: float = 1.0
    max_pressure: float = 1.0
    min_x: float = 0.0
    min_y: float = 0.0
    points_per_mm: float = 0.0  # 0: unknown (glass boxes in pixels)
    sample_rate_hz: float = 0.0


GLASS = CaptureDevice(kind="glass", model="touch screen")


@dataclass(frozen=True)
class Signature:
    strokes: tuple[tuple[SamplePoint, ...], ...] = field(repr=False)
    device: CaptureDevice = GLASS
    started_at: str = ""  # ISO 8601 UTC wall-clock time of the first sample

    def __repr__(self) -> str:  # counts only: the points are personal data
        return f"Signature({len(self.strokes)} strokes, {self.point_count} points, {self.device.kind})"

    @property
    def point_count(self) -> int:
        return sum(len(s) for s in self.strokes)

    @property
    def duration_ms(self) -> float:
        times = [p.t_ms for s in self.strokes for p in s]
        return max(times) - min(times) if times else 0.0

    def box(self) -> tuple[float, float, float, float]:
        """min x, min y, max x, max y in device units (all zero when empty)."""
        xs = [p.x for s in self.strokes for p in s]
        ys = [p.y for s in self.strokes for p in s]
        return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)

    def normalised_strokes(self) -> list[list[list[float]]]:
        """[[x, y], ...] per stroke in 0..1 of the device area: what the UI draws."""
        d = self.device
        sx, sy = max(d.max_x - d.min_x, 1e-9), max(d.max_y - d.min_y, 1e-9)
        return [[[(p.x - d.min_x) / sx, (p.y - d.min_y) / sy] for p in s] for s in self.strokes]

    def ink_length(self) -> float:
        """Total pen travel while down, in device units."""
        return sum(math.dist((a.x, a.y), (b.x, b.y)) for s in self.strokes for a, b in zip(s, s[1:], strict=False))


def from_normalised(strokes: list[list[list[float]]], device: CaptureDevice = GLASS, *,
                    started_at: str = "", interval_ms: float = 10.0) -> Signature:
    """A signature from UI strokes: each point [x, y] or [x, y, t_ms] or [x, y, t_ms, pressure 0..1],
    x and y in 0..1. Points without a time get ``interval_ms`` apart (glass strokes from older UIs)."""
    out, clock = [], 0.0
    sx, sy = device.max_x - device.min_x, device.max_y - device.min_y
    for stroke in strokes:
        points = []
        for point in stroke:
            t = float(point[2]) if len(point) > 2 else clock
            pressure = float(point[3]) if len(point) > 3 else 0.5
            points.append(SamplePoint(device.min_x + point[0] * sx, device.min_y + point[1] * sy, t,
                                      pressure * device.max_pressure))
            clock = t + interval_ms
        if points:
            out.append(tuple(points))
    return Signature(tuple(out), device, started_at or _now())


class SignatureBuilder:
    """Collects pen samples as they come (on a device thread) into strokes; thread-safe.

    A stroke starts when the tip goes down and ends when it comes up or leaves the pad.
    """

    def __init__(self, device: CaptureDevice):
        self._device = device
        self._lock = threading.Lock()
        self._strokes: list[list[SamplePoint]] = []
        self._t0: float | None = None
        self._started_at = ""
        self._down = False

    def set_device(self, device: CaptureDevice) -> None:
        with self._lock:
            self._device = device

    def add(self, x: float, y: float, pressure: float, down: bool, t: float) -> None:
        """``t`` in seconds on a monotonic clock."""
        with self._lock:
            if not down:
                self._down = False
                return
            if self._t0 is None:
                self._t0, self._started_at = t, _now()
            if not self._down:
                self._strokes.append([])
                self._down = True
            self._strokes[-1].append(SamplePoint(x, y, round((t - self._t0) * 1000.0, 3), pressure))

    def pen_up(self) -> None:
        with self._lock:
            self._down = False

    def clear(self) -> None:
        with self._lock:
            self._strokes, self._t0, self._started_at, self._down = [], None, "", False

    def snapshot(self) -> Signature:
        with self._lock:
            return Signature(tuple(tuple(s) for s in self._strokes if s), self._device, self._started_at)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- quality --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QualityRules:
    min_points: int = 20
    min_duration_ms: float = 300.0
    min_width_mm: float = 12.0
    min_height_mm: float = 3.0
    # without a physical size (glass, unknown pad): fractions of the capture area
    min_width_fraction: float = 0.12
    min_height_fraction: float = 0.03


@dataclass(frozen=True)
class QualityIssue:
    code: str  # "empty", "too_few_points", "too_fast", "too_small"
    hint: str  # plain Chinese, read out and shown to the villager


HINTS = {
    "empty": "没有检测到签名，请在签名区域签上您的名字",
    "too_few_points": "签名太短，请重新签名",
    "too_fast": "签名太快了，请一笔一画重新签名",
    "too_small": "签名太小，请写大一点，重新签名",
}


def check_quality(signature: Signature, rules: QualityRules = QualityRules()) -> list[QualityIssue]:
    """What is wrong with the signature, most basic first; an empty list means it can be accepted."""
    if not signature.point_count:
        return [QualityIssue("empty", HINTS["empty"])]
    issues = []
    if signature.point_count < rules.min_points:
        issues.append(QualityIssue("too_few_points", HINTS["too_few_points"]))
    if signature.duration_ms < rules.min_duration_ms:
        issues.append(QualityIssue("too_fast", HINTS["too_fast"]))
    x0, y0, x1, y1 = signature.box()
    d = signature.device
    if d.points_per_mm > 0:
        small = (x1 - x0) / d.points_per_mm < rules.min_width_mm or (y1 - y0) / d.points_per_mm < rules.min_height_mm
    else:
        small = ((x1 - x0) / max(d.max_x - d.min_x, 1e-9) < rules.min_width_fraction
                 or (y1 - y0) / max(d.max_y - d.min_y, 1e-9) < rules.min_height_fraction)
    if small:
        issues.append(QualityIssue("too_small", HINTS["too_small"]))
    return issues


def quality_hint(signature: Signature, rules: QualityRules = QualityRules()) -> str:
    """The first hint to give, or '' when the signature is acceptable."""
    issues = check_quality(signature, rules)
    return issues[0].hint if issues else ""


# --- the time-series record -----------------------------------------------------------------------


class SignatureRecordError(UserFacingError):
    code = "signature_record"
    message = "签名数据已损坏，请重新签名"


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _number(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(float(v), 3)


def _data_part(signature: Signature) -> dict[str, Any]:
    d = signature.device
    return {
        "format": RECORD_FORMAT,
        "channels": list(CHANNELS),
        "device": {k: (_number(v) if isinstance(v, float) else v) for k, v in d.__dict__.items()},
        "capture": {"started_at": signature.started_at, "duration_ms": _number(signature.duration_ms),
                    "strokes": len(signature.strokes), "points": signature.point_count},
        "strokes": [{"X": [_number(p.x) for p in s], "Y": [_number(p.y) for p in s],
                     "T": [_number(p.t_ms) for p in s], "F": [_number(p.pressure) for p in s],
                     "S": [1] * len(s)} for s in signature.strokes],
    }


def _binding_hash(data_hash: str, transaction: str) -> str:
    return "sha256:" + hashlib.sha256(f"{data_hash}\n{transaction}".encode()).hexdigest()


def to_record(signature: Signature, *, bound_to: str = "") -> bytes:
    """The record as canonical JSON bytes. ``bound_to`` is the digest (or id) of the transaction it signs;
    it can also be added later with ``bind_record`` once the transaction exists."""
    data = _data_part(signature)
    record = {**data, "data_hash": "sha256:" + hashlib.sha256(_canonical(data)).hexdigest()}
    if bound_to:
        record["binding"] = {"transaction": bound_to, "hash": _binding_hash(record["data_hash"], bound_to)}
    return _canonical(record)


def _load(record: bytes) -> dict[str, Any]:
    try:
        value = json.loads(record.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SignatureRecordError(detail=f"record is not JSON: {exc.__class__.__name__}") from exc
    if not isinstance(value, dict) or value.get("format") != RECORD_FORMAT:
        raise SignatureRecordError(detail="record has the wrong format tag")
    data = {k: v for k, v in value.items() if k not in ("data_hash", "binding")}
    if value.get("data_hash") != "sha256:" + hashlib.sha256(_canonical(data)).hexdigest():
        raise SignatureRecordError(detail="record data hash does not match its samples")
    return value


def bind_record(record: bytes, transaction: str) -> bytes:
    """The same record bound to ``transaction`` (a digest of the transaction's canonical content)."""
    value = _load(record)
    value["binding"] = {"transaction": transaction, "hash": _binding_hash(value["data_hash"], transaction)}
    return _canonical(value)


def verify_binding(record: bytes, transaction: str) -> bool:
    """True when the samples are intact and the record is bound to exactly this transaction."""
    try:
        value = _load(record)
    except SignatureRecordError:
        return False
    binding = value.get("binding") or {}
    return (binding.get("transaction") == transaction
            and binding.get("hash") == _binding_hash(value["data_hash"], transaction))


def from_record(record: bytes) -> Signature:
    """The signature back from its record; raises ``SignatureRecordError`` if it was changed or is malformed."""
    value = _load(record)
    try:
        device = CaptureDevice(**value["device"])
        strokes = tuple(
            tuple(SamplePoint(x, y, t, f) for x, y, t, f in zip(s["X"], s["Y"], s["T"], s["F"], strict=True))
            for s in value["strokes"])
        return Signature(strokes, device, value["capture"]["started_at"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureRecordError(detail=f"record fields malformed: {exc.__class__.__name__}") from exc
