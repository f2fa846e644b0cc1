"""Waiting for a hub process that was just started (the demo's and the tests' hubs)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import requests


def wait_until_serving(url: str, cert_file: Path, proc: subprocess.Popen, log_file: Path,
                       timeout_s: float = 30.0) -> None:
    """Until ``GET /v1/health`` answers ok over the pinned certificate. The listening socket already exists
    (it is handed to the hub), so a request made while uvicorn starts waits in the backlog, not refused."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise RuntimeError(f"hub exited with {proc.returncode}; {log_file}: {tail}")
        try:
            if requests.get(f"{url}/v1/health", verify=str(cert_file), timeout=5).ok:
                return
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise TimeoutError(f"hub at {url} not healthy after {timeout_s} s")
