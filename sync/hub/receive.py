"""Receiving one verified batch: open each item, dedup by txn_id, check the audit checkpoint.

``check_checkpoint`` is pure (unit-tested alone); ``receive_batch`` does the I/O through ``HubDB``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.store.audit import checkpoint_message
from sync import protocol, signing
from sync.protocol import Batch, BatchReply, Checkpoint, ItemReceipt

from . import crypto_service
from .storage import CheckpointRecord, Device, HubDB, NewItem, dumps, now_iso

log = logging.getLogger(__name__)

Opener = Callable[[str, bytes, dict[str, Any]], Any]  # (suite, sealed, aad) -> content; raises on failure


def check_checkpoint(old_seq: int, old_head: str, cp: Checkpoint) -> tuple[str, str]:
    """Does ``cp`` extend the last accepted checkpoint (old_seq, old_head)? Returns (status, reason).

    Same seq and head: ok (a resend). Greater seq: the links must run old_seq+1 .. cp.seq, the first
    link's prev_hash must be the old head (unless there was none), each link must chain to the next,
    and the last link's hash must be the new head.
    """
    if cp.seq < old_seq:
        return "flagged", f"checkpoint seq went back from {old_seq} to {cp.seq}"
    if cp.seq == old_seq:
        if old_seq == 0 or cp.head_hash == old_head:
            return "ok", ""
        return "flagged", f"head at seq {cp.seq} changed"
    links = cp.links
    if len(links) != cp.seq - old_seq:
        return "flagged", f"expected {cp.seq - old_seq} chain links, got {len(links)}"
    expected_prev = old_head if old_seq else links[0].prev_hash
    for n, link in enumerate(links, start=old_seq + 1):
        if link.seq != n:
            return "flagged", f"chain link seq {link.seq} where {n} was expected"
        if link.prev_hash != expected_prev:
            return "flagged", f"record {n} does not chain from the previous head"
        expected_prev = link.hash
    if expected_prev != cp.head_hash:
        return "flagged", "the last chain link does not reach the new head"
    return "ok", ""


def _checkpoint_signed(device: Device, cp: Checkpoint) -> bool:
    try:
        sig = protocol.b64d(cp.signature)
    except protocol.ProtocolError:
        return False
    message = checkpoint_message(device.device_id, cp.seq, cp.head_hash, cp.time)
    return signing.verify(device.suite, device.public_key, message, sig)


def receive_batch(db: HubDB, device: Device, batch: Batch, opener: Opener) -> BatchReply:
    receipts: dict[str, ItemReceipt] = {}
    known = db.known_txn_ids(i.txn_id for i in batch.items)
    new_items: list[NewItem] = []
    for item in batch.items:
        if item.txn_id in receipts:
            continue  # the same id twice in one batch: answer once
        if item.txn_id in known:
            receipts[item.txn_id] = ItemReceipt(txn_id=item.txn_id, status="duplicate")
            continue
        try:
            sealed = protocol.b64d(item.sealed)
            aad = {"txn_id": item.txn_id, "kind": item.kind, "service_code": item.service_code,
                   "device_id": device.device_id}
            content = opener(device.suite, sealed, aad)
        except Exception as exc:  # the item cannot be opened: reject it, keep the rest of the batch
            log.warning("item %s from %s rejected: %s", item.txn_id, device.device_id, exc)
            receipts[item.txn_id] = ItemReceipt(txn_id=item.txn_id, status="rejected",
                                                reason=f"无法解密或校验失败 ({type(exc).__name__})")
            continue
        new_items.append(NewItem(item.txn_id, item.kind, item.service_code, item.acceptance_no, item.created_at,
                                 dumps(content)))
        receipts[item.txn_id] = ItemReceipt(txn_id=item.txn_id, status="accepted")

    cp_record, advance, cp_status = None, None, "none"
    seq_after = device.checkpoint_seq
    if batch.checkpoint is not None:
        cp = batch.checkpoint
        cp_status, reason = check_checkpoint(device.checkpoint_seq, device.checkpoint_head, cp)
        if cp_status == "flagged" and cp.seq < device.checkpoint_seq and db.known_checkpoint(device.device_id, cp):
            cp_status, reason = "ok", ""  # a replayed or late batch: this checkpoint was accepted before
        if cp_status == "ok" and not _checkpoint_signed(device, cp):
            cp_status, reason = "flagged", "checkpoint signature does not verify"
        if cp_status == "flagged":
            log.warning("device %s audit checkpoint flagged: %s", device.device_id, reason)
        cp_record = CheckpointRecord(cp.seq, cp.head_hash, cp.time, cp.signature, cp_status, reason)
        if cp_status == "ok" and cp.seq > device.checkpoint_seq:
            advance = (cp.seq, cp.head_hash)
            seq_after = cp.seq

    inserted = db.store_batch(device.device_id, batch.batch_id, new_items, cp_record, advance)
    for item in new_items:
        if item.txn_id not in inserted:  # another hub process stored it between our check and insert
            receipts[item.txn_id] = ItemReceipt(txn_id=item.txn_id, status="duplicate")
        else:
            crypto_service.check_identity(db, item.txn_id, item.content)  # offline 3.0 card identities
    return BatchReply(batch_id=batch.batch_id, receipts=tuple(receipts.values()), checkpoint=cp_status,
                      checkpoint_seq=seq_after, server_time=now_iso())
