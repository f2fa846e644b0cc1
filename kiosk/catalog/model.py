"""The catalog's typed records. Frozen, so a loaded catalog can be shared by the UI and the hub threads."""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES: tuple[str, ...] = ("找工作", "学技术", "办社保", "用社保卡")
CHANNELS: tuple[str, ...] = ("自助", "帮办", "窗口")
VILLAGE_LEVELS: tuple[str, ...] = ("受理", "受理+办理")
# The camera engineer's document profiles (drivers/camera/profiles.py); kept here as data, not imported.
CAMERA_PROFILES: tuple[str, ...] = ("id_card_front", "id_card_back", "hukou_page", "bank_card", "a4", "free")
FIELD_TYPES: tuple[str, ...] = (
    "text", "name", "id_number", "phone", "bank_card", "date", "enum", "amount", "address", "number",
)


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    label: str
    required: bool = True
    help: str = ""
    options: tuple[str, ...] = ()
    keyboard: str = ""  # "numeric" / "pinyin" / "text"; the UI picks the on-screen keyboard from it
    prefill: str = ""  # "holder.name", "holder.id_number" …: filled from the inserted card
    min: float | None = None
    max: float | None = None
    min_length: int = 0
    max_length: int = 200
    when: str = "any"  # dates: "past" / "future" / "any"
    mobile_only: bool = False


@dataclass(frozen=True)
class Material:
    id: str
    name: str
    profile: str  # one of CAMERA_PROFILES
    required: bool = True
    count: int = 1
    note: str = ""


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    category: str
    audience: str
    channel: str
    village_level: str
    fields: tuple[Field, ...]
    materials: tuple[Material, ...]
    result: str
    time_limit_days: int
    notice: str  # the full 一次性告知, composed from the data below
    notice_extra: str  # the service's own 特别提示 line
    speech: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    needs_card: bool = True
    needs_pin: bool = False
    needs_signature: bool = True
    query: bool = False
    undo_minutes: int = 10
    draft: bool = False
    draft_note: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def time_limit_text(self) -> str:
        return time_limit_text(self.time_limit_days, self.village_level)


def time_limit_text(days: int, village_level: str) -> str:
    if days:
        return f"{days}个工作日内办结"
    # 0 days at a 受理-only service: recorded on the spot, the rest happens upstream with no promised date
    return "当场办结" if village_level == "受理+办理" else "当场登记受理"


def compose_notice(service_name: str, audience: str, channel: str, village_level: str,
                   materials: tuple[Material, ...], time_limit_days: int, result: str, extra: str,
                   needs_card: bool, needs_pin: bool, draft: bool) -> str:
    """The 一次性告知 a villager reads before starting: everything needed, in one go, in plain words."""
    lines = [f"【办理事项】{service_name}", f"【谁可以办】{audience}"]
    bring = ["办事人本人的社会保障卡"] if needs_card else []
    bring += [m.name + ("" if m.required else "（如有）") + (f"（{m.note}）" if m.note else "") for m in materials]
    lines.append("【需要带的材料】" + ("；".join(f"{i}. {b}" for i, b in enumerate(bring, 1)) if bring else "不需要材料"))
    how = {"自助": "可以自己在终端上办，有困难请找工作人员帮办",
           "帮办": "请工作人员帮您在终端上办理",
           "窗口": "请到乡镇或县里的窗口办理，终端只提供办事指南"}[channel]
    where = "村里受理并当场办理" if village_level == "受理+办理" else "村里受理，材料转县（乡镇）办理"
    lines.append(f"【怎么办】{how}；{where}")
    if needs_pin:
        lines.append("【注意】需要输入社保卡密码，输错3次卡会被锁")
    lines.append("【多久办好】" + time_limit_text(time_limit_days, village_level))
    lines.append("【办完拿到】" + {"受理回执": "受理回执（可打印，凭受理号查进度）",
                                 "打印证明": "当场打印的证明", "屏幕显示": "在屏幕上查看结果"}[result])
    lines.append(f"【特别提示】{extra}")
    if draft:
        lines.append("【说明】本事项内容为试行版本，以工作人员告知为准")
    return "\n".join(lines)


def compose_speech(service_name: str, description: str) -> str:
    """A short TTS line: the service and what it is for, nothing more."""
    text = f"{service_name}。{description}"
    return text if len(text) <= 120 else text[:119] + "。"
