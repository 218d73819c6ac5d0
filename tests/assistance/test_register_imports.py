"""Imports of the new registers: the federation's certificate roster, low-income households pushed by another
department, vagrant cases and welfare institutions — all or nothing, messages naming the row and column."""

import datetime

import pytest
import tablib

from assistance.models import DisabilityCertificate, LowIncomeHousehold, VagrantCase, WelfareInstitution
from assistance.resources import CertificateResource
from tests.assistance.factories import certify, import_dataset, make_household
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CERT_HEADERS = ["公民身份号码", "姓名", "残疾人证号", "残疾类别", "残疾等级", "发证日期", "有效期至", "注销日期"]


def test_roster_import_creates_updates_and_replaces(county_staff, village_a):
    a = PersonFactory(region=village_a, name="名册甲")
    b = PersonFactory(region=village_a, name="名册乙")
    old = certify(b, category="4", grade=3, issued_on=datetime.date(2015, 1, 1))
    data = tablib.Dataset(
        [a.id_number, "名册甲", f"{a.id_number}41", "肢体", "一级", "2020-05-01", "", ""],
        [b.id_number, "名册乙", f"{b.id_number}42", "肢体残疾", "二级", "2023-01-01", "2033-01-01", ""],
        headers=CERT_HEADERS,
    )
    report = import_dataset(actor=county_staff, resource_name="certificates", dataset=data, dry_run=False)
    assert report.ok, report.errors
    assert DisabilityCertificate.objects.get(person=a).grade == 1
    old.refresh_from_db()
    assert old.cancelled_on == datetime.date(2023, 1, 1)
    assert b.disability_certificates.get(cancelled_on__isnull=True).grade == 2
    assert all(c.source == "federation" for c in DisabilityCertificate.objects.exclude(pk=old.pk))
    # The same file again: nothing new.
    again = import_dataset(actor=county_staff, resource_name="certificates", dataset=data, dry_run=False)
    assert again.ok and DisabilityCertificate.objects.count() == 3


def test_roster_import_with_a_bad_row_writes_nothing(county_staff, village_a):
    a = PersonFactory(region=village_a, name="名册丙")
    data = tablib.Dataset(
        [a.id_number, "名册丙", f"{a.id_number}41", "肢体", "一级", "2020-05-01", "", ""],
        [a.id_number, "名册丙", f"{a.id_number}52", "智力", "二级", "2019-01-01", "", ""],  # older: refused
        ["110101199001011234", "无此人", "11010119900101123441", "肢体", "一级", "2020-05-01", "", ""],
        headers=CERT_HEADERS,
    )
    report = import_dataset(actor=county_staff, resource_name="certificates", dataset=data, dry_run=False)
    assert not report.ok and not DisabilityCertificate.objects.exists()
    text = "\n".join(report.errors)
    assert "第3行" in text or "Row 3" in text
    assert "公民身份号码" in text


def test_roster_import_refuses_persons_outside_the_jurisdiction(caseworker_a, village_b):
    b = PersonFactory(region=village_b, name="外镇人")
    data = tablib.Dataset(
        [b.id_number, "外镇人", f"{b.id_number}41", "肢体", "一级", "2020-05-01", "", ""], headers=CERT_HEADERS
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # caseworkers may not import at all
        import_dataset(actor=caseworker_a, resource_name="certificates", dataset=data, dry_run=True)


def test_roster_export_masks_numbers_for_roles_that_may_not_see_them(county_leader, village_a):
    a = PersonFactory(region=village_a, name="导出甲")
    certify(a, grade=1)
    rows = CertificateResource(user=county_leader).export(DisabilityCertificate.objects.all()).dict
    assert rows[0]["公民身份号码"] != a.id_number and rows[0]["残疾等级"]


def test_low_income_import_recognises_and_flags(county_staff, village_a, standards):
    household = make_household(village_a, ["300"], names=["推送户主"])
    data = tablib.Dataset(
        [household.head.id_number, "低收入", "2024-03-01", "部门推送", "是", "因病"],
        headers=["户主公民身份号码", "类别", "认定日期", "来源", "监测对象", "监测原因"],
    )
    report = import_dataset(actor=county_staff, resource_name="low-income", dataset=data, dry_run=False)
    assert report.ok, report.errors
    record = LowIncomeHousehold.objects.get(household=household)
    assert record.category == "low_income" and record.monitored and record.monitoring_reason == "illness"


def test_vagrant_and_institution_imports(county_staff, geo):
    township = geo["townships"][0]
    cases = tablib.Dataset(
        [
            township.code,
            "2024-02-01",
            "汽车站",
            "街面巡查",
            "",
            "自称老张",
            "否",
            "",
            "2024-02-03",
            "人像比对",
            "接送返回",
            "2024-02-05",
            "河南",
            "2024-02-05",
        ],
        headers=[
            "发现地代码",
            "入站日期",
            "发现地点",
            "发现方式",
            "公民身份号码",
            "自述姓名",
            "未成年人",
            "体貌特征",
            "查明身份日期",
            "查明方式",
            "离站方式",
            "离站日期",
            "去向",
            "结案日期",
        ],
    )
    report = import_dataset(actor=county_staff, resource_name="vagrants", dataset=cases, dry_run=False)
    assert report.ok, report.errors
    case = VagrantCase.objects.get()
    assert case.identity_established and case.outcome == "escorted_home"
    bad = tablib.Dataset(
        [
            township.code,
            "2024-02-01",
            "汽车站",
            "街面巡查",
            "",
            "",
            "否",
            "",
            "",
            "",
            "接送返回",
            "2024-01-05",
            "",
            "2024-02-05",
        ],
        headers=cases.headers,
    )
    report = import_dataset(actor=county_staff, resource_name="vagrants", dataset=bad, dry_run=False)
    assert not report.ok and VagrantCase.objects.count() == 1
    institutions = tablib.Dataset(
        ["县精神康复福利中心", geo["county"].code, "精神卫生福利机构", "新建", "500", "2023-10-01", "", ""],
        headers=["名称", "县（乡镇）代码", "类型", "建设方式", "床位", "建成投用日期", "停办日期", "建设进度（%）"],
    )
    report = import_dataset(actor=county_staff, resource_name="institutions", dataset=institutions, dry_run=False)
    assert report.ok, report.errors
    assert WelfareInstitution.objects.get().beds == 500
