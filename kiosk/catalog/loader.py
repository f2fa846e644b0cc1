"""Reading the catalog: YAML (with its include files) → one merged document → checked → typed Services.

Every problem is collected, not just the first, and each names the file or the service code and the
field, so the county editor can fix a catalog in one pass. Nothing here touches the network or the UI.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kiosk.errors import UserFacingError

from .model import Field, Material, Service, compose_notice, compose_speech

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "catalog"
DEFAULT_CATALOG = ASSETS_DIR / "catalog.yaml"
SCHEMA_PATH = ASSETS_DIR / "schema.json"
# libyaml when the wheel has it: 5-10× faster on the ~2000 lines of the shipped catalog
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogError(UserFacingError):
    code = "catalog"
    message = "服务目录有误，请联系管理员"

    def __init__(self, problems: list[str], *, source: str = ""):
        self.problems = list(problems)
        head = f"{source}: " if source else ""
        super().__init__(detail=head + "; ".join(self.problems[:20]) + (" …" if len(self.problems) > 20 else ""))


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise CatalogError([f"文件不存在: {path}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise CatalogError([f"{where}: YAML 格式错误: {getattr(exc, 'problem', exc)}"]) from None
    except UnicodeDecodeError:
        raise CatalogError([f"{path}: 不是 UTF-8 编码的文本"]) from None


def read_document(path: Path | str) -> dict[str, Any]:
    """The merged catalog document: the main file's keys, with every include file's services appended.

    A ``.json`` file is read as an already merged document (the form bundles carry)."""
    path = Path(path)
    if path.suffix == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogError([f"{path}: 无法读取 JSON: {exc}"]) from None
    else:
        doc = _read_yaml(path)
    if not isinstance(doc, dict):
        raise CatalogError([f"{path}: 顶层应是一个映射（键: 值）"])
    services = list(doc.get("services") or [])
    for name in doc.get("include") or []:
        part = _read_yaml(path.parent / str(name))
        if not isinstance(part, dict) or not isinstance(part.get("services"), list):
            raise CatalogError([f"{path.parent / str(name)}: 应包含 services 列表"])
        stray = sorted(set(part) - {"category", "services"})
        if stray:  # a misspelt key would otherwise be dropped without a word
            raise CatalogError([f"{path.parent / str(name)}: 不认识的键 {', '.join(map(str, stray))}（只能有 category 和 services）"])
        for item in part["services"]:
            if isinstance(item, dict) and "category" not in item and "category" in part:
                item = {"category": part["category"], **item}
            services.append(item)
    merged = {k: v for k, v in doc.items() if k not in ("include", "services")}
    merged["services"] = services
    return merged


@cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _where(doc: dict[str, Any], path: list[Any]) -> str:
    """['services', 12, 'fields', 3, 'type'] → 'SB-013 城镇职工… fields[3].type'."""
    if len(path) >= 2 and path[0] == "services" and isinstance(path[1], int):
        item = doc["services"][path[1]]
        who = f"{item.get('code', '?')} {item.get('name', '')}".strip() if isinstance(item, dict) else f"#{path[1] + 1}"
        rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:]).lstrip(".")
        return f"服务 {who}" + (f" 的 {rest}" if rest else "")
    return ".".join(str(p) for p in path) or "目录"


def schema_problems(doc: dict[str, Any]) -> list[str]:
    import jsonschema  # imported when a document is checked, not by every importer of the catalog
    from jsonschema.exceptions import best_match

    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        specific = best_match(error.context) if error.context else error
        path = list(specific.absolute_path)
        problems.append(f"{_where(doc, path)}: {specific.message}")
    return problems


class _Resolver:
    """Turns one checked document into Services, collecting what the schema cannot see."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc
        self.problems: list[str] = []

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def expand(self, where: str, item: Any, library: str, id_key: str) -> dict[str, Any] | None:
        """"phone" or {use: phone, label: …} → the library entry with the overrides laid on top."""
        body = {"use": item} if isinstance(item, str) else dict(item)
        base_key = body.pop("use", None)
        if base_key is None:
            return body
        base = self.doc[library].get(base_key)
        if base is None:
            self.fail(where, f"{'字段库' if library == 'fields' else '材料库'}里没有 “{base_key}”")
            return None
        return {**base, id_key: base_key, **body}

    def field(self, where: str, item: Any) -> Field | None:
        body = self.expand(where, item, "fields", "key")
        if body is None:
            return None
        key, ftype, label = body.get("key"), body.get("type"), body.get("label")
        if not (key and ftype and label):
            self.fail(where, "字段需要 key、type 和 label（或用 use 引用字段库）")
            return None
        where = f"{where} 字段 {key}"
        options = tuple(body.get("options") or ())
        if ftype == "enum" and len(options) < 2:
            self.fail(where, "enum 字段至少需要两个 options")
        if ftype != "enum" and options:
            self.fail(where, f"只有 enum 字段可以有 options（这是 {ftype}）")
        lo, hi = body.get("min"), body.get("max")
        if lo is not None and hi is not None and lo > hi:
            self.fail(where, f"min {lo} 大于 max {hi}")
        return Field(key=key, type=ftype, label=label, required=body.get("required", True),
                     help=body.get("help", ""), options=options, keyboard=body.get("keyboard", ""),
                     prefill=body.get("prefill", ""), min=lo, max=hi,
                     min_length=body.get("min_length", 0), max_length=body.get("max_length", 200),
                     when=body.get("when", "any"), mobile_only=body.get("mobile_only", False))

    def material(self, where: str, item: Any) -> Material | None:
        body = self.expand(where, item, "materials", "id")
        if body is None:
            return None
        if not (body.get("id") and body.get("name") and body.get("profile")):
            self.fail(where, "材料需要 id、name 和 profile（或用 use 引用材料库）")
            return None
        return Material(id=body["id"], name=body["name"], profile=body["profile"],
                        required=body.get("required", True), count=body.get("count", 1), note=body.get("note", ""))

    def service(self, raw: dict[str, Any]) -> Service:
        code = raw["code"]
        where = f"服务 {code} {raw['name']}"
        # a row of library names ([name, id_number, phone]) is shorthand for those fields in order
        items = []
        for i, item in enumerate(raw["fields"]):
            if isinstance(item, list):
                items += [(f"fields[{i}][{j}]", x) for j, x in enumerate(item)]
            else:
                items.append((f"fields[{i}]", item))
        fields = [f for at, item in items if (f := self.field(f"{where} 的 {at}", item))]
        materials = [m for i, item in enumerate(raw["materials"])
                     if (m := self.material(f"{where} 的 materials[{i}]", item))]
        for label, keys in (("字段", [f.key for f in fields]), ("材料", [m.id for m in materials])):
            for dup in sorted({k for k in keys if keys.count(k) > 1}):
                self.fail(where, f"{label} “{dup}” 重复了（引用同一项两次时请用 key / id 区分）")
        if raw["category"] not in self.doc["categories"]:
            self.fail(where, f"类别 “{raw['category']}” 不在 categories 里")
        for src in raw["sources"]:
            if src.split(":")[0] not in self.doc["sources"]:
                self.fail(where, f"来源 “{src}” 不在 sources 里")
        query = raw.get("query", False)
        needs_card = raw.get("needs_card", True)
        needs_pin = raw.get("needs_pin", False)
        if needs_pin and not needs_card:
            self.fail(where, "needs_pin 需要 needs_card（密码是社保卡的密码）")
        draft = raw.get("draft", False)
        notice = compose_notice(raw["name"], raw["audience"], raw["channel"], raw["village_level"],
                                tuple(materials), raw["time_limit_days"], raw["result"], raw["notice"],
                                needs_card, needs_pin, draft)
        return Service(
            code=code, name=raw["name"], description=raw["description"], category=raw["category"],
            audience=raw["audience"], channel=raw["channel"], village_level=raw["village_level"],
            fields=tuple(fields), materials=tuple(materials), result=raw["result"],
            time_limit_days=raw["time_limit_days"], notice=notice, notice_extra=raw["notice"],
            speech=raw.get("speech") or compose_speech(raw["name"], raw["description"]),
            sources=tuple(raw["sources"]), aliases=tuple(raw.get("aliases") or ()),
            needs_card=needs_card, needs_pin=needs_pin, needs_signature=raw.get("needs_signature", not query),
            query=query, undo_minutes=raw.get("undo_minutes", 0 if query else 10),
            draft=draft, draft_note=raw.get("draft_note", ""),
        )

    def all(self) -> list[Service]:
        services = [self.service(raw) for raw in self.doc["services"]]
        codes = [s.code for s in services]
        for dup in sorted({c for c in codes if codes.count(c) > 1}):
            self.fail(f"服务 {dup}", f"编码 “{dup}” 用了 {codes.count(dup)} 次，每项服务的编码必须唯一")
        seen: dict[str, str] = {}
        for s in services:
            for n in (s.code, *s.all_names):
                if n in seen and seen[n] != s.code:
                    self.fail(f"服务 {s.code} {s.name}", f"名称或别名 “{n}” 与 {seen[n]} 重复")
                seen.setdefault(n, s.code)
        return services


def document_digest(doc: dict[str, Any]) -> str:
    """The same for the same catalog, however its keys were ordered or its file laid out."""
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def build_services(doc: dict[str, Any], *, source: str = "", schema_checked: bool = False) -> tuple[Service, ...]:
    """Check a merged document and build its Services; raises CatalogError listing every problem.

    ``schema_checked``: this very document (by digest) already passed the JSON schema here, so the check
    (jsonschema's import and run: 0.2-0.4 s at every start, issue 8) is skipped; the rest still runs."""
    problems = [] if schema_checked else schema_problems(doc)
    if problems:
        raise CatalogError(problems, source=source)
    resolver = _Resolver(doc)
    services = resolver.all()
    if resolver.problems:
        raise CatalogError(resolver.problems, source=source)
    return tuple(services)
