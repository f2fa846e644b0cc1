"""The loaded catalog: what the UI lists, the hub checks against, and the sync downlink replaces."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

from .loader import DEFAULT_CATALOG, CatalogError, build_services, document_digest, read_document
from .model import Service
from .search import SearchIndex, cached_spellings

log = logging.getLogger(__name__)


class Catalog:
    def __init__(self, document: dict[str, Any], services: tuple[Service, ...], source: str = ""):
        self._document = document
        self.services: tuple[Service, ...] = services
        self.source = source
        self._by_code = {s.code: s for s in services}
        self._by_name = {n: s for s in services for n in s.all_names}
        self._index: SearchIndex | None = None
        self.pinyin_file: Path | None = None  # where the names' pinyin is kept (from_document's checked_dir)

    @classmethod
    def load(cls, path: Path | str | None = None) -> Catalog:
        """The catalog at ``path`` (YAML with includes, or a merged JSON), or the one shipped in assets/."""
        path = Path(path) if path is not None else DEFAULT_CATALOG
        return cls.from_document(read_document(path), source=str(path))

    @classmethod
    def load_active(cls, data_dir: Path | str) -> Catalog:
        """The catalog the hub last sent, if one is installed and sound; otherwise the shipped one.

        Reads the downlink's layout (``<data_dir>/bundles/catalog/current.json`` → ``v<N>.json``, written by
        sync.client after checking the hub signature). A broken installed catalog never leaves the
        terminal without services: the shipped catalog is used and the reason logged."""
        folder = Path(data_dir) / "bundles" / "catalog"
        checked = Path(data_dir) / "cache" / "catalog-checked"
        try:
            version = int(json.loads((folder / "current.json").read_text(encoding="utf-8"))["version"])
            bundle = json.loads((folder / f"v{version}.json").read_text(encoding="utf-8"))
            return cls.from_document(bundle["content"], source=f"hub bundle v{version}", checked_dir=checked)
        except FileNotFoundError:
            return cls._shipped(checked)
        except (ValueError, KeyError, TypeError, OSError, CatalogError) as exc:
            detail = exc.detail if isinstance(exc, CatalogError) else f"{type(exc).__name__}: {exc}"
            log.warning("installed catalog bundle unusable, using the shipped catalog: %s", detail)
            return cls._shipped(checked)

    @classmethod
    def _shipped(cls, checked_dir: Path) -> Catalog:
        return cls.from_document(read_document(DEFAULT_CATALOG), source=str(DEFAULT_CATALOG), checked_dir=checked_dir)

    @classmethod
    def from_document(cls, document: dict[str, Any], source: str = "", *, checked_dir: Path | None = None) -> Catalog:
        """``checked_dir``: where the digests of documents that passed the schema are remembered (one empty
        file each), so a terminal checks a catalog once, not at every start."""
        document = copy.deepcopy(document)  # the caller's dict may change; ours must not
        if checked_dir is None:
            return cls(document, build_services(document, source=source), source)
        digest = document_digest(document)
        marker = checked_dir / digest
        known = marker.is_file()
        services = build_services(document, source=source, schema_checked=known)
        if not known:
            try:
                checked_dir.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError as exc:  # a read-only data dir: checked again next start, nothing lost
                log.info("catalog check not remembered: %s", exc)
        catalog = cls(document, services, source)
        catalog.pinyin_file = checked_dir.parent / "catalog-pinyin" / f"{digest}.json"
        return catalog


    @property
    def version(self) -> str:
        return str(self._document["catalog_version"])

    @property
    def title(self) -> str:
        return str(self._document["title"])

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self._document["categories"])

    @property
    def source_lists(self) -> dict[str, str]:
        """Seed list key → its title, e.g. "hangu_a4" → 含谷镇… 附件4 …"""
        return dict(self._document["sources"])

    def document(self) -> dict[str, Any]:
        """A copy of the merged document: what a catalog bundle carries."""
        return copy.deepcopy(self._document)

    def get(self, code: str) -> Service:
        return self._by_code[code]

    def find(self, name: str) -> Service | None:
        """By exact name or alias, e.g. the wording of a seed list."""
        return self._by_name.get(name.strip())

    def by_category(self) -> dict[str, list[Service]]:
        grouped: dict[str, list[Service]] = {c: [] for c in self.categories}
        for s in self.services:
            grouped.setdefault(s.category, []).append(s)
        return grouped

    def search(self, text: str, limit: int = 30) -> list[Service]:
        if self._index is None:  # built on first use; the pinyin from disk when this catalog was spelled before
            names = [n for s in self.services for n in s.all_names]
            self._index = SearchIndex(self.services, cached_spellings(names, self.pinyin_file))
        return self._index.search(text, limit)

    def validate(self, service: Service | str, values: dict[str, Any]) -> dict[str, str]:
        from .forms import validate_form

        return validate_form(self.get(service) if isinstance(service, str) else service, values)

    def __len__(self) -> int:
        return len(self.services)

    def __repr__(self) -> str:
        return f"Catalog(version={self.version!r}, services={len(self.services)})"


def catalog_from_bundle(raw: bytes | str | dict[str, Any], verifiers: dict, *, newer_than: int = 0) -> Catalog:
    """Verify a catalog bundle from the hub, then check its content like any catalog file.

    A bundle whose signature is good but whose catalog is broken is refused too (CatalogError): the
    kiosk keeps the catalog it has."""
    from .bundle import open_bundle

    bundle = open_bundle(raw, verifiers, kind="catalog", newer_than=newer_than)
    if not isinstance(bundle.content, dict):
        raise CatalogError(["bundle content is not a catalog document"], source=f"bundle v{bundle.version}")
    return Catalog.from_document(bundle.content, source=f"bundle v{bundle.version}")
