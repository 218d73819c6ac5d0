"""Synthetic enrolled households in bulk, for the demo (``seed_demo --scale``) and the county-scale benchmarks.

Everything is written with ``bulk_create`` in batches (about ten rows of five tables per household): 40 000 低保
households and 11 000 特困 persons take tens of seconds, not hours. Amounts follow the same rules as the services
(``assistance.eligibility.dibao_amount``; 特困 = basic-living + care standard), from the standard in force in the
start month.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from stdnum.cn import ric

from assistance.choices import (
    AmountReason,
    CareTier,
    EnrolmentStatus,
    LabourCapacity,
    Programme,
    Relationship,
    StandardKind,
    SupportMode,
)
from assistance.eligibility import dibao_amount, money
from assistance.models import (
    AssistanceStandard,
    Enrolment,
    EnrolmentAmount,
    EnrolmentMember,
    Household,
    HouseholdMember,
)
from assistance.models.enrolments import add_months
from civilaffairs.demo import GIVEN, SURNAMES
from civilaffairs.models import Person, Region

BATCH = 2000
GIVEN_NAMES = [GIVEN[i : i + 2] for i in range(0, len(GIVEN) - 1, 2)] + list(GIVEN)


@dataclass
class Built:
    households: int = 0
    persons: int = 0
    dibao: int = 0
    tekun: int = 0


class IdNumbers:
    """Valid, unique 公民身份号码 for synthetic people (the sequence digits carry a running counter)."""

    def __init__(self, rng: random.Random, area: str, taken: set[str] | None = None):
        self.rng, self.area, self.taken = rng, area, taken if taken is not None else set()

    def make(self, birth: datetime.date, female: bool | None = None) -> str:
        for _ in range(1000):
            female = self.rng.random() < 0.5 if female is None else female
            order = self.rng.randrange(0, 500) * 2 + (0 if female else 1)
            body = f"{self.area}{birth:%Y%m%d}{order:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.taken:
                self.taken.add(number)
                return number
            birth += datetime.timedelta(days=1)
        raise RuntimeError("no free ID number")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _birth(rng: random.Random, today: datetime.date, low: int, high: int) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(low * 365 + 1, high * 365 - 1))


def build_enrolled(
    *,
    rng: random.Random,
    villages: list[Region],
    dibao_households: int,
    tekun_persons: int,
    today: datetime.date,
    start_window_months: int = 36,
    ids: IdNumbers | None = None,
) -> Built:
    """Households enrolled in 低保 and single 特困 persons spread over ``villages``, with members, enrolments and
    their first amount, started in the last ``start_window_months`` months."""
    county = villages[0].code[:6]
    ids = ids or IdNumbers(rng, county)
    # The county's standards, read once; the same rule as ``standard_in_force`` picks the one in force.
    rows = list(AssistanceStandard.objects.filter(county_id=f"{county}000000"))

    def standard(kind: str, ur: str, month: datetime.date, tier: str = ""):
        candidates = [
            r
            for r in rows
            if r.kind == kind and r.care_tier == tier and r.urban_rural in (ur, "") and r.effective_from <= month
        ]
        return max(candidates, key=lambda r: (r.effective_from, r.urban_rural != ""), default=None)

    built = Built()
    plan = []  # (household, [(person, member facts)], programme, start, amount facts)
    for index in range(dibao_households + tekun_persons):
        village = villages[index % len(villages)]
        ur = village.urban_rural or "rural"
        start = add_months(today, -rng.randint(0, start_window_months))
        if index < dibao_households:
            std = standard(StandardKind.DIBAO, ur, start)
            if std is None:
                continue
            size = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
            people = []
            for m in range(size):
                if m == 0:
                    age, rel = rng.randint(28, 80), Relationship.HEAD
                elif m == 1 and size > 2:
                    age, rel = rng.randint(25, 78), Relationship.SPOUSE
                else:
                    age, rel = rng.randint(1, 30), Relationship.CHILD
                capacity = LabourCapacity.FULL if 18 <= age < 60 and rng.random() < 0.6 else LabourCapacity.NONE
                people.append([age, rel, capacity, Decimal("0")])
            # Income well below the standard: 0–85 % of it per person, earned by those able to work.
            total = money(Decimal(rng.uniform(0, 0.85)) * std.monthly_amount * size)
            earners = [p for p in people if p[2] == LabourCapacity.FULL] or people[:1]
            for p in earners:
                p[3] = money(total / len(earners))
            total = sum(p[3] for p in people)
            pci = money(total / size)
            amount = dibao_amount(std.monthly_amount, pci, size)
            if amount <= 0:
                continue
            plan.append((village, ur, people, Programme.DIBAO, start, amount, pci, std, None, ""))
        else:
            basic = standard(StandardKind.TEKUN_BASIC, ur, start)
            if basic is None:
                continue
            tier = rng.choice([CareTier.SELF_CARE, CareTier.SELF_CARE, CareTier.PARTIAL, CareTier.DEPENDENT])
            care = standard(StandardKind.TEKUN_CARE, ur, start, tier)
            amount = basic.monthly_amount + (care.monthly_amount if care else 0)
            age = rng.randint(60, 96) if rng.random() < 0.9 else rng.randint(6, 17)
            people = [[age, Relationship.HEAD, LabourCapacity.NONE, Decimal("0")]]
            plan.append((village, ur, people, Programme.TEKUN, start, money(amount), Decimal("0"), basic, care, tier))

    for offset in range(0, len(plan), BATCH // 2):
        chunk = plan[offset : offset + BATCH // 2]
        persons, households = [], []
        for village, ur, people, programme, _start, *_ in chunk:
            rows = []
            for age, _rel, _cap, _income in people:
                birth = _birth(rng, today, age, age + 1)
                number = ids.make(birth)
                rows.append(
                    Person(
                        id_number=number,
                        name=_name(rng),
                        sex="M" if int(number[16]) % 2 else "F",
                        birth_date=birth,
                        region=village,
                    )
                )
            persons.append(rows)
            households.append(
                Household(
                    village=village,
                    urban_rural=ur,
                    address=f"{village.name}{rng.randint(1, 300)}号",
                    income_irregular=programme == Programme.DIBAO and rng.random() < 0.3,
                    bank_name="重庆农村商业银行",
                    bank_account=f"6228{rng.randint(10**14, 10**15 - 1)}",
                )
            )
        Person.objects.bulk_create([p for rows in persons for p in rows], batch_size=BATCH)
        for household, rows in zip(households, persons, strict=True):
            household.head_id = rows[0].pk
        Household.objects.bulk_create(households, batch_size=BATCH)
        members, enrolments = [], []
        for household, rows, item in zip(households, persons, chunk, strict=True):
            _village, ur, people, programme, start, *_rest = item
            for person, (_age, rel, capacity, income) in zip(rows, people, strict=True):
                members.append(
                    HouseholdMember(
                        household=household,
                        person=person,
                        relationship=rel,
                        labour_capacity=capacity,
                        monthly_income=income,
                        joined_on=start,
                    )
                )
            interval = 6 if household.income_irregular else 12
            enrolments.append(
                Enrolment(
                    programme=programme,
                    household=household,
                    payee=rows[0],
                    urban_rural=ur,
                    care_tier=item[9],
                    support_mode=SupportMode.DISPERSED if programme == Programme.TEKUN else "",
                    status=EnrolmentStatus.ACTIVE,
                    start_month=start,
                    recheck_interval_months=interval,
                    next_recheck_on=today + datetime.timedelta(days=rng.randint(-20, interval * 30)),
                )
            )
        HouseholdMember.objects.bulk_create(members, batch_size=BATCH)
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        enrolment_members, amounts = [], []
        for enrolment, rows, item in zip(enrolments, persons, chunk, strict=True):
            _village, _ur, people, programme, start, amount, pci, std, care, _tier = item
            enrolment_members += [EnrolmentMember(enrolment=enrolment, person=p, programme=programme) for p in rows]
            amounts.append(
                EnrolmentAmount(
                    enrolment=enrolment,
                    effective_from=start,
                    amount=amount,
                    members_count=len(rows) if programme == Programme.DIBAO else 1,
                    per_capita_income=pci,
                    standard=std,
                    care_standard=care,
                    reason=AmountReason.IMPORT,
                    note="演示数据",
                )
            )
            built.persons += len(rows)
            if programme == Programme.DIBAO:
                built.dibao += 1
            else:
                built.tekun += 1
        EnrolmentMember.objects.bulk_create(enrolment_members, batch_size=BATCH)
        EnrolmentAmount.objects.bulk_create(amounts, batch_size=BATCH)
        built.households += len(households)
    return built
