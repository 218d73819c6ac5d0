"""The assistance demo seeders on the real region fixtures: every assistance indicator of the five jurisdictions has
a value, some townships lag, the current roll carries subsidies, one-off grants and back pay, and the to-do list shows
an advance to regularise and a monitored household to visit. Seeding twice changes nothing."""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from civilaffairs.demo import DEMO_TOWNSHIP, DemoContext
from civilaffairs.models import Region, User
from civilaffairs.registry import todos_for
from indicators import registry

pytestmark = pytest.mark.django_db

CODES = [
    "assistance.dibao_standard_growth",
    "assistance.rural_urban_dibao_ratio",
    "assistance.vagrant_return_rate",
    "assistance.severe_disability_care_subsidy_coverage",
    "assistance.disability_two_subsidies_coverage",
]


@pytest.fixture
def seeded():
    from assistance import demo_data
    from civilaffairs.demo_data import seed_persons, seed_users

    call_command("load_reference", only=["regions", "standards"], stdout=StringIO())
    ctx = DemoContext(rng=random.Random(2025), scale=1, today=timezone.localdate())
    seed_users(ctx)
    seed_persons(ctx)
    summaries = [
        seeder(ctx)
        for seeder in (
            demo_data.seed_demo_standards,
            demo_data.seed_vagrants,
            demo_data.seed_institutions,
            demo_data.seed_assistance,
            demo_data.seed_disability,
            demo_data.seed_low_income,
            demo_data.seed_other_jurisdictions,
            demo_data.seed_advances,
        )
    ]
    return ctx, summaries


def compute(code, county, ctx):
    return registry.get(code).compute(Region.objects.get(code=f"{county}000000"), ctx.today)


def test_every_jurisdiction_has_values_and_laggards(seeded):
    ctx, _summaries = seeded
    for county in ("500236", "511725", "500119", "620722", "500190"):
        for code in CODES:
            assert compute(code, county, ctx).value is not None, (county, code)
    fengjie = compute("assistance.severe_disability_care_subsidy_coverage", "500236", ctx)
    rates = [entry["value"] for entry in fengjie.breakdown.values() if entry["value"] is not None]
    assert min(rates) < 90 < max(rates)  # one township lags behind the others
    assert compute("assistance.hardship_disability_living_subsidy_coverage", "500236", ctx).value is not None
    growth = compute("assistance.dibao_standard_growth", "500236", ctx).value
    assert 0 < growth < 10
    assert compute("assistance.new_mental_health_welfare_institutions", "500236", ctx).value == 1
    quxian = compute("assistance.new_mental_health_welfare_institutions", "511725", ctx)
    assert quxian.value == 0 and any("65%" in note for note in quxian.notes)


def test_current_roll_and_todos(seeded):
    from assistance.models import PaymentRoll

    ctx, _summaries = seeded
    roll = PaymentRoll.objects.get(township_id=DEMO_TOWNSHIP, month=ctx.today.replace(day=1))
    kinds = set(roll.lines.values_list("programme", "kind"))
    assert {("dis_care", "regular"), ("temporary", "one_off"), ("dibao", "back_pay")} <= kinds
    reviewer = User.objects.get(username="yongan_review")
    caseworker = User.objects.get(username="yongan")
    assert any("先行救助" in str(t.title) for t in todos_for(reviewer))
    assert any("监测" in str(t.title) for t in todos_for(caseworker))


def test_seeding_again_changes_nothing(seeded):
    from assistance import demo_data
    from assistance.models import DisabilityCertificate, VagrantCase

    ctx, _summaries = seeded
    before = (DisabilityCertificate.objects.count(), VagrantCase.objects.count())
    for seeder in (demo_data.seed_vagrants, demo_data.seed_disability, demo_data.seed_low_income):
        assert seeder(ctx) == "already seeded"
    assert (DisabilityCertificate.objects.count(), VagrantCase.objects.count()) == before


def test_demo_timelines_read_like_real_files(seeded):
    """Each seeded application's steps are dated in order, on the business dates the page shows."""
    from assistance.models import Application

    for app in Application.objects.prefetch_related("status_changes"):
        moments = [change.at for change in app.status_changes.all()]
        assert moments == sorted(moments), app.number
        local_days = [timezone.localtime(moment).date() for moment in moments]
        assert local_days[0] == app.received_on, app.number
        if app.survey_on and app.reviewed_on:
            assert app.survey_on <= app.reviewed_on, app.number
        if app.accepted_on and app.survey_on:
            assert app.accepted_on <= app.survey_on, app.number


def test_applications_in_every_state(seeded):
    """Every status of the workflow can be seen in the demo, 残联审核 (南川) included."""
    from assistance.choices import ApplicationStatus
    from assistance.models import Application

    seen = set(Application.objects.values_list("status", flat=True))
    assert seen == set(ApplicationStatus.values), set(ApplicationStatus.values) - seen
    waiting = Application.objects.get(status=ApplicationStatus.FEDERATION_REVIEWED)
    assert waiting.county_code == "500119" and waiting.federation_opinion


def test_every_jurisdiction_has_dibao_households_and_this_months_roll(seeded):
    """Each county's administrator sees a roll with 低保 on it."""
    from assistance.models import PaymentRoll

    ctx, _summaries = seeded
    admins = {
        "500236": "admin",
        "511725": "qu_admin",
        "500119": "nanchuan_admin",
        "620722": "minle_admin",
        "500190": "gaoxin_admin",
    }
    for county, username in admins.items():
        rolls = PaymentRoll.objects.for_user(User.objects.get(username=username)).filter(month=ctx.today.replace(day=1))
        assert rolls.exists(), county
        assert all(roll.township_id.startswith(county) for roll in rolls), county
        dibao = [line for roll in rolls for line in roll.lines.filter(programme="dibao")]
        assert dibao and all(line.amount > 0 for line in dibao), county
        assert sum(roll.total_amount for roll in rolls) == sum(
            line.amount for roll in rolls for line in roll.lines.all()
        )
