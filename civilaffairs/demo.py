"""Synthetic demo records, run in order by ``manage.py seed_demo``; each app adds a seeder in ``<app>/demo.py``.

Demo data is deterministic (seeded random) so the demo looks the same on every machine, and marked as such
where a model can say so. ``--scale`` grows it towards a real county (DESIGN §7).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.cn import ric

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华文红梅志强建国红霞海燕德华淑珍春梅秀珍玉珍凤英光荣国强永红桂芳金凤成林大勇小红小华德明正清德林"  # noqa: E501

# The demo jurisdiction: 奉节县, whose 33 townships the seed names (notes/001.md §1).
DEMO_COUNTY = "500236000000"
DEMO_TOWNSHIP = "500236001000"  # 永安街道
DEMO_OTHER_TOWNSHIP = "500236118000"  # 草堂镇
DEMO_PASSWORD = "demo-2025"  # printed by seed_demo; demo only — production never runs seed_demo


@dataclass(frozen=True)
class Seeder:
    name: str
    order: int
    func: Callable[[DemoContext], str]


@dataclass
class DemoContext:
    rng: random.Random
    scale: float
    today: datetime.date
    stdout: object = None

    def name(self) -> str:
        given = self.rng.choice([GIVEN[i : i + 2] for i in range(0, len(GIVEN) - 1, 2)] + list(GIVEN))
        return self.rng.choice(SURNAMES) + given

    def id_number(self, birth: datetime.date, *, female: bool | None = None, area: str = "500236") -> str:
        if female is None:
            female = self.rng.random() < 0.5
        order = self.rng.randrange(0, 500) * 2 + (0 if female else 1)
        body = f"{area}{birth:%Y%m%d}{order:03d}"
        return body + ric.calc_check_digit(body + "0")

    def birth_date(self, min_age: int, max_age: int) -> datetime.date:
        days = self.rng.randint(min_age * 365 + 1, max_age * 365 - 1)
        return self.today - datetime.timedelta(days=days)

    def count(self, base: int) -> int:
        return max(1, int(base * self.scale))

    def log(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)


_seeders: list[Seeder] = []


def register_seeder(name: str, order: int):
    def wrap(func):
        _seeders.append(Seeder(name, order, func))
        return func

    return wrap


def seeders() -> list[Seeder]:
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.demo_data")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo_data":
                raise
    return sorted(_seeders, key=lambda s: s.order)
