"""Imports are all-or-nothing with Chinese row-level messages; reference standards load idempotently."""

import datetime
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse

from assistance.models import AssistanceStandard, Enrolment, Household, HouseholdMember
from assistance.reference import standards_load
from civilaffairs.services import regions_load
from tests.assistance.factories import import_dataset, make_household
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db

HOUSEHOLD_HEADERS = [
    "户主公民身份号码",
    "户主姓名",
    "村（社区）代码",
    "城乡",
    "地址",
    "联系电话",
    "收入不稳定",
    "开户银行",
    "银行账号",
]


def households_dataset(rows):
    return tablib.Dataset(*rows, headers=HOUSEHOLD_HEADERS)


def test_household_import_writes_every_row_when_all_pass(county_staff, village_a, village_b):
    data = households_dataset(
        [
            [make_id_number(), "郑一", village_a.code, "农村", "1号", "", "否", "农商行", "6221000000000001"],
            [make_id_number(), "郑二", village_b.code, "", "2号", "", "是", "", ""],
        ]
    )
    dry = import_dataset(actor=county_staff, resource_name="households", dataset=data, dry_run=True)
    assert dry.ok and dry.new == 2 and not Household.objects.exists()
    report = import_dataset(actor=county_staff, resource_name="households", dataset=data, dry_run=False)
    assert report.ok and Household.objects.count() == 2
    assert Household.objects.get(head__name="郑二").income_irregular is True


def test_household_import_with_one_bad_row_writes_nothing_and_names_row_and_column(county_staff, village_a):
    data = households_dataset(
        [
            [make_id_number(), "冯一", village_a.code, "农村", "1号", "", "否", "", ""],
            ["50023619800101001", "冯二", village_a.code, "城里", "2号", "", "也许", "", ""],
            [make_id_number(), "冯三", "999999999999", "", "3号", "", "否", "", ""],
        ]
    )
    report = import_dataset(actor=county_staff, resource_name="households", dataset=data, dry_run=False)
    assert not report.ok
    text = "\n".join(report.errors)
    assert "第3行" in text and "户主公民身份号码" in text  # the 17-character ID number
    assert "第4行" in text and "999999999999" in text
    assert not Household.objects.exists() and not HouseholdMember.objects.exists()


