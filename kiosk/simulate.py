"""Fake identities and transactions for demos, training and load tests (never real people).

ID numbers are valid GB 11643 numbers (ISO 7064 MOD 11-2 check digit) in the demo range of sequence
numbers 9xx, names are drawn from common characters, and images are synthetic JPEGs of a realistic size.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from .domain import Holder
from .store.model import Actor, Attachment, ItemKind, Transaction

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_REGIONS = ("110101", "320102", "420106", "510104", "610113", "130102", "370102", "530102")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
_GIVEN = "秀英桂兰玉珍建国志强春梅海燕德明淑华红霞永福金凤国庆丽娟"
SERVICE_CODES = ("SB-001", "SB-002", "SB-003", "SB-004", "SB-005", "SB-006")


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character over the first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def is_valid_id_number(id_number: str) -> bool:
    return (len(id_number) == 18 and id_number[:17].isdigit()
            and id_number[17].upper() == id_check_digit(id_number[:17]))


@dataclass(frozen=True)
class FakePerson:
    holder: Holder
    phone: str


def fake_person(rng: random.Random) -> FakePerson:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 60))
    sex = rng.choice("男女")
    seq = rng.randrange(900, 1000)  # 9xx: a range kept for test identities here
    seq = seq - (seq % 2 == 1) if sex == "女" else seq | 1  # odd = male, even = female (GB 11643)
    first17 = f"{rng.choice(_REGIONS)}{birth:%Y%m%d}{seq:03d}"
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
    holder = Holder(id_number=first17 + id_check_digit(first17), name=name, sex=sex, birth_date=birth)
    return FakePerson(holder, "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9)))


def synthetic_jpeg(rng: random.Random, target_bytes: int = 150_000) -> bytes:
    """A noisy 'document photo' of roughly ``target_bytes``: JPEG size tracks the noise area."""
    from PIL import Image, ImageDraw

    side = int((target_bytes / 1.1) ** 0.5 * 1.18)
    img = Image.effect_noise((side, side), 64 + rng.randrange(32)).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(12):  # a few 'text lines' so it is not pure noise
        y = rng.randrange(side)
        draw.rectangle((side // 10, y, side - side // 10, y + 6), fill=(20, 20, 20))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92)
    return out.getvalue()


def synthetic_signature_png(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 150), 255)
    points = [(20 + i * 12, 75 + rng.randrange(-40, 40)) for i in range(30)]
    ImageDraw.Draw(img).line(points, fill=0, width=3)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def fake_transaction(rng: random.Random, pseudonym_of, *, with_images: bool = False,
                     image: bytes | None = None) -> Transaction:
    """One 办件 for a fake person; ``pseudonym_of(id_number)`` gives the audit actor_ref."""
    person = fake_person(rng)
    h = person.holder
    payload = {"id_number": h.id_number, "name": h.name, "sex": h.sex, "birth_date": h.birth_date.isoformat(),
               "phone": person.phone, "form": {"contribution_grade": rng.choice((200, 300, 500, 1000)),
                                               "note": "模拟数据 (simulated)"}}
    attachments = ()
    if with_images:
        photo = image if image is not None else synthetic_jpeg(rng)
        attachments = (Attachment("id_card_front", "image/jpeg", photo),
                       Attachment("signature", "image/png", synthetic_signature_png(rng)))
    return Transaction(ItemKind.APPLICATION, rng.choice(SERVICE_CODES), payload, attachments,
                       actor=Actor.VILLAGER, actor_ref=pseudonym_of(h.id_number))
