"""Eligibility and amounts, computed from the household's recorded means and the dated standard — never typed.

Rules (each a setting read per county, see ``assistance.conf``):

- 低保 (民发〔2021〕57号): per-capita monthly income = Σ current members' monthly income ÷ members, rounded half-up
  to the fen; eligible when it is below the 低保 standard in force for the household's county and urban/rural
  status on the date, and household financial assets per person do not exceed ``asset_limit_months`` × the
  standard. Amount = (standard − per-capita income) × members, rounded half-up to the fen; never negative.
- 单人保: a seriously ill or severely disabled member of a 低保边缘 household (per-capita income below
  ``dibao_edge_ratio`` × standard) is assessed alone: amount = standard − that person's income (members = 1).
- 特困 (民发〔2021〕43号): aged ≥ ``tekun_elderly_age``, under ``tekun_minor_age``, or severely disabled; unable to
  work (the aged and minors count as unable); no means of living (own income below the local 低保 standard, assets
  within the limit); no legal obligor able to support. Amount = basic-living standard + care standard of the tier.
- 临时救助: amount = tier months × 低保 standard × members, capped by the county's per-case cap standard; for
  支出型 also never more than the rigid expense (medical, education…) the household bore itself. 奉节's COVID grants
  ("按照低保标准2倍标准") are tier 2 of this rule.
- 残疾人两项补贴: ``assistance.subsidies``.

Members who died on or before the assessment date are not counted. For 低保, where the county's rule says so
(``dibao_excludes_tekun_members``), members with an active 特困 enrolment are not counted either: they are supported
individually (民发〔2021〕57号 lets provincial rules exclude further persons from the 共同生活的家庭成员).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from assistance.choices import (
    ApplicationKind,
    CareTier,
    Health,
    LabourCapacity,
    Programme,
    StandardKind,
    TemporaryType,
)
from assistance.conf import county_setting
from assistance.models import Application, AssistanceStandard, EnrolmentMember, Household, HouseholdMember
from assistance.models.standards import standard_in_force
from civilaffairs.formats import cn_date

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value) -> Decimal:
    """Yuan to the fen, half-up, as payments are rounded."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Means:
    members_count: int
    total_income: Decimal
    total_assets: Decimal

    @property
    def per_capita_income(self) -> Decimal:
        return money(self.total_income / self.members_count) if self.members_count else ZERO

    @property
    def per_capita_assets(self) -> Decimal:
        return money(self.total_assets / self.members_count) if self.members_count else ZERO


@dataclass
class Assessment:
    """The outcome of a means test: eligible or not with the reasons in Chinese, and the amount."""

    eligible: bool
    amount: Decimal | None = None
    members_count: int | None = None
    per_capita_income: Decimal | None = None
    per_capita_assets: Decimal | None = None
    standard: AssistanceStandard | None = None
    care_standard: AssistanceStandard | None = None
    reasons: list[str] = field(default_factory=list)  # why not eligible
    notes: list[str] = field(default_factory=list)  # how the figures were obtained
    failed: set[str] = field(default_factory=set)  # which conditions failed: income, assets, category, …
    certificate: object = None  # 残疾人两项补贴: the disability certificate the assessment rests on

    def fail(self, code: str, reason: str) -> None:
        self.eligible = False
        self.failed.add(code)
        self.reasons.append(reason)

    @property
    def fails_on_income_only(self) -> bool:
        """Only the income test failed: the case for 渐退 rather than exit."""
        return self.failed == {"income"}

    @property
    def text(self) -> str:
        return "\n".join(self.reasons + self.notes)


def living_members(household: Household, on: datetime.date):
    """Current members alive on ``on``."""
    return (
        HouseholdMember.objects.current(on)
        .filter(household=household)
        .filter(Q(person__death_date__isnull=True) | Q(person__death_date__gt=on))
    )


def _means(members) -> Means:
    agg = members.aggregate(n=Count("id"), income=Sum("monthly_income"), assets=Sum("assets"))
    return Means(agg["n"] or 0, agg["income"] or ZERO, agg["assets"] or ZERO)


def household_means(household: Household, on: datetime.date) -> Means:
    return _means(living_members(household, on))


def _tekun_supported():
    """Persons with an active 特困 enrolment (any township)."""
    return EnrolmentMember.objects.filter(active=True, programme=Programme.TEKUN).values("person_id")


def dibao_members(household: Household, on: datetime.date):
    """The living members counted for 低保 on ``on``: where the county supports 特困 persons individually
    (``dibao_excludes_tekun_members``), those with an active 特困 enrolment are left out of the household's size and
    income — and so out of its 低保 enrolment."""
    members = living_members(household, on)
    if county_setting("dibao_excludes_tekun_members", household.county_code):
        members = members.exclude(person_id__in=_tekun_supported())
    return members


