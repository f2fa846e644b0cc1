"""Full-disk probe, run inside ``unshare --mount --propagation private`` (root): fills a tiny tmpfs
through the real enqueue path and prints a JSON report for tests/kiosk/store/test_store_full_disk.py.

Usage: python -m tests.support.full_disk_probe WORKDIR SUITE
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.config import Config, replace
from kiosk.errors import StorageFull
from kiosk.keys import create_device_keys, read_escrowed_hub_private_key
from kiosk.store import DB_FILE, Store
from tests.support.store_kit import fake_txn, open_item


def probe(work: Path, suite: str) -> dict:
    mnt = work / "tiny"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mnt)], check=True)
    try:
        keys, _ = create_device_keys(mnt, suite)
        hub_private = read_escrowed_hub_private_key(mnt)
        filler = mnt / "filler"
        filler.write_bytes(b"\0" * 1_000_000)  # freed later to show the store recovers
        config = replace(Config(), crypto={"suite": suite}, store={"min_free_mb": 0})
        report: dict = {"receipts": [], "error": None}
        store = Store.open(mnt / DB_FILE, suite=suite, keys=keys, config=config)
        for i in range(500):
            try:
                report["receipts"].append(store.enqueue(fake_txn(i, image_bytes=60_000)).acceptance_no)
            except StorageFull as exc:
                report["error"] = {"message": exc.message, "detail": exc.detail, "type": type(exc).__name__}
                break
        report["stats_after_full"] = store.stats().counts
        report["verify_after_full"] = store.verify_audit().summary()
        filler.unlink()
        report["after_freeing"] = store.enqueue(fake_txn(999, image_bytes=1000)).acceptance_no
        store.close()
        with Store.open(mnt / DB_FILE, suite=suite, keys=keys, config=config, create=False) as again:
            # read-only from here: the disk is nearly full again
            items = {i.acceptance_no: again.sealed_item(i.txn_id) for i in again.list_items(limit=10_000)}
            report["present"] = sorted(items)
            report["opened"] = sum(
                open_item(items[a], hub_private, keys.device_id)["meta"]["acceptance_no"] == a
                for a in report["receipts"] + [report["after_freeing"]])
            report["integrity"] = again.integrity_check()
            report["verify"] = again.verify_audit().summary()
        return report
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


if __name__ == "__main__":
    print(json.dumps(probe(Path(sys.argv[1]), sys.argv[2]), ensure_ascii=False))
