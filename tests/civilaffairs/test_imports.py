"""The shared import machinery (civilaffairs.imports): reading files, the cell readers, the page's check → confirm
flow, its access rules, and the all-or-nothing guarantee of the bulk resources — through the apps' real imports."""

import datetime
from unittest import mock

import pytest
import tablib
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from civilaffairs.imports import (
    cell_bool,
    cell_choice,
    cell_date,
    cell_decimal,
    cell_id_number,
    get_importable,
    read_upload,
    run_import,
)
from community.choices import VolunteerSource
from community.models import Volunteer
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db

ROSTER = ["公民身份号码", "姓名", "注册地区划代码", "注册日期"]


def roster(rows, name="roster.xlsx", headers=ROSTER):
    return SimpleUploadedFile(name, tablib.Dataset(*rows, headers=headers).export("xlsx"))


def messages_of(error: ValidationError) -> dict:
    return {key: " ".join(value) for key, value in error.message_dict.items()}


# --- reading files and cells -----------------------------------------------------------------------------------


def test_wrong_file_types_and_damaged_files_are_refused_in_chinese():
    with pytest.raises(ValidationError) as wrong:
        read_upload("名册.pdf", b"%PDF-1.4")
    assert "请上传 .xlsx 或 .csv 文件" in wrong.value.messages[0]
    with pytest.raises(ValidationError) as damaged:
        read_upload("名册.xlsx", b"not a zip file")
    assert "无法读取该文件" in damaged.value.messages[0]


def test_a_csv_saved_by_chinese_excel_is_read():
    content = "公民身份号码,姓名\n110101199003077777,张三\n".encode("gb18030")
    dataset = read_upload("名册.csv", content)
    assert dataset.headers == ["公民身份号码", "姓名"] and dataset[0][1] == "张三"


def test_cell_readers_accept_what_clerks_type_and_name_the_column_when_they_cannot():
    row = {"日期": "2025年7月1日", "月份": "2025-07", "是否": "", "来源": "省（市）", "金额": "1,234.5", "号码": "123"}
    assert cell_date(row, "日期") == datetime.date(2025, 7, 1)
    assert cell_date(row, "月份", month=True) == datetime.date(2025, 7, 1)
    assert cell_bool(row, "是否") is False and cell_bool(row, "是否", default=True) is True
    assert cell_choice(row, "来源", VolunteerSource.choices) == VolunteerSource.PROVINCIAL_PLATFORM  # a beginning
    assert str(cell_decimal(row, "金额")) == "1234.50"
    with pytest.raises(ValidationError) as bad_id:
        cell_id_number(row, "号码")
    assert "号码" in messages_of(bad_id.value) and "18" in messages_of(bad_id.value)["号码"]
    with pytest.raises(ValidationError) as bad_date:
        cell_date({"日期": "七月一日"}, "日期")
    assert "2025-07-01" in messages_of(bad_date.value)["日期"]
    with pytest.raises(ValidationError) as negative:
        cell_decimal({"金额": "-1"}, "金额")
    assert "负数" in messages_of(negative.value)["金额"]


# --- the page ------------------------------------------------------------------------------------------------------


def test_import_pages_keep_their_access_rules(client, client_for, no_role_user, caseworker_a, county_staff):
    url = reverse("community:volunteer_import")
    assert client.get(url).status_code == 302
    assert client_for(no_role_user).get(url).status_code == 403
    assert client_for(caseworker_a).get(url).status_code == 403
    assert client_for(county_staff).get(url).status_code == 200
    assert client_for(county_staff).get(reverse("assistance:import", args=["nothing"])).status_code == 404


def test_the_page_lists_the_columns_and_offers_an_empty_sheet(client_for, county_staff):
    client = client_for(county_staff)
    url = reverse("community:volunteer_import")
    html = client.get(url).content.decode()
    assert "<code>公民身份号码</code>" in html and "下载空白表格" in html
    sheet = load_workbook(__import__("io").BytesIO(client.get(url + "?template=xlsx").content)).active
    assert [c.value for c in sheet[1]][:4] == ROSTER


