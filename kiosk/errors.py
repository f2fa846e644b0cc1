"""The three kinds of error (style guide §13).

- ``UserFacingError``: something the person at the terminal must be told, in plain Chinese, with
  a detail string for the log. Drivers, the store and sync raise subclasses of it.
- ``UserCancelled``: the person backed out; never shown, never logged as a failure.
- anything else is a bug: logged, audited, and the UI shows a generic apology.
"""

from __future__ import annotations


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""


class UserFacingError(KioskError):
    """An error with a plain-Chinese message for the villager and a technical detail for the log.

    ``message`` must never contain personal data; ``detail`` must not either (it goes to the log).
    """

    code = "error"
    message = "系统繁忙，请稍后再试或到窗口办理"

    def __init__(self, message: str | None = None, *, detail: str = "", code: str | None = None):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        self.detail = detail
        super().__init__(f"{self.code}: {self.message}" + (f" ({detail})" if detail else ""))


class UserCancelled(KioskError):
    """The person at the terminal backed out."""


class ConfigError(UserFacingError):
    code = "config"
    message = "终端配置有误，请联系管理员"


class StorageFull(UserFacingError):
    code = "storage_full"
    message = "存储空间不足，请联系管理员"


class StorageError(UserFacingError):
    code = "storage"
    message = "终端数据存储出错，请联系管理员"


class DeviceError(UserFacingError):
    """A device failed; subclasses in drivers/ carry device-specific messages."""

    code = "device"
    message = "设备故障，请到窗口办理"
