"""Business settings per county: what a county's own document sets wins over a deployment-wide default."""

from decimal import Decimal

import pytest
from django.test import override_settings

from assistance.conf import county_setting

FENGJIE = "500236000000"
TEST_COUNTY = "990101000000"


def test_a_global_default_does_not_replace_a_figure_the_county_document_sets():
    with override_settings(CIVILAFFAIRS={"phase_out_months": 3, "township_confirms": True}):
        # 奉节's plan sets six months of 渐退; the deployment's global 3 is for counties that say nothing.
        assert county_setting("phase_out_months", FENGJIE) == 6
        assert county_setting("phase_out_months", TEST_COUNTY) == 3
        # A value 奉节's document does not set still follows the deployment's default.
        assert county_setting("township_confirms", FENGJIE) is True
    assert county_setting("phase_out_months", TEST_COUNTY) == 6  # the national default


def test_the_deployment_setting_for_the_county_wins_over_everything():
    overrides = {"phase_out_months": 3, "counties": {"500236": {"phase_out_months": 4}}}
    with override_settings(CIVILAFFAIRS=overrides):
        assert county_setting("phase_out_months", FENGJIE) == 4
        assert county_setting("phase_out_ceiling_ratio", FENGJIE) == Decimal("1.5")


@pytest.mark.django_db
def test_phase_out_in_fengjie_keeps_six_months_under_a_global_default():
    """The behaviour a caseworker sees: a 渐退 re-check in a 奉节 household runs the county's six months."""
    from assistance import services
    from assistance.choices import RecheckOutcome, StandardKind
    from assistance.models.enrolments import add_months
    from civilaffairs.choices import Role
    from tests.assistance.factories import enrol, make_household, next_month, set_standard
    from tests.factories import UserFactory, build_county

    fengjie = build_county("500236", "奉节县")
    village = fengjie["villages"][fengjie["townships"][0].code][0]
    set_standard(fengjie["county"], StandardKind.DIBAO, "496", urban_rural="rural")
    set_standard(fengjie["county"], StandardKind.TEKUN_BASIC, "806")
    township = fengjie["townships"][0]
    staff = UserFactory(role=Role.COUNTY_STAFF, jurisdiction=fengjie["county"])
    caseworker = UserFactory(role=Role.CASEWORKER, jurisdiction=township)
    reviewer = UserFactory(role=Role.REVIEWER, jurisdiction=township)
    household = make_household(village, ["600", "300", "0"])
    enrolment = enrol(household, caseworker, reviewer, staff)
    household.members.filter(person__name="成员2").update(monthly_income=Decimal("900"))  # 500 per person
    with override_settings(CIVILAFFAIRS={"phase_out_months": 3}):
        recheck = services.enrolment_recheck(actor=caseworker, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert recheck.outcome == RecheckOutcome.PHASE_OUT
    assert enrolment.phase_out_until == add_months(next_month(), 5)
