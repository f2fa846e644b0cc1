"""Fault tickets: a failed check or the technician files one, and it travels to the hub like a transaction.

A ticket is a ``Transaction(kind=TICKET, service_code="TICKET-<device>")`` in the sealed outbox, so it is
durable, audited, retried and deduplicated exactly like a 办件. Its payload is the device, the symptom and
the diagnostic report of that device, scrubbed of anything that could be personal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kiosk.diag import Report, Status
from kiosk.store.model import Actor, ItemKind, OutboxItem, Receipt, Transaction

SERVICE_PREFIX = "TICKET-"
# keys a report must never carry to the hub, even masked (a check should not produce them in the first place)
PERSONAL_KEYS = frozenset({"holder", "name", "id_number", "masked_name", "masked_id", "signature", "image", "frame"})
MAX_TEXT = 300


def scrub(value: Any) -> Any:
    """A copy without personal keys, long strings cut: what may leave the terminal in a ticket."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if str(k).lower() not in PERSONAL_KEYS}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    return value


def device_report(report: Report | None, device: str) -> dict[str, Any]:
    if report is None:
        return {}
    whole = report.as_dict()
    checks = [c for c in whole["checks"] if c["check_id"].split(".", 1)[0] == device] or whole["checks"]
    return scrub({"created_at": whole["created_at"], "checks": checks})


def ticket_transaction(device: str, symptom: str, report: Report | None, *, source: str, village: str,
                       terminal: str, technician_ref: str = "") -> Transaction:
    payload = {"device": device, "symptom": scrub(symptom.strip()) or "未填写", "source": source,
               "village": village, "terminal": terminal, "report": device_report(report, device)}
    actor = Actor.TECHNICIAN if source == "technician" else Actor.SYSTEM
    return Transaction(ItemKind.TICKET, SERVICE_PREFIX + device, payload, actor=actor, actor_ref=technician_ref)


def file_ticket(store, device: str, symptom: str, report: Report | None = None, *, source: str = "technician",
                village: str = "", terminal: str = "", technician_ref: str = "") -> Receipt:
    """Queue one ticket; the receipt's 受理编号 is the ticket's number on both ends."""
    return store.enqueue(ticket_transaction(device, symptom, report, source=source, village=village,
                                            terminal=terminal, technician_ref=technician_ref))


def failed_symptoms(report: Report) -> dict[str, str]:
    """device → the first failing check's summary, for automatic tickets."""
    out: dict[str, str] = {}
    for result in report.results:
        if result.status is Status.FAIL and result.device not in out:
            out[result.device] = f"{result.title}：{result.summary}"
    return out


def local_tickets(items: Iterable[OutboxItem]) -> list[OutboxItem]:
    return [i for i in items if i.kind == ItemKind.TICKET.value]
