"""Register rules and services: credit codes, one current social work record, status changes, all-or-nothing
imports, audit rows for bulk writes, and two reviewers at once."""

import datetime
import threading
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction

from community import services
from community.choices import CertificateLevel, OrgStatus, ReportStatus
from community.models import LotterySalesReturn, SocialOrgAnnualReport, Volunteer, validate_org_uscc
from tests.community import factories as f
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db


# --- 统一社会信用代码 -------------------------------------------------------------------------------------------


def test_a_valid_social_organisation_credit_code_is_normalised():
    code = f.make_uscc("social_service_org")
    assert validate_org_uscc(f" {code.lower()} ", "social_service_org") == code


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda c: c[:-2], "应为18位"),
        (lambda c: c[:5] + "O" + c[6:], "只能包含数字和大写字母"),
        (lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"), "校验位不符"),
        (lambda c: "9" + c[1:], None),  # an enterprise's code (issued by 市场监管): wrong check or wrong authority
    ],
)
def test_a_wrong_credit_code_is_refused_with_a_chinese_reason(mutate, message):
    with pytest.raises(ValidationError) as exc:
        validate_org_uscc(mutate(f.make_uscc("social_group")), "social_group")
    if message:
        assert message in " ".join(exc.value.messages)


def test_a_credit_code_issued_by_another_department_is_refused():
    from stdnum.cn import uscc

    body = "91990101" + "12345678X"
    with pytest.raises(ValidationError) as exc:
        validate_org_uscc(body + uscc.calc_check_digit(body), "social_group")
    assert "应以5开头" in " ".join(exc.value.messages)


def test_two_organisations_cannot_share_a_credit_code(geo, township_a):
    org = f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a, uscc=org.uscc)


def test_filed_community_organisations_need_no_credit_code(geo, village_a):
    org = f.SocialOrganizationFactory(
        registration_authority=geo["county"], region=village_a, uscc="", registration_kind="filed"
    )
    org.full_clean()


# --- social workers --------------------------------------------------------------------------------------------


def test_a_person_has_one_current_social_work_record(village_a):
    worker = f.SocialWorkerFactory(region=village_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.SocialWorkerFactory(region=village_a, person=worker.person)


def test_overlapping_periods_of_one_person_are_refused(village_a):
    worker = f.SocialWorkerFactory(region=village_a, active_to=datetime.date(2022, 1, 1), leave_reason="resigned")
    overlapping = f.SocialWorkerFactory.build(
        region=village_a, person=worker.person, active_from=datetime.date(2021, 6, 1), active_to=None
    )
    with pytest.raises(ValidationError) as exc:
        overlapping.full_clean()
    assert "重叠" in str(exc.value)


def test_a_certificate_needs_its_number_and_date(village_a):
    worker = f.SocialWorkerFactory.build(
        region=village_a, person=f.PersonFactory(region=village_a), certificate_level=CertificateLevel.ASSISTANT
    )
    with pytest.raises(ValidationError) as exc:
        worker.full_clean()
    assert {"certificate_number", "certified_on"} <= set(exc.value.message_dict)


def test_transfer_is_refused_outside_the_jurisdiction_and_leaves_the_record_open(
    caseworker_a, county_staff, village_a, other_county
):
    worker = f.SocialWorkerFactory(region=village_a)
    with pytest.raises(PermissionDenied):
        services.social_worker_transfer(
            actor=county_staff,
            worker=worker,
            on=datetime.date(2024, 1, 1),
            region=other_county["village"],
            employer_kind="agency",
            employer_name="邻县社工机构",
        )
    worker.refresh_from_db()
    assert worker.active_to is None


# --- social organisations and their reports --------------------------------------------------------------------


def test_ending_an_organisation_is_checked(county_staff, caseworker_a, geo, township_a):
    org = f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a)
    with pytest.raises(PermissionDenied):
        services.organization_end(
            actor=caseworker_a, organization=org, status="deregistered", on=datetime.date(2024, 1, 1), reason="x"
        )
    with pytest.raises(ValidationError):
        services.organization_end(
            actor=county_staff, organization=org, status="deregistered", on=datetime.date(2010, 1, 1), reason="x"
        )
    with pytest.raises(ValidationError):
        services.organization_end(
            actor=county_staff, organization=org, status="normal", on=datetime.date(2024, 1, 1), reason="x"
        )
    ended = services.organization_end(
        actor=county_staff, organization=org, status="banned", on=datetime.date(2024, 1, 1), reason="非法活动"
    )
    assert (ended.status, ended.ended_on, ended.end_reason) == (OrgStatus.BANNED, datetime.date(2024, 1, 1), "非法活动")
    assert "status" in LogEntry.objects.get_for_object(ended).latest("timestamp").changes_dict


