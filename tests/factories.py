"""Core factories (factory_boy). Test regions live under the fictitious county code 990101, far from fixtures."""

import datetime
import itertools

import factory
from stdnum.cn import ric

from civilaffairs.choices import RegionLevel, Role, UrbanRural
from civilaffairs.models import Person, Region, User

_sequence = itertools.count(1)


def make_id_number(
    birth: datetime.date = datetime.date(1980, 5, 17), *, female: bool = False, area: str = "500236"
) -> str:
    """A valid 公民身份号码 for the given birth date (unique per call through the sequence number)."""
    seq = next(_sequence) % 500
    order = seq * 2 + (0 if female else 1)  # odd = male, even = female (GB 11643 §4.5)
    body = f"{area}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum ignores the last character


def region(code: str, name: str, level: str, kind: str, parent: Region | None = None, urban_rural: str = "") -> Region:
    obj, _ = Region.objects.update_or_create(
        code=code,
        defaults={"name": name, "level": level, "kind": kind, "parent": parent, "urban_rural": urban_rural},
    )
    return obj


def build_county(county6: str = "990101", name: str = "测试县", townships: int = 2, villages: int = 2) -> dict:
    """A county with townships A, B… and villages under each; returns them by role in the test."""
    province = region(county6[:2] + "0" * 10, "测试省", RegionLevel.PROVINCE, "省")
    city = region(county6[:4] + "0" * 8, "测试市", RegionLevel.CITY, "地级市", province)
    county = region(county6 + "0" * 6, name, RegionLevel.COUNTY, "县", city)
    out = {"province": province, "city": city, "county": county, "townships": [], "villages": {}}
    for t in range(townships):
        township = region(
            f"{county6}{100 + t:03d}000", f"{'甲乙丙丁'[t]}镇", RegionLevel.TOWNSHIP, "镇", county, UrbanRural.RURAL
        )
        out["townships"].append(township)
        out["villages"][township.code] = [
            region(
                f"{township.code[:9]}{200 + v:03d}",
                f"{'甲乙丙丁'[t]}{v + 1}村",
                RegionLevel.VILLAGE,
                "村",
                township,
                UrbanRural.RURAL,
            )
            for v in range(villages)
        ]
    return out


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.CASEWORKER
    password = factory.PostGenerationMethodCall("set_password", "pass-12345")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    id_number = factory.LazyFunction(make_id_number)
    name = factory.Sequence(lambda n: f"张{n}")
    sex = factory.LazyAttribute(lambda o: "M" if int(o.id_number[16]) % 2 else "F")
    birth_date = factory.LazyAttribute(lambda o: ric.get_birth_date(o.id_number))