def test_caseworkers_may_not_import(caseworker_a, village_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_dataset(actor=caseworker_a, resource_name="households", dataset=households_dataset([]), dry_run=True)


def test_member_import_adds_members_to_households_by_head(county_staff, village_a):
    household = make_household(village_a, ["100"], names=["褚一"])
    child = make_id_number()
    data = tablib.Dataset(
        [household.head.id_number, child, "褚二", "子女", "无劳动能力", "重病", "智力", "2", f"{child}52", "0", "0"],
        headers=[
            "户主公民身份号码",
            "公民身份号码",
            "姓名",
            "与户主关系",
            "劳动能力",
            "健康状况",
            "残疾类别",
            "残疾等级",
            "残疾人证号",
            "月收入（元）",
            "金融资产（元）",
        ],
    )
    report = import_dataset(actor=county_staff, resource_name="members", dataset=data, dry_run=False)
    assert report.ok, report.errors
    member = household.members.get(person__name="褚二")
    assert (member.labour_capacity, member.health, member.disability_grade) == ("none", "serious", 2)


def test_standard_import_checks_the_1_3_rule_on_the_whole_file(county_staff, geo, standards):
    headers = [
        "县（区）代码",
        "类别",
        "城乡",
        "护理档次",
        "金额（元/人·月）",
        "年标准（原文，元）",
        "施行日期",
        "文号",
        "来源",
        "演示值",
        "备注",
    ]
    bad = tablib.Dataset(
        [geo["county"].code, "低保标准", "城市", "", "700", "", "2024-01-01", "x", "", "否", ""], headers=headers
    )
    report = import_dataset(actor=county_staff, resource_name="standards", dataset=bad, dry_run=False)
    assert not report.ok and "1.3" in "".join(report.errors)
    assert not AssistanceStandard.objects.filter(effective_from=datetime.date(2024, 1, 1)).exists()
    good = tablib.Dataset(
        [geo["county"].code, "低保标准", "城市", "", "700", "", "2024-01-01", "x", "", "否", ""],
        [geo["county"].code, "特困人员基本生活标准", "城乡统一", "", "910", "", "2024-01-01", "x", "", "否", ""],
        headers=headers,
    )
    report = import_dataset(actor=county_staff, resource_name="standards", dataset=good, dry_run=False)
    assert report.ok, report.errors
    assert AssistanceStandard.objects.filter(effective_from=datetime.date(2024, 1, 1)).count() == 2


def test_enrolment_import_computes_the_amount_and_refuses_duplicates(county_staff, poor_household):
    headers = ["项目", "户主公民身份号码", "保障对象公民身份号码", "单人保", "护理档次", "供养方式", "起始年月"]
    data = tablib.Dataset(["低保", poor_household.head.id_number, "", "否", "", "", "2024-03"], headers=headers)
    report = import_dataset(actor=county_staff, resource_name="enrolments", dataset=data, dry_run=False)
    assert report.ok, report.errors
    enrolment = Enrolment.objects.get()
    assert enrolment.amount_in(datetime.date(2024, 3, 1)) == Decimal("588.00")
    again = import_dataset(actor=county_staff, resource_name="enrolments", dataset=data, dry_run=False)
    assert not again.ok and enrolment.number in "".join(again.errors)
    assert Enrolment.objects.count() == 1


def test_import_page_dry_runs_then_imports(client_for, county_staff, village_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = households_dataset([[make_id_number(), "卫一", village_a.code, "", "1号", "", "否", "", ""]])
    client = client_for(county_staff)
    url = reverse("assistance:import", args=["households"])
    upload = SimpleUploadedFile("h.xlsx", data.export("xlsx"))
    page = client.post(url, {"file": upload})
    assert page.status_code == 200 and not Household.objects.exists()
    token = page.context["token"]
    assert token
    client.post(url, {"token": token})
    assert Household.objects.get().head.name == "卫一"


def test_reference_standards_load_idempotently_with_the_seed_figures():
    regions_load()
    created, updated = standards_load()
    assert created > 20 and updated == 0
    again = standards_load()
    assert again == (0, 0)

    def figure(county, kind, ur, year):
        return AssistanceStandard.objects.get(
            county_id=county, kind=kind, urban_rural=ur, care_tier="", effective_from=datetime.date(year, 1, 1)
        )

    assert figure("500236000000", "dibao", "urban", 2020).monthly_amount == Decimal("620.00")
    assert figure("500236000000", "dibao", "rural", 2020).monthly_amount == Decimal("496.00")
    assert figure("500236000000", "tekun_basic", "", 2020).monthly_amount == Decimal("806.00")
    minle = figure("620722000000", "dibao", "urban", 2020)
    assert (minle.printed_yearly_amount, minle.monthly_amount) == (Decimal("6934.00"), Decimal("577.83"))
    assert figure("620722000000", "tekun_basic", "urban", 2020).monthly_amount == Decimal("751.00")
    assert figure("620722000000", "tekun_basic", "rural", 2020).printed_yearly_amount == Decimal("5760.00")
    assert figure("511725000000", "dibao", "urban", 2020).is_demo
    assert not figure("500190000000", "dibao", "urban", 2015).is_demo


def test_every_jurisdiction_has_care_tiers_and_a_temporary_cap_labelled_as_demo_values():
    """Without them a 特困 care tier could not be paid and 临时救助 would have no cap; no seed states a figure, so each
    is a labelled demo value."""
    from assistance.choices import CareTier
    from assistance.models.standards import standard_in_force

    regions_load()
    standards_load()
    on = datetime.date(2024, 6, 1)
    for county in ("500236", "500119", "500190", "511725", "620722"):
        for ur in ("urban", "rural"):
            for tier in CareTier.values:
                care = standard_in_force(county, "tekun_care", ur, on, tier)
                assert care is not None and care.is_demo and care.monthly_amount > 0, (county, ur, tier)
                assert care.source.startswith("演示值"), (county, tier)
            cap = standard_in_force(county, "temporary_cap", ur, on)
            assert cap is not None and cap.is_demo and cap.source.startswith("演示值"), (county, ur)
        tiers = [standard_in_force(county, "tekun_care", "rural", on, t).monthly_amount for t in CareTier.values]
        assert tiers == sorted(tiers), county  # more care, more money
