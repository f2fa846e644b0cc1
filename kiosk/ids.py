"""Typed identifiers (style guide §14): plain strings at run time, distinct types for the checker."""

from typing import NewType

TxnId = NewType("TxnId", str)  # a transaction's idempotency key (UUID4 hex), the hub dedups on it
AcceptanceNo = NewType("AcceptanceNo", str)  # 受理编号 shown to the villager and printed
DeviceId = NewType("DeviceId", str)
ServiceCode = NewType("ServiceCode", str)
CardSerial = NewType("CardSerial", str)
ActorRef = NewType("ActorRef", str)  # pseudonymous actor in the audit log, never a name or ID number
