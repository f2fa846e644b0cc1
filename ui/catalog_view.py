"""The catalog as the home tiles need it. Wraps kiosk.catalog.Catalog; with no catalog, everything is empty
and the screens say 服务目录暂不可用 (no invented services)."""

from __future__ import annotations

import logging
from typing import Any

from ui import flow

log = logging.getLogger(__name__)


class CatalogView:
    def __init__(self, catalog: Any | None, validate: Any | None = None):
        self.catalog = catalog
        self._validate = validate

    @property
    def ready(self) -> bool:
        return self.catalog is not None

    def _services(self) -> list:
        return list(getattr(self.catalog, "services", ()) or ()) if self.catalog else []

    def for_tile(self, key: str) -> list:
        tile = next((t for t in flow.HOME_TILES if t["key"] == key), None)
        if tile is None or not tile["words"]:
            return []
        found = [s for s in self._services() if not getattr(s, "query", False)]  # look-ups: issue 13
        if key == "card":  # the card category first: "用社保卡" also contains "社保"
            return [s for s in found if flow.service_category(s) == tile["title"] or "卡" in flow.service_category(s)]
        taken = {"jobs": (), "skills": ("jobs",), "social": ("jobs", "skills", "card")}.get(key, ())
        own = [s for s in found if flow.service_category(s) == tile["title"]
               or any(w in flow.service_category(s) for w in tile["words"])]
        other = [s for k in taken for s in self.for_tile(k)]
        return [s for s in own if s not in other]

    def search(self, text: str) -> list:
        if not self.catalog:
            return []
        try:
            return [s for s in self.catalog.search(text) if not getattr(s, "query", False)]
        except Exception:  # a search must never take the screen down
            log.exception("catalog search failed")
            return []

    def get(self, code: str) -> Any | None:
        if not self.catalog:
            return None
        try:
            return self.catalog.get(code)
        except KeyError:
            return None

    def validate(self, service: Any, values: dict[str, str]) -> dict[str, str]:
        if self._validate is None:
            return {}
        return self._validate(service, values)
