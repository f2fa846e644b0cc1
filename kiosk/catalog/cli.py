"""`kiosk catalog list|show|search|validate|export`: the catalog as a villager or county editor reads it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .catalog import Catalog
from .loader import CatalogError, build_services, read_document
from .model import Field, Service

TYPE_WORDS = {
    "text": "文字", "name": "姓名", "id_number": "18位身份证号码", "phone": "手机号码", "bank_card": "银行卡号",
    "date": "日期（年-月-日）", "enum": "选择一项", "amount": "金额（元）", "address": "地址", "number": "数字",
}


def register(subparsers) -> None:
    p = subparsers.add_parser("catalog", help="服务目录：列出、查看、搜索、校验")
    sub = p.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    def add(name: str, help_text: str, handler, *, with_file: bool = True) -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help_text)
        if with_file:
            q.add_argument("--file", help="目录文件（默认：随终端发布的 assets/catalog/catalog.yaml）")
        q.set_defaults(handler=handler)
        return q

    add("list", "按类别列出全部服务", cmd_list).add_argument("--category", help="只列这一类：找工作/学技术/办社保/用社保卡")
    add("show", "查看一项服务的表单、材料和一次性告知", cmd_show).add_argument("code", help="服务编码（如 SB-001）或名称")
    add("search", "按中文、拼音或拼音首字母搜索", cmd_search).add_argument("text", nargs="+")
    add("validate", "校验一个目录文件（YAML 或合并后的 JSON）", cmd_validate, with_file=False).add_argument("path")
    exp = add("export", "把目录合并成一个 JSON（交给县里的 hub 发布为签名更新包）", cmd_export)
    exp.add_argument("out", help="输出文件，- 表示标准输出")


def _catalog(args) -> Catalog:
    return Catalog.load(args.file) if getattr(args, "file", None) else Catalog.load()


def _badges(s: Service) -> str:
    marks = [s.channel, s.village_level]
    if s.query:
        marks.append("查询")
    if s.needs_pin:
        marks.append("需密码")
    text = "·".join(marks)
    return f"[{text}]" + ("（试行）" if s.draft else "")


def cmd_list(args, ctx) -> int:
    catalog = _catalog(args)
    grouped = catalog.by_category()
    if args.category:
        if args.category not in grouped:
            print(f"没有“{args.category}”这一类。可选：{'、'.join(grouped)}", file=sys.stderr)
            return 2
        grouped = {args.category: grouped[args.category]}
    print(f"{catalog.title}（版本 {catalog.version}，共 {len(catalog)} 项）")
    for category, services in grouped.items():
        print(f"\n== {category}（{len(services)} 项）==")
        for s in services:
            print(f"  {s.code}  {s.name}  {_badges(s)}")
    return 0


def _field_line(i: int, f: Field) -> str:
    need = "必填" if f.required else "选填"
    line = f"  {i}. {f.label}（{TYPE_WORDS.get(f.type, f.type)}，{need}）"
    if f.options:
        line += "：" + " / ".join(f.options)
    if f.prefill:
        line += "  ← 插卡自动填写"
    if f.help:
        line += f"\n     提示：{f.help}"
    return line


def render_service(s: Service) -> str:
    out = [f"{s.code}  {s.name}" + ("（试行）" if s.draft else ""), f"类别：{s.category}    {_badges(s)}", "",
           s.description, "", "—— 一次性告知 ——", s.notice, ""]
    out.append("—— 要填写的内容 ——")
    out += [_field_line(i, f) for i, f in enumerate(s.fields, 1)] or ["  （不需要填写）"]
    out.append("\n—— 要拍照的材料 ——")
    out += [f"  {i}. {m.name}" + ("" if m.required else "（如有）") + (f" × {m.count}" if m.count > 1 else "")
            + f"  [{m.profile}]" for i, m in enumerate(s.materials, 1)] or ["  （不需要材料）"]
    out.append("\n需要社保卡：" + ("是" if s.needs_card else "否") + "    需要密码：" + ("是" if s.needs_pin else "否")
               + "    需要签名：" + ("是" if s.needs_signature else "否")
               + (f"    {s.undo_minutes} 分钟内可撤回" if s.undo_minutes else ""))
    out.append(f"语音提示：{s.speech}")
    if s.aliases:
        out.append("又叫：" + "、".join(s.aliases))
    out.append("来源：" + "、".join(s.sources))
    if s.draft:
        out.append(f"试行说明：{s.draft_note}")
    return "\n".join(out)


def cmd_show(args, ctx) -> int:
    catalog = _catalog(args)
    code = args.code.strip()
    service = catalog.find(code) if code not in {s.code for s in catalog.services} else catalog.get(code)
    if service is None:
        hits = catalog.search(code, limit=5)
        print(f"没有编码或名称为“{code}”的服务。" + ("您是不是要找：" + "、".join(f"{s.code} {s.name}" for s in hits)
                                              if hits else ""), file=sys.stderr)
        return 1
    print(render_service(service))
    return 0


def cmd_search(args, ctx) -> int:
    catalog = _catalog(args)
    hits = catalog.search(" ".join(args.text))
    if not hits:
        print("没有找到相关服务，换个说法试试。")
        return 1
    for s in hits:
        print(f"{s.code}  {s.name}  （{s.category}）")
    return 0


def cmd_validate(args, ctx) -> int:
    path = Path(args.path)
    try:
        doc = read_document(path)
        services = build_services(doc, source=str(path))
    except CatalogError as exc:
        print(f"目录有误：{path}（{len(exc.problems)} 处）", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    drafts = sum(s.draft for s in services)
    print(f"目录有效：{path}，版本 {doc['catalog_version']}，{len(services)} 项服务（其中试行 {drafts} 项）")
    return 0


def cmd_export(args, ctx) -> int:
    catalog = _catalog(args)
    text = json.dumps(catalog.document(), ensure_ascii=False, indent=1, sort_keys=True)
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"已导出 {len(catalog)} 项服务到 {args.out}")
    return 0