def test_check_then_confirm_writes_the_checked_file_once(client_for, county_staff, village_a):
    client = client_for(county_staff)
    url = reverse("community:volunteer_import")
    number = make_id_number(datetime.date(1990, 5, 5))
    page = client.post(url, {"file": roster([(number, "志愿者", village_a.code, "2024-01-01")]), "check": "1"})
    assert "全部1行检查通过" in page.content.decode() and not Volunteer.objects.exists()
    token = page.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302 and response["Location"] == reverse("community:volunteer_list")
    assert Volunteer.objects.get().id_number == number
    again = client.post(url, {"token": token}, follow=True)  # the kept file is gone after the import
    assert "上传的文件已失效" in again.content.decode() and Volunteer.objects.count() == 1


def test_a_token_from_another_import_page_is_refused(client_for, county_staff, village_a):
    client = client_for(county_staff)
    number = make_id_number(datetime.date(1990, 5, 5))
    page = client.post(
        reverse("community:volunteer_import"),
        {"file": roster([(number, "志愿者", village_a.code, "2024-01-01")]), "check": "1"},
    )
    response = client.post(reverse("community:sales_import"), {"token": page.context["token"]}, follow=True)
    assert "上传的文件已失效" in response.content.decode() and not Volunteer.objects.exists()


def test_missing_columns_and_wrong_files_are_form_errors(client_for, county_staff):
    client = client_for(county_staff)
    url = reverse("community:volunteer_import")
    html = client.post(url, {"file": roster([("张三",)], headers=["姓名"])}).content.decode()
    assert "文件缺少以下列：公民身份号码、注册地区划代码、注册日期" in html
    html = client.post(url, {"file": SimpleUploadedFile("a.txt", b"x")}).content.decode()
    assert "请上传 .xlsx 或 .csv 文件" in html
    assert not Volunteer.objects.exists()


def test_an_empty_sheet_is_reported_not_imported(county_staff):
    report = run_import(
        actor=county_staff, importable="community.volunteers", dataset=tablib.Dataset(headers=ROSTER), dry_run=False
    )
    assert report.errors == ["文件在列名行之下没有数据行。"]


# --- all or nothing in bulk mode -----------------------------------------------------------------------------------


def test_a_bulk_write_refused_by_the_database_writes_nothing_and_says_why(county_staff, village_a):
    """A volunteer entered by someone else between the check and the write: the unique ID number stops the batch,
    and the rows already written in earlier batches go too."""
    numbers = [make_id_number(datetime.date(1980, 1, 1) + datetime.timedelta(days=n)) for n in range(3)]
    dataset = tablib.Dataset(*[(n, "志愿者", village_a.code, "2024-01-01") for n in numbers], headers=ROSTER)
    resource = get_importable("community", "volunteers").resource
    original = resource.before_import

    def entered_meanwhile(self, dataset, **kwargs):
        original(self, dataset, **kwargs)
        Volunteer.objects.create(
            id_number=numbers[2], name="别人", region=village_a, registered_on=datetime.date(2024, 1, 1)
        )

    with (
        mock.patch.object(resource, "before_import", entered_meanwhile),
        mock.patch.object(resource._meta, "batch_size", 2),
    ):
        report = run_import(actor=county_staff, importable="community.volunteers", dataset=dataset, dry_run=False)
    assert not report.ok and "刚刚已被他人录入" in report.errors[0]
    assert not Volunteer.objects.exists()


def test_bulk_imports_leave_an_audit_row_per_record(county_staff, village_a):
    number = make_id_number(datetime.date(1990, 5, 5))
    dataset = tablib.Dataset((number, "志愿者", village_a.code, "2024-01-01"), headers=ROSTER)
    report = run_import(actor=county_staff, importable="community.volunteers", dataset=dataset, dry_run=False)
    assert report.ok and report.new == 1
    entry = LogEntry.objects.get_for_object(Volunteer.objects.get())
    assert entry.count() == 1 and entry.get().actor == county_staff
    assert entry.get().additional_data == {"region": village_a.code}


def test_a_dry_run_counts_but_writes_nothing(county_staff, village_a):
    number = make_id_number(datetime.date(1990, 5, 5))
    dataset = tablib.Dataset((number, "志愿者", village_a.code, "2024-01-01"), headers=ROSTER)
    report = run_import(actor=county_staff, importable="community.volunteers", dataset=dataset, dry_run=True)
    assert (report.ok, report.new) == (True, 1)
    assert not Volunteer.objects.exists() and not LogEntry.objects.filter(object_repr="志愿者").exists()