def dibao_excluded_members(household: Household, on: datetime.date) -> dict[int, EnrolmentMember]:
    """Living members left out for 低保 on ``on`` because they are supported as 特困: person id → their 特困
    enrolment membership (for the case number). Empty where the county keeps them in the household."""
    if not county_setting("dibao_excludes_tekun_members", household.county_code):
        return {}
    persons = living_members(household, on).values("person_id")
    rows = EnrolmentMember.objects.filter(active=True, programme=Programme.TEKUN, person_id__in=persons).select_related(
        "person", "enrolment__household"
    )
    return {row.person_id: row for row in rows}


def dibao_means(household: Household, on: datetime.date) -> Means:
    return _means(dibao_members(household, on))


def _excluded_notes(household: Household, on: datetime.date) -> list[str]:
    return [
        _(
            "%(name)s is supported as an extreme-poverty person (case %(number)s) and is not counted in the "
            "household's size or income."
        )
        % {"name": row.person.name, "number": row.enrolment.number}
        for row in dibao_excluded_members(household, on).values()
    ]


def dibao_amount(standard: Decimal, per_capita_income: Decimal, members: int) -> Decimal:
    """(standard − per-capita income) × members, to the fen, never negative."""
    return max(ZERO, money((Decimal(standard) - Decimal(per_capita_income)) * members))


def _ur_label(urban_rural: str) -> str:
    return _("urban") if urban_rural == "urban" else _("rural")


def _standard_missing(kind_label: str, household: Household, on: datetime.date) -> str:
    return _("No %(kind)s standard of the county (%(ur)s) is in force on %(date)s; ask county staff to enter it.") % {
        "kind": kind_label,
        "ur": _ur_label(household.urban_rural),
        "date": cn_date(on),
    }


def _asset_check(assessment: Assessment, per_capita_assets: Decimal, standard: Decimal, county: str) -> None:
    months = county_setting("asset_limit_months", county)
    limit = money(Decimal(standard) * months)
    if per_capita_assets > limit:
        assessment.fail(
            "assets",
            _(
                "Financial assets of %(assets)s yuan per person exceed the limit of %(months)s months of the "
                "standard (%(limit)s yuan)."
            )
            % {"assets": per_capita_assets, "months": months, "limit": limit},
        )


def assess_dibao_household(household: Household, on: datetime.date) -> Assessment:
    county = household.county_code
    standard = standard_in_force(county, StandardKind.DIBAO, household.urban_rural, on)
    if standard is None:
        return Assessment(eligible=False, reasons=[_standard_missing(_("dibao"), household, on)], failed={"standard"})
    means = dibao_means(household, on)
    excluded = _excluded_notes(household, on)
    result = Assessment(
        eligible=True,
        members_count=means.members_count,
        per_capita_income=means.per_capita_income,
        per_capita_assets=means.per_capita_assets,
        standard=standard,
        notes=list(excluded),
    )
    if means.members_count == 0:
        if excluded:
            result.fail(
                "member",
                _("Every living member is supported as an extreme-poverty person; no one is left to assess for dibao."),
            )
        else:
            result.fail("member", _("The household has no living members on the assessment date."))
        return result
    std = standard.monthly_amount
    result.notes.append(
        _(
            "Household income %(income)s yuan a month for %(n)d members: %(pci)s yuan per person; "
            "dibao standard %(std)s yuan (%(ur)s, from %(from)s)."
        )
        % {
            "income": money(means.total_income),
            "n": means.members_count,
            "pci": means.per_capita_income,
            "std": std,
            "ur": _ur_label(household.urban_rural),
            "from": standard.effective_from.isoformat(),
        }
    )
    if means.per_capita_income >= std:
        result.fail(
            "income",
            _("Income of %(pci)s yuan per person is not below the dibao standard of %(std)s yuan.")
            % {"pci": means.per_capita_income, "std": std},
        )
    _asset_check(result, means.per_capita_assets, std, county)
    if result.eligible:
        result.amount = dibao_amount(std, means.per_capita_income, means.members_count)
        result.notes.append(
            _("Amount: (%(std)s − %(pci)s) × %(n)d = %(amount)s yuan a month.")
            % {"std": std, "pci": means.per_capita_income, "n": means.members_count, "amount": result.amount}
        )
    return result


def _member_row(household: Household, person_id: int, on: datetime.date) -> HouseholdMember | None:
    return living_members(household, on).filter(person_id=person_id).select_related("person").first()


