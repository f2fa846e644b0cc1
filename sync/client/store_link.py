"""Adapters from ``kiosk.store.Store`` to what the sender needs: the audit checkpoint with its chain
links since the hub's last acknowledged checkpoint."""

from __future__ import annotations

from sync import protocol
from sync.protocol import ChainLink, Checkpoint


class StoreCheckpoints:
    """``checkpoint_for(after_seq)``: None when the audit log has nothing after ``after_seq`` (so an idle
    kiosk sends nothing), else a fresh signed checkpoint and the links from ``after_seq`` to it."""

    def __init__(self, store, max_links: int = 50_000):
        self.store = store
        self.max_links = max_links

    def checkpoint_for(self, after_seq: int) -> Checkpoint | None:
        if not self.store.audit_records(after_seq, limit=1):
            return None
        cp = self.store.checkpoint()
        records = [r for r in self.store.audit_records(after_seq, limit=self.max_links) if r.seq <= cp.seq]
        return Checkpoint(device_id=cp.device_id, seq=cp.seq, head_hash=cp.head_hash, time=cp.time,
                          signature=protocol.b64e(cp.signature),
                          links=tuple(ChainLink(seq=r.seq, prev_hash=r.prev_hash, hash=r.hash) for r in records))
