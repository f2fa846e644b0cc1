"""A full disk: enqueue fails with the plain-Chinese message, earlier items stay intact, and the
store carries on once space is freed. Uses a 3 MB tmpfs in a private mount namespace (root)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import Config, replace
from kiosk.errors import StorageFull
from tests.support.store_kit import fake_txn, new_data_dir, open_test_store

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.root
@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="needs root and unshare")
@pytest.mark.parametrize("suite", ["gm", "intl"])
def test_tiny_tmpfs_fills_up(tmp_path, suite):
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, "-m",
                           "tests.support.full_disk_probe", str(tmp_path), suite],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["error"] is not None, "the disk never filled"
    assert report["error"]["type"] == "StorageFull"
    assert report["error"]["message"] == "存储空间不足，请联系管理员"
    assert "store.sqlite3" in report["error"]["detail"]
    assert len(report["receipts"]) >= 5
    assert report["stats_after_full"]["queued"] == len(report["receipts"])
    assert report["verify_after_full"] == f"ok {len(report['receipts']) + 1} records"
    assert set(report["receipts"]) | {report["after_freeing"]} == set(report["present"])
    assert report["opened"] == len(report["receipts"]) + 1
    assert report["integrity"] == "ok" and report["verify"].startswith("ok ")
    assert "Traceback" not in done.stderr


def test_min_free_space_guard_refuses_before_writing(tmp_path):
    data_dir, keys, _ = new_data_dir(tmp_path, "intl")
    config = replace(Config(), crypto={"suite": "intl"}, store={"min_free_mb": 100_000})
    with open_test_store(data_dir, keys, config=config) as store:
        with pytest.raises(StorageFull) as err:
            store.enqueue(fake_txn())
        assert err.value.message == "存储空间不足，请联系管理员"
        assert store.stats().counts["queued"] == 0 and store.verify_audit().ok
