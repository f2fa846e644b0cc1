"""Policy and job information from the last synced downlink bundles, read from the data dir.

The sync client's shelf (sync/client/downlink.py) keeps ``<data_dir>/bundles/<kind>/current.json`` naming
the active ``v<N>.json``, a signed bundle with ``created_at`` and ``content`` (a list of items, or
``{"items": [...]}``, each with a title and a body/text). The screen says how old it is.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def age_words(created: dt.datetime, now: dt.datetime) -> str:
    days = (now.date() - created.date()).days
    if days <= 0:
        return "今天更新"
    if days == 1:
        return "昨天更新"
    return f"{days} 天前更新"


class InfoSource:
    def __init__(self, bundles_dir: Path):
        self.dir = Path(bundles_dir)
        self._cache: dict[str, tuple[float, dict]] = {}

    def _load(self, kind: str) -> dict:
        try:
            version = json.loads((self.dir / kind / "current.json").read_text())["version"]
            path = self.dir / kind / f"v{int(version)}.json"
            mtime = path.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        cached = self._cache.get(kind)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("bundle %s unreadable", path.name)
            return {}
        self._cache[kind] = (mtime, data)
        return data

    def items(self, kind: str) -> list[dict]:
        content = self._load(kind).get("content", [])
        raw = content.get("items", []) if isinstance(content, dict) else content
        return [{"title": str(i.get("title", "")), "body": str(i.get("body", i.get("text", i.get("summary", ""))))}
                for i in raw if isinstance(i, dict)]

    def age_text(self, kind: str, now: dt.datetime) -> str:
        created = self._load(kind).get("created_at")
        if not created:
            return "还没有从县里同步过信息，请到窗口咨询"
        try:
            when = dt.datetime.fromisoformat(created).replace(tzinfo=None)
        except ValueError:
            return "更新时间不明"
        return f"{age_words(when, now)}（{when:%Y-%m-%d}），离线也可查看"