def assess_dibao_single(household: Household, person_id: int, on: datetime.date) -> Assessment:
    """单人保: the ill or disabled member of a 低保边缘 household, assessed alone."""
    county = household.county_code
    standard = standard_in_force(county, StandardKind.DIBAO, household.urban_rural, on)
    if standard is None:
        return Assessment(eligible=False, reasons=[_standard_missing(_("dibao"), household, on)], failed={"standard"})
    member = _member_row(household, person_id, on)
    if member is None:
        return Assessment(
            eligible=False,
            reasons=[_("The person applied for is not a living member of the household.")],
            failed={"member"},
        )
    std = standard.monthly_amount
    means = dibao_means(household, on)
    result = Assessment(
        eligible=True,
        members_count=1,
        per_capita_income=money(member.monthly_income),
        per_capita_assets=means.per_capita_assets,
        standard=standard,
    )
    severe = county_setting("severe_disability_grades", county)
    if member.health != Health.SERIOUS and member.disability_grade not in severe:
        result.fail(
            "category",
            _(
                "Single-person dibao is for a seriously ill or severely disabled (grade %(grades)s) member; "
                "%(name)s is neither."
            )
            % {"grades": "、".join(str(g) for g in severe), "name": member.person.name},
        )
    edge = money(std * Decimal(county_setting("dibao_edge_ratio", county)))
    if means.per_capita_income >= edge:
        result.fail(
            "edge",
            _(
                "The household's income of %(pci)s yuan per person is not below %(edge)s yuan "
                "(%(ratio)s × the standard): it is not a low-income (dibao-edge) household."
            )
            % {"pci": means.per_capita_income, "edge": edge, "ratio": county_setting("dibao_edge_ratio", county)},
        )
    if member.monthly_income >= std:
        result.fail(
            "income",
            _("%(name)s's own income of %(income)s yuan is not below the dibao standard of %(std)s yuan.")
            % {"name": member.person.name, "income": money(member.monthly_income), "std": std},
        )
    _asset_check(result, means.per_capita_assets, std, county)
    result.notes.append(
        _("Single-person dibao: standard %(std)s yuan, own income %(income)s yuan.")
        % {"std": std, "income": money(member.monthly_income)}
    )
    if result.eligible:
        result.amount = dibao_amount(std, member.monthly_income, 1)
        result.notes.append(
            _("Amount: %(std)s − %(income)s = %(amount)s yuan a month.")
            % {"std": std, "income": money(member.monthly_income), "amount": result.amount}
        )
    return result


def assess_tekun(
    household: Household, person_id: int, on: datetime.date, *, care_tier: str = "", obligors=()
) -> Assessment:
    """特困人员认定 (民发〔2021〕43号) for one member of ``household`` on ``on``."""
    county = household.county_code
    dibao = standard_in_force(county, StandardKind.DIBAO, household.urban_rural, on)
    basic = standard_in_force(county, StandardKind.TEKUN_BASIC, household.urban_rural, on)
    if dibao is None or basic is None:
        missing = _("dibao") if dibao is None else _("extreme-poverty basic-living")
        return Assessment(eligible=False, reasons=[_standard_missing(missing, household, on)], failed={"standard"})
    member = _member_row(household, person_id, on)
    if member is None:
        return Assessment(
            eligible=False,
            reasons=[_("The person applied for is not a living member of the household.")],
            failed={"member"},
        )
    person = member.person
    age = person.age_on(on)
    minor_age = county_setting("tekun_minor_age", county)
    elderly_age = county_setting("tekun_elderly_age", county)
    severe = county_setting("severe_disability_grades", county)
    result = Assessment(
        eligible=True,
        members_count=1,
        per_capita_income=money(member.monthly_income),
        per_capita_assets=money(member.assets),
        standard=basic,
    )
    is_aged, is_minor = age >= elderly_age, age < minor_age
    is_severely_disabled = member.disability_grade in severe
    if is_aged:
        result.notes.append(_("Aged %(age)d (%(limit)d or over).") % {"age": age, "limit": elderly_age})
    elif is_minor:
        result.notes.append(_("Aged %(age)d, under %(limit)d.") % {"age": age, "limit": minor_age})
    elif is_severely_disabled:
        result.notes.append(_("Severely disabled (grade %(grade)d).") % {"grade": member.disability_grade})
    else:
        result.fail(
            "category",
            _("%(name)s (aged %(age)d) is neither aged %(old)d or over, nor under %(minor)d, nor severely disabled.")
            % {"name": person.name, "age": age, "old": elderly_age, "minor": minor_age},
        )
    # The aged and minors count as unable to work; others must have been assessed as unable.
    if not (is_aged or is_minor) and member.labour_capacity != LabourCapacity.NONE:
        result.fail(
            "labour",
            _("%(name)s is able to work (%(capacity)s).")
            % {"name": person.name, "capacity": member.get_labour_capacity_display()},
        )
    # 无生活来源: own income below the local 低保 standard.
    if member.monthly_income >= dibao.monthly_amount:
        result.fail(
            "income",
            _("%(name)s's income of %(income)s yuan a month is not below the dibao standard of %(std)s yuan.")
            % {"name": person.name, "income": money(member.monthly_income), "std": dibao.monthly_amount},
        )
    _asset_check(result, money(member.assets), dibao.monthly_amount, county)
    for obligor in obligors:
        if obligor.able_to_support:
            result.fail(
                "obligor",
                _("Legal obligor %(name)s (%(rel)s) is able to support the applicant: %(why)s")
                % {"name": obligor.name, "rel": obligor.get_relationship_display(), "why": obligor.assessment},
            )
    amount = basic.monthly_amount
    result.notes.append(_("Basic-living standard %(std)s yuan a month.") % {"std": basic.monthly_amount})
    if care_tier:
        care = standard_in_force(county, StandardKind.TEKUN_CARE, household.urban_rural, on, care_tier)
        if care is not None:
            result.care_standard = care
            amount += care.monthly_amount
            result.notes.append(
                _("Care standard (%(tier)s) %(std)s yuan a month.")
                % {"tier": CareTier(care_tier).label, "std": care.monthly_amount}
            )
        else:
            # A missing figure must not silently pay the basic standard alone: the case waits for the county.
            result.fail(
                "standard",
                _(
                    "The county has no care standard for the tier “%(tier)s” in force on %(date)s, so the amount "
                    "cannot be computed; ask county staff to enter the care standards before approval."
                )
                % {"tier": CareTier(care_tier).label, "date": cn_date(on)},
            )
    if result.eligible:
        result.amount = money(amount)
    return result


