"""Finding a service by what a villager or clerk types: Chinese, full pinyin, or pinyin initials.

"养老保险", "yanglaobaoxian" and "ylbx" all find 城乡居民养老保险参保登记. The pinyin is computed once per
catalog with pypinyin (its phrase dictionary gets polyphones such as 银行 right) and kept on disk by the catalog's
digest, so a terminal loads pypinyin's ~55 MB only the first time it searches a new catalog.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .model import Service

log = logging.getLogger(__name__)

_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def _fold(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


# pypinyin is imported on first use: its phrase dictionary is ~55 MB and 0.3 s, and a home screen never searches
def pinyin_full(text: str) -> str:
    from pypinyin import lazy_pinyin

    return _fold("".join(lazy_pinyin(text)))


def pinyin_initials(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return _fold("".join(lazy_pinyin(text, style=Style.FIRST_LETTER)))


def cached_spellings(names: Iterable[str], cache_file: Path | None) -> dict[str, tuple[str, str]]:
    """(full pinyin, initials) of each name: from ``cache_file`` when it holds them all (no pypinyin in this
    process, issue 8), else computed and saved there for the next start of the terminal."""
    names = list(dict.fromkeys(names))
    if cache_file is not None:
        try:
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            spelled = {n: tuple(cached[n]) for n in names}
            if all(len(v) == 2 and all(isinstance(x, str) for x in v) for v in spelled.values()):
                return spelled
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, stale or damaged: spelled afresh below
    spelled = {n: (pinyin_full(n), pinyin_initials(n)) for n in names}
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            partial = cache_file.with_suffix(".part")
            partial.write_text(json.dumps(spelled, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, cache_file)
        except OSError as exc:  # a read-only data dir: spelled again next start, nothing lost
            log.info("pinyin of the catalog not saved: %s", exc)
    return spelled


@dataclass(frozen=True)
class _Entry:
    service: Service
    name: str
    aliases: tuple[str, ...]
    description: str
    spellings: tuple[tuple[str, str], ...]  # (full pinyin, initials) of the name and each alias
    code: str


class SearchIndex:
    def __init__(self, services: tuple[Service, ...], spellings: Mapping[str, tuple[str, str]] | None = None):
        """``spellings``: name → (full pinyin, initials), e.g. from ``cached_spellings``; computed when None."""
        if spellings is None:
            spellings = {n: (pinyin_full(n), pinyin_initials(n)) for s in services for n in s.all_names}
        self._entries = [
            _Entry(s, s.name, s.aliases, s.description, tuple(spellings[n] for n in s.all_names), _fold(s.code))
            for s in services
        ]

    def search(self, text: str, limit: int = 30) -> list[Service]:
        tokens = [t for t in re.split(r"[\s,，、]+", text.strip()) if t]
        if not tokens:
            return []
        scored = []
        for entry in self._entries:
            total = 0
            for token in tokens:
                score = self._score(entry, token)
                if score == 0:
                    break
                total += score
            else:
                scored.append((-total, entry.service.code, entry.service))
        scored.sort(key=lambda t: t[:2])
        return [s for _, _, s in scored[:limit]]

    @staticmethod
    def _score(entry: _Entry, token: str) -> int:
        if _HAN.search(token):
            if token == entry.name:
                return 100
            if entry.name.startswith(token):
                return 80
            if token in entry.name:
                return 60
            if any(token in a for a in entry.aliases):
                return 50
            if token in entry.description:
                return 10
            # the characters in order but not together: 养老认证 → 领取养老（工伤）待遇资格认证
            pattern = ".*".join(map(re.escape, token))
            return 5 if any(re.search(pattern, n) for n in (entry.name, *entry.aliases)) else 0
        key = _fold(token)
        if not key:
            return 0
        if key == entry.code:
            return 100
        best = 0
        for full, initials in entry.spellings:
            if full.startswith(key) or initials.startswith(key):
                best = max(best, 45)
            elif key in full or key in initials:
                best = max(best, 35)
        return best
