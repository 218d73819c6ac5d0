"""A member supported as 特困 in a 低保 household (``dibao_excludes_tekun_members``, decision 0004): left out of the
household's size and income and of its 低保 case — through approval, the roll, re-checks, re-rating and a death —
with amounts to the yuan; with the setting off, the household is refused as before."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance import services
from assistance.choices import ApplicationKind, Programme, RecheckOutcome, StandardKind
from assistance.models import Application, Enrolment, EnrolmentMember
from assistance.models.enrolments import add_months
from tests.assistance.factories import enrol, make_household, next_month, submit, walk_to_confirmation

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(village_a, standards, caseworker_a, reviewer_a, county_staff):
    """老人丙 (80, unable to work, no income) is enrolled in 特困 (806 a month); his son earns 300, the son's wife
    nothing. Counted for 低保 without him: 2 members, 150 per person, (496 − 150) × 2 = 692 a month."""
    household = make_household(
        village_a, ["0", "300", "0"], names=["老人丙", "儿子丙", "儿媳丙"], extra={0: {"labour_capacity": "none"}}
    )
    type(household.head).objects.filter(pk=household.head_id).update(birth_date=datetime.date(1944, 5, 1))
    household.head.refresh_from_db()
    tekun = enrol(household, caseworker_a, reviewer_a, county_staff, kind=ApplicationKind.TEKUN, target=household.head)
    return household, tekun


def applicant(household):
    return household.members.get(person__name="儿子丙").person


def test_the_tekun_member_is_left_out_of_the_dibao_household_and_its_case(
    family, caseworker_a, reviewer_a, county_staff, client_for
):
    household, tekun = family
    app = submit(caseworker_a, household, applicant=applicant(household))
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    app.refresh_from_db()
    assert (app.members_count, app.per_capita_income, app.amount) == (2, Decimal("150.00"), Decimal("692.00"))
    assert f"老人丙已纳入特困供养（编号{tekun.number}），不计入家庭人口和收入。" in app.assessment_notes.splitlines()
    html = client_for(caseworker_a).get(reverse("assistance:application_detail", args=[app.pk])).content.decode()
    rows = html.split('data-testid="assessed-members"')[1].split("</table>")[0].split("<tr")[2:]
    status = {row.split("<td>")[1].split("</td>")[0]: row for row in rows}
    assert "不计入（已纳入特困供养）" in status["老人丙"] and tekun.number in status["老人丙"]
    assert "计入" in status["儿子丙"] and "不计入" not in status["儿子丙"] and "不计入" not in status["儿媳丙"]

    services.application_approve(actor=county_staff, application=app)
    dibao = Enrolment.objects.get(application=app)
    assert set(dibao.members.filter(active=True).values_list("person__name", flat=True)) == {"儿子丙", "儿媳丙"}
    assert tekun.members.get().active  # still supported individually
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=household.village.parent, month=next_month())
    lines = {line.programme: (line.members_count, line.amount) for line in roll.lines.all()}
    assert lines == {Programme.DIBAO: (2, Decimal("692.00")), Programme.TEKUN: (1, Decimal("806.00"))}
    assert roll.total_amount == Decimal("1498.00")


@pytest.fixture
def both(family, caseworker_a, reviewer_a, county_staff):
    household, tekun = family
    dibao = enrol(household, caseworker_a, reviewer_a, county_staff, applicant=applicant(household))
    return household, tekun, dibao


def test_rechecks_keep_leaving_the_tekun_member_out(both, caseworker_a):
    household, _tekun, dibao = both
    keep = services.enrolment_recheck(actor=caseworker_a, enrolment=dibao)
    assert (keep.outcome, keep.members_count, keep.per_capita_income) == (RecheckOutcome.KEEP, 2, Decimal("150.00"))
    household.members.filter(person__name="儿子丙").update(monthly_income=Decimal("400"))
    change = services.enrolment_recheck(actor=caseworker_a, enrolment=dibao)
    assert (change.outcome, change.new_amount) == (RecheckOutcome.CHANGE, Decimal("592.00"))  # (496 − 200) × 2
    assert dibao.amount_in(next_month()) == Decimal("592.00")
    assert dibao.members.filter(active=True).count() == 2


def test_a_new_standard_rerates_the_household_without_the_tekun_member(both, county_staff, geo):
    _household, tekun, dibao = both
    month = add_months(next_month(), 1)
    services.standards_add(
        actor=county_staff,
        county=geo["county"],
        effective_from=month,
        items=[
            services.StandardItem(StandardKind.DIBAO, "rural", Decimal("520")),
            services.StandardItem(StandardKind.TEKUN_BASIC, "", Decimal("806")),
        ],
        document_number="测民发〔2027〕1号",
    )
    assert dibao.amount_in(month) == Decimal("740.00")  # (520 − 150) × 2
    assert tekun.amount_in(month) == Decimal("806.00")


def test_the_tekun_members_death_leaves_the_dibao_amount_alone(both, caseworker_a):
    _household, tekun, dibao = both
    died = datetime.date.today().replace(day=1)
    services.enrolment_record_death(actor=caseworker_a, person=tekun.payee, died_on=died)
    tekun.refresh_from_db()
    assert tekun.status == "ended"
    assert dibao.amount_in(add_months(next_month(), 1)) == Decimal("692.00")
    assert dibao.amounts.count() == 1


def test_when_tekun_support_ends_the_next_recheck_counts_and_covers_the_member(both, caseworker_a, reviewer_a):
    household, tekun, dibao = both
    services.enrolment_end(actor=caseworker_a, enrolment=tekun, last_month=next_month(), reason="other")
    recheck = services.enrolment_recheck(actor=caseworker_a, enrolment=dibao)
    # 3 members, 100 per person: (496 − 100) × 3 = 1188.
    assert (recheck.outcome, recheck.members_count, recheck.new_amount) == (
        RecheckOutcome.CHANGE,
        3,
        Decimal("1188.00"),
    )
    assert "纳入保障的成员：老人丙；不再纳入的成员：—。" in recheck.note.splitlines()
    assert EnrolmentMember.objects.get(person=household.head, active=True).enrolment == dibao


def test_the_tekun_member_still_cannot_be_enrolled_alone_in_dibao(both, caseworker_a):
    household, tekun, _dibao = both
    with pytest.raises(ValidationError, match=tekun.number):
        submit(caseworker_a, household, applicant=applicant(household), target=household.head, single_person=True)


def test_with_the_setting_off_the_household_is_refused_naming_the_tekun_case(family, caseworker_a, settings):
    household, tekun = family
    settings.CIVILAFFAIRS = {"counties": {"990101": {"dibao_excludes_tekun_members": False}}}
    with pytest.raises(ValidationError) as refused:
        submit(caseworker_a, household, applicant=applicant(household))
    assert refused.value.messages == [f"老人丙已享受特困人员救助供养（编号{tekun.number}，甲镇甲1村），不能重复纳入。"]
    assert not Application.objects.filter(kind=ApplicationKind.DIBAO).exists()


def test_a_household_of_tekun_persons_only_has_no_one_to_assess(
    village_a, standards, caseworker_a, reviewer_a, county_staff
):
    from assistance.eligibility import assess_dibao_household

    household = make_household(village_a, ["0"], names=["独居老人"], extra={0: {"labour_capacity": "none"}})
    type(household.head).objects.filter(pk=household.head_id).update(birth_date=datetime.date(1940, 1, 1))
    household.head.refresh_from_db()
    enrol(household, caseworker_a, reviewer_a, county_staff, kind=ApplicationKind.TEKUN, target=household.head)
    result = assess_dibao_household(household, next_month())
    assert not result.eligible
    assert result.reasons == ["家庭成员均已纳入特困供养，没有可认定低保的成员。"]


def test_the_tekun_member_does_not_count_as_a_dibao_household_member_for_the_living_subsidy(both, geo):
    """困难残疾人生活补贴 for 低保 households: the member left out of the 低保 household is not in it (the county admits
    no 特困 group here), his son is."""
    from assistance.subsidies import assess_subsidy
    from tests.assistance.factories import certify, subsidy_standards

    household, tekun, _dibao = both
    subsidy_standards(geo["county"])
    son = applicant(household)
    certify(tekun.payee, grade=2)
    certify(son, grade=4)

    def living(person):
        return assess_subsidy(
            programme=Programme.LIVING_SUBSIDY,
            person=person,
            urban_rural="rural",
            county_code="990101",
            on=next_month(),
        )

    assert living(son).eligible and living(son).amount == Decimal("70.00")
    assert not living(tekun.payee).eligible