def test_an_accepted_report_counts_from_its_review_date(county_staff, geo, township_a):
    from indicators import registry

    org = f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a)
    report = f.AnnualReportFactory(
        organization=org, year=2023, fulltime_staff=12, submitted_on=datetime.date(2024, 3, 1)
    )
    services.annual_report_review(
        actor=county_staff, report=report, accept=True, opinion="", on=datetime.date(2024, 4, 10)
    )
    staff = registry.get("community.social_org_fulltime_staff")
    assert staff.compute(geo["county"], datetime.date(2024, 4, 9)).value == 2  # the registration figure
    assert staff.compute(geo["county"], datetime.date(2024, 4, 10)).value == 12


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has no row locks; PostgreSQL queues the second")
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_review_a_report_once(geo, township_a):
    from tests.factories import UserFactory

    staff = [UserFactory(username=f"rev{n}", role="county_staff", jurisdiction=geo["county"]) for n in range(2)]
    org = f.SocialOrganizationFactory(registration_authority=geo["county"], region=township_a)
    report = f.AnnualReportFactory(organization=org)
    outcomes, barrier = [], threading.Barrier(2)

    def review(user, accept):
        barrier.wait()
        try:
            services.annual_report_review(actor=user, report=report, accept=accept, opinion="并发", on=None)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=review, args=(u, n == 0)) for n, u in enumerate(staff)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert SocialOrgAnnualReport.objects.get(pk=report.pk).status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED)


# --- imports ---------------------------------------------------------------------------------------------------


def roster_row(number, region, registered="2023-01-01", **extra):
    return {"公民身份号码": number, "姓名": "志愿者", "注册地区划代码": region.code, "注册日期": registered, **extra}


def test_volunteer_import_upserts_on_the_id_number_and_audits_the_changes(county_staff, village_a, township_b):
    number = make_id_number(datetime.date(1990, 1, 1))
    existing = f.VolunteerFactory(id_number=number, region=village_a, registered_on=datetime.date(2020, 1, 1))
    new = make_id_number(datetime.date(1991, 1, 1))
    report = services.volunteer_roster_import(
        actor=county_staff,
        rows=[
            roster_row(number, village_a, "2020-01-01", **{"注销日期": "2024-05-01"}),
            roster_row(new, township_b, "2024-02-01", **{"服务时长（小时）": "12.5"}),
        ],
    )
    assert (report.created, report.updated, report.errors) == (1, 1, [])
    existing.refresh_from_db()
    assert existing.deregistered_on == datetime.date(2024, 5, 1)
    assert Volunteer.objects.get(id_number=new).service_hours == Decimal("12.5")
    assert "deregistered_on" in LogEntry.objects.get_for_object(existing).latest("timestamp").changes_dict
    again = services.volunteer_roster_import(
        actor=county_staff, rows=[roster_row(number, village_a, "2020-01-01", **{"注销日期": "2024-05-01"})]
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_one_bad_row_and_the_roster_import_writes_nothing(county_staff, village_a, other_county):
    good = make_id_number(datetime.date(1990, 1, 1))
    twice = make_id_number(datetime.date(1992, 1, 1))
    report = services.volunteer_roster_import(
        actor=county_staff,
        rows=[
            roster_row(good, village_a),
            roster_row(twice, village_a),
            roster_row(twice, village_a),
            roster_row(make_id_number(), other_county["village"]),
            roster_row(make_id_number(), village_a, "2099-01-01"),
        ],
    )
    assert not report.ok
    assert any("第4行" in e and "重复" in e for e in report.errors)
    assert any("第5行" in e and "注册地区划代码" in e for e in report.errors)
    assert any("第6行" in e and "不能晚于今天" in e for e in report.errors)
    assert not Volunteer.objects.exists()


def test_a_volunteer_of_another_jurisdiction_is_not_taken_over(county_staff, village_a, other_county):
    number = make_id_number(datetime.date(1990, 1, 1))
    f.VolunteerFactory(id_number=number, region=other_county["village"])
    report = services.volunteer_roster_import(actor=county_staff, rows=[roster_row(number, village_a)])
    assert any("其他辖区" in e for e in report.errors)
    assert Volunteer.objects.get(id_number=number).region == other_county["village"]


def test_only_roles_allowed_to_import_may(caseworker_a, village_a):
    with pytest.raises(PermissionDenied):
        services.volunteer_roster_import(actor=caseworker_a, rows=[])


def test_sales_import_refuses_unknown_outlets_and_months_before_opening(county_staff, village_a, other_county):
    outlet = f.OutletFactory(region=village_a, opened_on=datetime.date(2023, 6, 15))
    foreign = f.OutletFactory(region=other_county["village"])
    rows = [
        {"网点编号": outlet.outlet_number, "月份": "2023-06", "销售额（元）": "100"},
        {"网点编号": outlet.outlet_number, "月份": "2023-05", "销售额（元）": "100"},
        {"网点编号": foreign.outlet_number, "月份": "2023-07", "销售额（元）": "100"},
        {"网点编号": outlet.outlet_number, "月份": "2023-07", "销售额（元）": "-5"},
    ]
    report = services.sales_returns_import(actor=county_staff, rows=rows)
    assert len(report.errors) == 3
    assert not LotterySalesReturn.objects.exists()


def test_sales_import_dry_run_writes_nothing(county_staff, village_a):
    outlet = f.OutletFactory(region=village_a)
    rows = [{"网点编号": outlet.outlet_number, "月份": "2024-01", "销售额（元）": "100"}]
    report = services.sales_returns_import(actor=county_staff, rows=rows, dry_run=True)
    assert report.ok and report.created == 1
    assert not LotterySalesReturn.objects.exists()
