"""The fault-test rig: a real hub, a fault proxy in front of it, an enrolled kiosk with an outbox and a
sync client on a manual clock. ``exactly_once`` is the check every fault test ends with."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.keys import load_device_keys
from kiosk.store import DB_FILE, Store
from kiosk.store.model import Attachment, ItemKind, Transaction
from sync.client import identity
from sync.client.backoff import Backoff, ManualClock
from sync.client.sender import HubLink, SyncClient
from sync.client.store_link import StoreCheckpoints
from sync.hub.storage import HubDB
from tests.support.hub import HubProcess
from tests.sync.faultproxy import FaultProxy


@dataclass
class Rig:
    hub: HubProcess
    proxy: FaultProxy
    data_dir: Path
    state: identity.SyncState
    outbox: Store
    clock: ManualClock
    hub_db: HubDB

    def close(self) -> None:
        """Everything the rig opened: the proxy's listener, the kiosk's store, the test's hub connection."""
        self.proxy.close()
        self.outbox.close()
        self.hub_db.close()

    def add(self, n: int, image_bytes: int = 0) -> list[str]:
        """Queue n fake-identity applications through the real enqueue path; returns their txn ids."""
        atts = (Attachment("id_card_front", "image/jpeg", bytes(image_bytes)),) if image_bytes else ()
        return [self.outbox.enqueue(Transaction(ItemKind.APPLICATION, "PENSION-ENROL",
                                                {"form": {"seq": k, "姓名": "测试用户"}}, atts)).txn_id
                for k in range(n)]

    def corrupt(self, txn_id: str) -> None:
        """Flip a bit of one sealed item on the kiosk's disk (a bad sector, a meddler)."""
        db = sqlite3.connect(self.data_dir / DB_FILE, isolation_level=None, timeout=10)
        blob = db.execute("SELECT sealed FROM items WHERE txn_id=?", (txn_id,)).fetchone()[0]
        db.execute("UPDATE items SET sealed=? WHERE txn_id=?", (blob[:-1] + bytes([blob[-1] ^ 1]), txn_id))
        db.close()

    def reason(self, txn_id: str) -> str:
        db = sqlite3.connect(self.data_dir / DB_FILE, timeout=10)
        try:
            return db.execute("SELECT reason FROM items WHERE txn_id=?", (txn_id,)).fetchone()[0]
        finally:
            db.close()

    def link(self, url: str | None = None, timeout_s: float = 1.5, signer=None) -> HubLink:
        return HubLink(url=url or self.proxy.url, ca_file=str(self.data_dir / "keys" / "hub-cert.pem"),
                       device_id=self.state.device_id,
                       signer=signer or identity.device_signer(self.data_dir), timeout_s=timeout_s)

    def client(self, *, url: str | None = None, batch_max_items: int = 10, events=None, signer=None,
               timeout_s: float = 1.5, outbox=None) -> SyncClient:
        return SyncClient(outbox or self.outbox, self.link(url, timeout_s, signer), batch_max_items=batch_max_items,
                          backoff=Backoff(2.0, 60.0), events=events, clock=self.clock,
                          checkpoints=StoreCheckpoints(self.outbox), hub_checkpoint_seq=self.device().checkpoint_seq)

    def device(self):
        return self.hub_db.device(self.state.device_id)

    def hub_txn_ids(self) -> list[str]:
        return [a["txn_id"] for a in self.hub_db.list_applications(self.state.device_id)]

    def exactly_once(self, txn_ids: list[str]) -> None:
        """0 lost, 0 duplicated: the hub holds each id once, and the kiosk has every one acknowledged."""
        at_hub = self.hub_txn_ids()
        assert len(at_hub) == len(set(at_hub)), "duplicated at the hub"
        assert sorted(at_hub) == sorted(txn_ids), f"lost: {len(set(txn_ids) - set(at_hub))}"
        counts = self.outbox.stats().counts
        assert counts.get("acknowledged", 0) == len(txn_ids) and counts.get("queued", 0) == 0, counts
        assert counts.get("sent", 0) == 0, counts
        device = self.device()
        assert not device.flagged and device.checkpoint_seq > 0, "audit chain not verified at the hub"


def make_rig(tmp_path: Path, hub: HubProcess, suite: str = "intl") -> Rig:
    data_dir = tmp_path / "kiosk"
    state = identity.enrol(data_dir, hub.url, hub.token("示范村"), suite)
    keys = load_device_keys(data_dir)
    outbox = Store.open(data_dir / DB_FILE, suite=keys.suite, keys=keys, config=None, create=True)
    proxy = FaultProxy(hub.port, hub.cert_file, hub.folder / "keys" / "tls-key.pem")
    hub_db = HubDB(hub.db_url or f"sqlite:///{hub.folder / 'hub.db'}")
    return Rig(hub, proxy, data_dir, state, outbox, ManualClock(), hub_db)