def assess_temporary(application: Application, on: datetime.date) -> Assessment:
    household = application.household
    county = household.county_code
    standard = standard_in_force(county, StandardKind.DIBAO, household.urban_rural, on)
    if standard is None:
        return Assessment(eligible=False, reasons=[_standard_missing(_("dibao"), household, on)], failed={"standard"})
    means = household_means(household, on)
    months = application.temporary_months or 0
    max_months = county_setting("temporary_max_months", county)
    result = Assessment(
        eligible=True,
        members_count=means.members_count,
        per_capita_income=means.per_capita_income,
        per_capita_assets=means.per_capita_assets,
        standard=standard,
    )
    if not 1 <= months <= max_months:
        result.fail("tier", _("Choose an assistance tier of 1 to %(max)d months.") % {"max": max_months})
        return result
    amount = money(standard.monthly_amount * months * means.members_count)
    result.notes.append(
        _("%(months)d months × dibao standard %(std)s yuan × %(n)d members = %(amount)s yuan.")
        % {"months": months, "std": standard.monthly_amount, "n": means.members_count, "amount": amount}
    )
    if application.temporary_type == TemporaryType.EXPENDITURE:
        # 支出型: never more than the rigid expense the household bore itself (after insurance and other aid).
        expense = application.expense_amount
        if expense is None or expense <= 0:
            result.fail(
                "expense",
                _("Record the rigid expense the household bore itself (after insurance and other assistance)."),
            )
            return result
        if expense < amount:
            amount = money(expense)
            result.notes.append(
                _("Limited to the rigid expense of %(expense)s yuan (%(category)s).")
                % {"expense": money(expense), "category": application.get_expense_category_display() or "—"}
            )
    cap = standard_in_force(county, StandardKind.TEMPORARY_CAP, household.urban_rural, on)
    if cap is not None and amount > cap.monthly_amount:
        amount = cap.monthly_amount
        result.care_standard = cap
        result.notes.append(_("Capped at %(cap)s yuan per case.") % {"cap": cap.monthly_amount})
    result.amount = amount
    return result


def assess(application: Application, on: datetime.date) -> Assessment:
    """The assessment of an application on a date (the date decides which standard is in force)."""
    if application.kind in (ApplicationKind.LIVING_SUBSIDY, ApplicationKind.CARE_SUBSIDY):
        from assistance.subsidies import assess_subsidy

        return assess_subsidy(
            programme=application.kind,
            person=application.target,
            urban_rural=application.household.urban_rural,
            county_code=application.county_code,
            on=on,
        )
    if application.kind == ApplicationKind.TEKUN:
        return assess_tekun(
            application.household,
            application.target_id,
            on,
            care_tier=application.care_tier,
            obligors=list(application.obligors.all()) if application.pk else [],
        )
    if application.kind == ApplicationKind.TEMPORARY:
        return assess_temporary(application, on)
    if application.single_person:
        return assess_dibao_single(application.household, application.target_id, on)
    return assess_dibao_household(application.household, on)
