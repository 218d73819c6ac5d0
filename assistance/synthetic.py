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
    DisabilityCertificate,
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


# --- 残疾人两项补贴: certificates and subsidies in bulk ------------------------------------------------------------


@dataclass
class DisabilityBuilt:
    certificates: int = 0
    standalone: int = 0
    living: int = 0
    care: int = 0


# Share of certificates by grade and category, roughly as county rosters show them (physical most common).
GRADES = [1] * 15 + [2] * 25 + [3] * 30 + [4] * 30
CATEGORIES = ["4"] * 45 + ["1"] * 10 + ["2"] * 12 + ["3"] * 3 + ["5"] * 12 + ["6"] * 12 + ["7"] * 6


def build_disability(
    *,
    rng: random.Random,
    county: Region,
    today: datetime.date,
    ids: IdNumbers,
    share_of_dibao_members: float = 0.08,
    standalone_per_village: int = 2,
    coverage: dict[str, float] | None = None,
    default_coverage: float = 0.97,
) -> DisabilityBuilt:
    """Certificates for a share of the members of 低保 households and for disabled people outside any assistance
    household (each registered as a one-person household: the payment unit), then the two subsidies granted to the
    eligible — by the county's own rules (``assistance.subsidies``), one query per subsidy — at ``coverage`` per
    township (9-digit prefix → share granted). Bulk writes; amounts from the standard in force in the start month.
    """
    from assistance.subsidies import ELIGIBLE, standard_kind

    prefix = county.code[:6]
    built = DisabilityBuilt()
    # 1. Members of 低保 households of the county.
    dibao_members = list(
        HouseholdMember.objects.filter(
            left_on__isnull=True,
            household__village__code__startswith=prefix,
            household__enrolments__programme=Programme.DIBAO,
            household__enrolments__status=EnrolmentStatus.ACTIVE,
        )
        .values_list("person_id", "person__id_number", "person__birth_date")
        .distinct()
        .order_by("person_id")
    )
    chosen = [m for m in dibao_members if rng.random() < share_of_dibao_members]
    # 2. Disabled people outside any assistance household, in one-person households.
    villages = Region.objects.villages().filter(code__startswith=prefix, abolished_on__isnull=True)
    # Counties whose village list is not known yet keep placeholder villages: use those rather than nothing.
    villages = list(villages.filter(is_placeholder=False)) or list(villages)
    persons, households = [], []
    for village in villages:
        for _ in range(standalone_per_village):
            birth = _birth(rng, today, 18, 85)
            number = ids.make(birth)
            persons.append(
                Person(
                    id_number=number,
                    name=_name(rng),
                    sex="M" if int(number[16]) % 2 else "F",
                    birth_date=birth,
                    region=village,
                )
            )
            households.append(
                Household(
                    village=village,
                    urban_rural=village.urban_rural or "rural",
                    address=f"{village.name}{rng.randint(1, 300)}号",
                    bank_name="重庆农村商业银行",
                    bank_account=f"6228{rng.randint(10**14, 10**15 - 1)}",
                )
            )
    Person.objects.bulk_create(persons, batch_size=BATCH)
    for household, person in zip(households, persons, strict=True):
        household.head_id = person.pk
    Household.objects.bulk_create(households, batch_size=BATCH)
    joined = today - datetime.timedelta(days=rng.randint(400, 3000))
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(
                household=h,
                person=p,
                relationship=Relationship.HEAD,
                labour_capacity=LabourCapacity.NONE,
                joined_on=joined,
            )
            for h, p in zip(households, persons, strict=True)
        ],
        batch_size=BATCH,
    )
    built.standalone = len(persons)
    # Standalone people are certified for a severe disability more often (that is why they are on the roster here).
    holders = [(pid, number, False) for pid, number, _birth_date in chosen] + [
        (p.pk, p.id_number, True) for p in persons
    ]
    certificates = []
    for pid, number, standalone in holders:
        grade = rng.choice([1, 2, 2, 3]) if standalone else rng.choice(GRADES)
        category = rng.choice(CATEGORIES)
        issued = today - datetime.timedelta(days=rng.randint(90, 3400))
        certificates.append(
            DisabilityCertificate(
                person_id=pid,
                number=f"{number}{category}{grade}",
                category=category,
                grade=grade,
                issued_on=issued,
                valid_until=issued + datetime.timedelta(days=3650),
                needs_long_term_care=grade <= 2 or rng.random() < 0.8,
                equivalent_care_benefit=rng.random() < 0.01,
                source="federation",
                note="演示数据",
            )
        )
    DisabilityCertificate.objects.bulk_create(certificates, batch_size=BATCH)
    built.certificates = len(certificates)
    # 3. The subsidies, granted to the eligible (the same rules as the workflow and the indicators).
    standards = list(AssistanceStandard.objects.filter(county_id=county.code))

    def standard(kind: str, ur: str, month: datetime.date):
        candidates = [
            r for r in standards if r.kind == kind and r.urban_rural in (ur, "") and r.effective_from <= month
        ]
        return max(candidates, key=lambda r: (r.effective_from, r.urban_rural != ""), default=None)

    households_of = dict(
        HouseholdMember.objects.filter(left_on__isnull=True, household__village__code__startswith=prefix).values_list(
            "person_id", "household_id"
        )
    )
    info = {
        h.pk: h
        for h in Household.objects.filter(village__code__startswith=prefix).only("pk", "village_id", "urban_rural")
    }
    dibao_start = dict(
        Enrolment.objects.filter(
            programme=Programme.DIBAO, status=EnrolmentStatus.ACTIVE, household__village__code__startswith=prefix
        ).values_list("household_id", "start_month")
    )
    coverage = coverage or {}
    for programme in (Programme.LIVING_SUBSIDY, Programme.CARE_SUBSIDY):
        eligible = ELIGIBLE[programme](county, today).values_list("person_id", "issued_on", "grade")
        enrolments, amounts_for, members_for = [], [], []
        for pid, issued, grade in eligible.iterator(chunk_size=BATCH):
            household_id = households_of.get(pid)
            if household_id is None:
                continue
            household = info[household_id]
            if rng.random() >= coverage.get(household.village_id[:9], default_coverage):
                continue
            earliest = add_months(issued, 1)
            if programme == Programme.LIVING_SUBSIDY and household_id in dibao_start:
                earliest = max(earliest, dibao_start[household_id])
            if programme == Programme.CARE_SUBSIDY and grade >= 3:
                earliest = max(earliest, datetime.date(2023, 1, 1))  # the local extension (assistance.conf)
            start = max(earliest, add_months(today, -rng.randint(1, 36)))
            start = start.replace(day=1)
            if start > today:
                start = today.replace(day=1)
            std = standard(standard_kind(programme, grade), household.urban_rural, start)
            if std is None:
                continue
            enrolments.append(
                Enrolment(
                    programme=programme,
                    household_id=household_id,
                    payee_id=pid,
                    urban_rural=household.urban_rural,
                    disability_grade=grade,
                    status=EnrolmentStatus.ACTIVE,
                    start_month=start,
                    recheck_interval_months=12,
                    next_recheck_on=today + datetime.timedelta(days=rng.randint(-10, 360)),
                )
            )
            amounts_for.append((start, std))
            members_for.append(pid)
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        EnrolmentMember.objects.bulk_create(
            [
                EnrolmentMember(enrolment=e, person_id=pid, programme=programme)
                for e, pid in zip(enrolments, members_for, strict=True)
            ],
            batch_size=BATCH,
        )
        EnrolmentAmount.objects.bulk_create(
            [
                EnrolmentAmount(
                    enrolment=e,
                    effective_from=start,
                    amount=std.monthly_amount,
                    members_count=1,
                    per_capita_income=Decimal("0"),
                    standard=std,
                    reason=AmountReason.IMPORT,
                    note="演示数据",
                )
                for e, (start, std) in zip(enrolments, amounts_for, strict=True)
            ],
            batch_size=BATCH,
        )
        if programme == Programme.LIVING_SUBSIDY:
            built.living = len(enrolments)
        else:
            built.care = len(enrolments)
    return built
