"""The card reader as the rest of the kiosk sees it: a small Protocol, a state Enum and typed errors.

Implementations: ``pcsc.PcscCardReader`` (pyscard over a real pcscd) and ``virtual.VirtualCardReader``
(in-process, for the demo and the UI tests). Insertions, removals and failures are published as events
(``drivers.card.events``) on the EventHub the composition root passes in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from kiosk.domain import Holder
from kiosk.errors import DeviceError

__all__ = [
    "CardCommandFailed",
    "CardDataError",
    "CardError",
    "CardMute",
    "CardReader",
    "CardRemovedDuringRead",
    "CardState",
    "ERROR_STATES",
    "Holder",
    "InvalidPinFormat",
    "NoCard",
    "NoReader",
    "NotSocialSecurityCard",
    "PinBlocked",
    "PinResult",
    "PsamNotSupported",
    "PsamRequired",
    "WrongPin",
    "atr_hex",
]


class CardState(enum.Enum):
    STOPPED = "stopped"
    NO_READER = "no_reader"  # pcscd down, or the configured reader is not plugged in
    EMPTY = "empty"
    CARD_PRESENT = "card_present"  # seen by pcscd, not read yet
    READING = "reading"
    READY = "ready"  # a Holder is available
    ERROR = "error"  # the card in the slot could not be read; waiting for it to be pulled


ERROR_STATES = frozenset({CardState.NO_READER, CardState.ERROR})


def atr_hex(atr: bytes) -> str:
    """"3B 6C 00 00 …": how the diagnostic screen and `kiosk card` show an ATR."""
    return atr.hex(" ").upper()


@dataclass(frozen=True)
class PinResult:
    """The outcome of VERIFY. A wrong PIN is a result, not an exception: the service asks again."""

    ok: bool
    tries_left: int | None = None  # None when the card does not say (on success)


# --- errors: every failure the card or reader can cause, with a message a villager understands -------


class CardError(DeviceError):
    code = "card_error"
    message = "读卡失败，请重新插卡；如果还不行，请到窗口办理"


class NoReader(CardError):
    code = "reader"
    message = "读卡器未连接，请联系工作人员"


class NoCard(CardError):
    code = "no_card"
    message = "请插入社保卡"


class CardMute(CardError):
    code = "mute"
    message = "卡片没有响应，请拔出卡片后重新插入"


class CardRemovedDuringRead(CardError):
    code = "removed"
    message = "读卡时卡片被拔出，请重新插卡"


class NotSocialSecurityCard(CardError):
    code = "not_sscard"
    message = "这不是社保卡，请插入社会保障卡"


class PsamRequired(CardError):
    code = "psam"
    message = "此卡需要安全模块(PSAM)才能读取，请到窗口办理"


class PsamNotSupported(PsamRequired):
    """A PSAM reader is configured, but the two-step authentication is a later issue (14)."""

    message = "本终端的安全模块暂不支持读取此卡，请到窗口办理"


class CardDataError(CardError):
    """The card answered, but with something that is not a valid 社保卡 record (garbled, truncated)."""

    code = "bad_data"
    message = "卡片数据无法识别，请重新插卡；如果还不行，请到窗口办理"


class CardCommandFailed(CardError):
    """A status word with no more specific meaning; ``detail`` carries the SW."""


class WrongPin(CardError):
    code = "wrong_pin"

    def __init__(self, tries_left: int, *, detail: str = ""):
        self.tries_left = tries_left
        super().__init__(f"密码不正确，还可以再试 {tries_left} 次", detail=detail)


class PinBlocked(CardError):
    code = "blocked"
    message = "社保卡密码已锁定，请带身份证到窗口解锁"


class InvalidPinFormat(CardError):
    code = "pin_format"
    message = "密码应为6位数字，请重新输入"


@runtime_checkable
class CardReader(Protocol):
    """What services and the UI may ask of a card reader. All methods are safe from any thread."""

    @property
    def state(self) -> CardState: ...

    def start(self) -> None:
        """Start watching the reader; insertions and removals are published as events."""

    def stop(self) -> None: ...

    def readers(self) -> list[str]:
        """Names of the readers the system sees (for the diagnostic screen and `kiosk card readers`)."""
        ...

    def holder(self) -> Holder | None:
        """The holder of the card in the slot, if it has been read; never a previous card's."""
        ...

    def read_holder(self) -> Holder:
        """Read the card in the slot now. Raises a CardError subclass."""
        ...

    def atr(self) -> bytes:
        """The card's Answer To Reset: it names the chip and its OS, not the holder, so the diagnostic
        screen may show it (a 2.0, a 3.0 or a wrong card). Raises NoCard on an empty slot, CardMute if silent."""
        ...

    def verify_pin(self, pin: str) -> PinResult:
        """VERIFY, only when a service asks. Raises PinBlocked, NoCard, …; the PIN is never logged."""
        ...

    def transmit(self, apdu: bytes) -> bytes:
        """One APDU with T=0 handling (61xx/6Cxx); returns data + SW1 SW2."""
        ...
