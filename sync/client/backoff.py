"""When to try again: capped exponential backoff with jitter, on an injectable clock.

Pure: ``Backoff`` only computes delays; waiting goes through a ``Clock`` so tests replace time itself
(``ManualClock``) and no test ever sleeps through a real backoff.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Backoff:
    """Delay n (from 0) is drawn from [cap/2, cap] with cap = min(maximum, initial * 2**n): "equal
    jitter", so many kiosks coming back after an outage spread out, yet no retry comes immediately."""

    initial: float
    maximum: float
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def __post_init__(self) -> None:
        if not (0 < self.initial <= self.maximum):
            raise ValueError(f"need 0 < initial ({self.initial}) <= maximum ({self.maximum})")

    def cap(self) -> float:
        # the exponent is bounded so a kiosk that failed for months does not overflow a float
        return min(self.maximum, self.initial * 2 ** min(self.failures, 64))

    def next_delay(self) -> float:
        """Record one more failure and return how long to wait before the next try."""
        cap = self.cap()
        self.failures += 1
        return cap / 2 + self.rng.uniform(0, cap / 2)

    def reset(self) -> None:
        self.failures = 0


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def wait(self, wake: threading.Event, seconds: float) -> bool:
        """Wait up to ``seconds`` or until ``wake`` is set; True if woken."""
        ...


class RealClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, wake: threading.Event, seconds: float) -> bool:
        return wake.wait(seconds)


class ManualClock:
    """Time that moves only when someone waits: each wait returns at once and advances ``now`` by the
    full delay, and the delays are kept for assertions."""

    def __init__(self, start: float = 1000.0):
        self.now = start
        self.waits: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def wait(self, wake: threading.Event, seconds: float) -> bool:
        with self._lock:
            self.waits.append(seconds)
            self.now += seconds
        return wake.is_set()

    def jump(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds
