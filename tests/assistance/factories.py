"""Assistance factories: households with members, standards, and applications walked along the workflow."""

import datetime
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from assistance import services
from assistance.choices import ApplicationKind, Relationship, StandardKind
from assistance.models import Application, AssistanceStandard, Household, HouseholdMember
from assistance.models.enrolments import month_start
from tests.factories import PersonFactory, make_id_number


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    urban_rural = factory.LazyAttribute(lambda o: o.village.urban_rural or "rural")
    address = factory.Sequence(lambda n: f"{n}号")
    bank_name = "农村商业银行"
    bank_account = factory.Sequence(lambda n: f"62210000{n:010d}")


def make_household(village, incomes=(Decimal("0"),), *, names=None, assets=None, extra=None, **fields) -> Household:
    """A household in ``village`` whose members earn ``incomes`` a month; the first member is the head."""
    household = HouseholdFactory(village=village, **fields)
    for index, income in enumerate(incomes):
        person = PersonFactory(region=village, name=(names[index] if names else f"成员{index + 1}"))
        member = HouseholdMember.objects.create(
            household=household,
            person=person,
            relationship=Relationship.HEAD if index == 0 else Relationship.CHILD,
            monthly_income=Decimal(income),
            assets=Decimal(assets[index]) if assets else Decimal("0"),
            joined_on=datetime.date(2015, 1, 1),
            **(extra or {}).get(index, {}),
        )
        if index == 0:
            household.head = member.person
    household.save()
    return household


def add_member(household, *, birth=None, relationship=Relationship.CHILD, income="0", name="成员", **extra):
    person = PersonFactory(
        region=household.village, name=name, id_number=make_id_number(birth or datetime.date(1980, 1, 1))
    )
    HouseholdMember.objects.create(
        household=household,
        person=person,
        relationship=relationship,
        monthly_income=Decimal(income),
        joined_on=datetime.date(2015, 1, 1),
        **extra,
    )
    return person


def set_standard(county, kind, amount, effective_from=datetime.date(2020, 1, 1), urban_rural="", care_tier=""):
    return AssistanceStandard.objects.create(
        county=county,
        kind=kind,
        urban_rural=urban_rural,
        care_tier=care_tier,
        monthly_amount=Decimal(amount),
        effective_from=effective_from,
        document_number="测试〔2020〕1号",
    )


def standards_2020(county):
    """奉节's 2020 figures: urban 620, rural 496, 特困 806 (= 1.3 × 620) per person per month."""
    return {
        "urban": set_standard(county, StandardKind.DIBAO, "620", urban_rural="urban"),
        "rural": set_standard(county, StandardKind.DIBAO, "496", urban_rural="rural"),
        "tekun": set_standard(county, StandardKind.TEKUN_BASIC, "806"),
    }


def submit(actor, household, kind=ApplicationKind.DIBAO, **kwargs) -> Application:
    kwargs.setdefault("applicant", household.head)
    kwargs.setdefault("reason", "家庭收入低，生活困难")
    kwargs.setdefault("idempotency_key", uuid.uuid4().hex)
    app, _ = services.application_submit(actor=actor, household=household, kind=kind, **kwargs)
    return app


def backdate(app: Application, **fields) -> Application:
    """Stand-in for the passage of time (the suite has no clock control): move recorded dates into the past."""
    Application.objects.filter(pk=app.pk).update(**fields)
    app.refresh_from_db()
    return app


def walk_to_review(app, caseworker, reviewer, *, recommends=True) -> Application:
    services.application_accept(actor=caseworker, application=app)
    services.application_record_survey(
        actor=caseworker,
        application=app,
        staff_1="王调查",
        staff_2="李核实",
        survey_on=timezone.localdate(),
        findings="入户核实家庭成员、收入与财产情况属实",
        info_check="consistent",
    )
    return services.application_review(
        actor=reviewer,
        application=app,
        opinion="经审核，符合条件" if recommends else "不符合条件",
        recommends=recommends,
    )


def walk_to_confirmation(app, caseworker, reviewer) -> Application:
    """申请 → 受理 → 调查 → 审核意见 → 公示 (backdated 10 days, so it is over) → 待审核确认."""
    walk_to_review(app, caseworker, reviewer)
    return post_and_close_notice(app, caseworker)


def post_and_close_notice(app, caseworker) -> Application:
    """A recommended case: 公示 (backdated 10 days, so it is over) → 待审核确认."""
    today = timezone.localdate()
    backdate(app, reviewed_on=today - datetime.timedelta(days=10))
    services.application_start_notice(
        actor=caseworker, application=app, start=today - datetime.timedelta(days=9), place="村务公开栏"
    )
    return services.application_close_notice(actor=caseworker, application=app)


def application_form(household, **fields) -> dict:
    """The application page's POST for a 低保 application by the head (a fresh submit key each time)."""
    return {
        "kind": "dibao",
        "applicant": household.head_id,
        "target": "",
        "care_tier": "",
        "support_mode": "",
        "temporary_type": "",
        "temporary_months": "",
        "reason": "因病致贫",
        "received_on": timezone.localdate().isoformat(),
        "idempotency_key": uuid.uuid4().hex,
        "obligors-TOTAL_FORMS": "0",
        "obligors-INITIAL_FORMS": "0",
        "obligors-MIN_NUM_FORMS": "0",
        "obligors-MAX_NUM_FORMS": "10",
        **fields,
    }


def next_month(day=None):
    day = day or timezone.localdate()
    return month_start(day.replace(day=28) + datetime.timedelta(days=7))


def enrol(household, caseworker, reviewer, approver, **submit_kwargs):
    """A household (or person) approved through the whole procedure; returns the enrolment."""
    app = submit(caseworker, household, **submit_kwargs)
    walk_to_confirmation(app, caseworker, reviewer)
    services.application_approve(actor=approver, application=app)
    app.refresh_from_db()
    return app.enrolment


def shift_start(enrolment, months_back: int):
    """Stand-in for time passing: the enrolment (and its first amount) started ``months_back`` months ago."""
    from assistance.models.enrolments import add_months

    start = add_months(timezone.localdate(), -months_back)
    first = enrolment.amounts.order_by("effective_from").first()
    first.__class__.objects.filter(pk=first.pk).update(effective_from=start)
    enrolment.__class__.objects.filter(pk=enrolment.pk).update(start_month=start)
    enrolment.refresh_from_db()
    return enrolment


# --- Disability certificates and the two subsidies ----------------------------------------------------------------


def certify(person, *, category="4", grade=1, issued_on=datetime.date(2018, 3, 1), **fields):
    """A federation certificate for ``person`` (the number is 身份证号 + category + grade)."""
    from assistance.models import DisabilityCertificate

    return DisabilityCertificate.objects.create(
        person=person,
        number=f"{person.id_number}{category}{grade}",
        category=category,
        grade=grade,
        issued_on=issued_on,
        **fields,
    )


def subsidy_standards(county, effective_from=datetime.date(2020, 1, 1)):
    """Demo figures: living 70, care grade 1 90, grade 2 60, grade 3–4 (extension) 50 yuan a month."""
    return {
        "living": set_standard(county, StandardKind.DISABILITY_LIVING, "70", effective_from),
        "care_1": set_standard(county, StandardKind.DISABILITY_CARE_1, "90", effective_from),
        "care_2": set_standard(county, StandardKind.DISABILITY_CARE_2, "60", effective_from),
        "care_34": set_standard(county, StandardKind.DISABILITY_CARE_34, "50", effective_from),
    }


def walk_subsidy_to_review(app, caseworker, reviewer, *, recommends=True):
    services.application_accept(actor=caseworker, application=app)
    return services.application_initial_review(
        actor=reviewer,
        application=app,
        opinion="证件、家庭情况核实无误" if recommends else "不符合",
        recommends=recommends,
    )


def grant_subsidy(household, person, kind, caseworker, reviewer, approver):
    """A subsidy applied for, reviewed by the township and approved by the county; returns the enrolment."""
    app = submit(caseworker, household, kind=kind, target=person)
    walk_subsidy_to_review(app, caseworker, reviewer)
    services.application_approve(actor=approver, application=app)
    app.refresh_from_db()
    return app.enrolment


def make_roll(actor, township, month, *, lock_by=None):
    """Generate a township's roll for ``month``; review and lock it when ``lock_by`` is given."""
    roll, _created = services.payment_roll_generate(actor=actor, township=township, month=month)
    if lock_by is not None:
        services.payment_roll_review(actor=lock_by, roll=roll)
        roll = services.payment_roll_lock(actor=lock_by, roll=roll)
    return roll


def import_dataset(*, actor, resource_name: str, dataset, dry_run: bool):
    """An assistance sheet through the shared all-or-nothing import (``civilaffairs.imports``)."""
    from civilaffairs.imports import run_import

    return run_import(actor=actor, importable=f"assistance.{resource_name}", dataset=dataset, dry_run=dry_run)
