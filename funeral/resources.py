"""Excel exports of the registers (django-import-export) and the all-or-nothing import of daily counts.

Columns are Chinese; choices export their Chinese label. The import of daily registration counts (the statistics
the national 婚姻登记信息系统 gives per office and day) checks every row first and writes nothing unless all pass,
in one transaction, through the same service as the page (``funeral.services.count_record``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields

from civilaffairs.resources import ViewerResource
from funeral import services
from funeral.choices import RegistrationKind
from funeral.models import (
    ConstructionProject,
    Cremator,
    FuneralFacility,
    MarriageRegistrationCount,
    MarriageRegistrationOffice,
)


def _yes(value: bool) -> str:
    return "是" if value else "否"


class FuneralFacilityResource(ViewerResource):
    name = fields.Field(attribute="name", column_name="名称")
    facility_type = fields.Field(attribute="get_facility_type_display", column_name="类型")
    is_public = fields.Field(column_name="公益性")
    region = fields.Field(column_name="所在地")
    address = fields.Field(attribute="address", column_name="地址")
    capacity = fields.Field(attribute="capacity", column_name="墓位（格位）数")
    occupied = fields.Field(attribute="occupied", column_name="已使用")
    opened_on = fields.Field(attribute="opened_on", column_name="投用日期")
    closed_on = fields.Field(attribute="closed_on", column_name="停用日期")
    served = fields.Field(column_name="服务村（社区）数")

    class Meta:
        model = FuneralFacility
        fields = (
            "name",
            "facility_type",
            "is_public",
            "region",
            "address",
            "capacity",
            "occupied",
            "opened_on",
            "closed_on",
            "served",
        )
        export_order = fields

    def dehydrate_is_public(self, obj) -> str:
        return _yes(obj.is_public)

    def dehydrate_region(self, obj) -> str:
        return obj.region.full_name

    def dehydrate_served(self, obj) -> int:
        return len(obj.served_villages.all())


class CrematorResource(ViewerResource):
    facility = fields.Field(attribute="facility__name", column_name="殡仪馆")
    number = fields.Field(attribute="number", column_name="编号")
    kind = fields.Field(attribute="get_kind_display", column_name="炉型")
    model_name = fields.Field(attribute="model_name", column_name="型号")
    fuel = fields.Field(attribute="get_fuel_display", column_name="燃料")
    treatment = fields.Field(column_name="尾气处理")
    is_eco = fields.Field(column_name="环保节能型")
    commissioned_on = fields.Field(attribute="commissioned_on", column_name="投用日期")
    scrap_due_on = fields.Field(attribute="scrap_due_on", column_name="强制报废日期")
    decommissioned_on = fields.Field(attribute="decommissioned_on", column_name="停用日期")

    class Meta:
        model = Cremator
        fields = (
            "facility",
            "number",
            "kind",
            "model_name",
            "fuel",
            "treatment",
            "is_eco",
            "commissioned_on",
            "scrap_due_on",
            "decommissioned_on",
        )
        export_order = fields

    def dehydrate_treatment(self, obj) -> str:
        return _yes(obj.has_flue_gas_treatment)

    def dehydrate_is_eco(self, obj) -> str:
        return _yes(obj.is_eco)


class ConstructionProjectResource(ViewerResource):
    plan_item = fields.Field(attribute="plan_item", column_name="序号")
    name = fields.Field(attribute="name", column_name="项目名称")
    nature = fields.Field(attribute="get_nature_display", column_name="建设性质")
    location = fields.Field(attribute="location", column_name="建设地点")
    planned_investment = fields.Field(attribute="planned_investment", column_name="投资估算（万元）")
    years = fields.Field(column_name="建设年限")
    started_on = fields.Field(attribute="started_on", column_name="开工日期")
    completed_on = fields.Field(attribute="completed_on", column_name="竣工投用日期")
    remark = fields.Field(attribute="remark", column_name="备注")

    class Meta:
        model = ConstructionProject
        fields = (
            "plan_item",
            "name",
            "nature",
            "location",
            "planned_investment",
            "years",
            "started_on",
            "completed_on",
            "remark",
        )
        export_order = fields

    def dehydrate_years(self, obj) -> str:
        if obj.planned_start_year and obj.planned_end_year:
            return f"{obj.planned_start_year}-{obj.planned_end_year}"
        return ""


class MarriageOfficeResource(ViewerResource):
    name = fields.Field(attribute="name", column_name="婚姻登记机关")
    region = fields.Field(attribute="region__name", column_name="所在地")
    opened_on = fields.Field(attribute="opened_on", column_name="运行起始")
    closed_on = fields.Field(attribute="closed_on", column_name="停止运行")
    online_since = fields.Field(attribute="online_since", column_name="联网实时登记起始")

    class Meta:
        model = MarriageRegistrationOffice
        fields = ("name", "region", "opened_on", "closed_on", "online_since")
        export_order = fields


COUNT_COLUMNS = {
    "office": "婚姻登记机关",
    "date": "日期",
    "kind": "类别",
    "total": "登记件数",
    "online": "联网实时办理件数",
    "cross_province": "跨省通办件数",
    "backfilled": "历史数据补录件数",
    "note": "备注",
}


class MarriageCountResource(ViewerResource):
    office = fields.Field(attribute="office__name", column_name=COUNT_COLUMNS["office"])
    date = fields.Field(attribute="date", column_name=COUNT_COLUMNS["date"])
    kind = fields.Field(attribute="get_kind_display", column_name=COUNT_COLUMNS["kind"])
    total = fields.Field(attribute="total", column_name=COUNT_COLUMNS["total"])
    online = fields.Field(attribute="online", column_name=COUNT_COLUMNS["online"])
    cross_province = fields.Field(attribute="cross_province", column_name=COUNT_COLUMNS["cross_province"])
    backfilled = fields.Field(attribute="backfilled", column_name=COUNT_COLUMNS["backfilled"])
    note = fields.Field(attribute="note", column_name=COUNT_COLUMNS["note"])

    class Meta:
        model = MarriageRegistrationCount
        fields = tuple(COUNT_COLUMNS)
        export_order = fields


# --- import of daily counts ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowError(Exception):
    pass


def _cell(row: dict, key: str) -> str:
    value = row.get(COUNT_COLUMNS[key])
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _int(row: dict, key: str, *, required: bool = False) -> int:
    text = _cell(row, key)
    if not text:
        if required:
            raise _RowError(_("%(column)s: this column must be filled in.") % {"column": COUNT_COLUMNS[key]})
        return 0
    try:
        number = int(text)
    except ValueError:
        raise _RowError(
            _("%(column)s: “%(value)s” is not a whole number.") % {"column": COUNT_COLUMNS[key], "value": text}
        ) from None
    if number < 0:
        raise _RowError(_("%(column)s: a count cannot be negative.") % {"column": COUNT_COLUMNS[key]})
    return number


def _date(row: dict, key: str) -> datetime.date:
    text = _cell(row, key)
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowError(
        _("%(column)s: “%(value)s” is not a date; write it as 2025-07-01.")
        % {"column": COUNT_COLUMNS[key], "value": text}
    )


# The national system's statistics name the kinds in Chinese, whatever language the page is shown in.
KIND_NAMES = {
    "结婚登记": RegistrationKind.MARRIAGE,
    "结婚": RegistrationKind.MARRIAGE,
    "离婚登记": RegistrationKind.DIVORCE,
    "离婚": RegistrationKind.DIVORCE,
    "补办结婚登记": RegistrationKind.SUPPLEMENTARY_MARRIAGE,
    "补办": RegistrationKind.SUPPLEMENTARY_MARRIAGE,
    "补领婚姻登记证": RegistrationKind.CERTIFICATE_REISSUE,
    "补领": RegistrationKind.CERTIFICATE_REISSUE,
    "撤销婚姻": RegistrationKind.ANNULMENT,
    "撤销": RegistrationKind.ANNULMENT,
}


def _kind(row: dict) -> str:
    text = _cell(row, "kind")
    if text in KIND_NAMES:
        return KIND_NAMES[text]
    for code, label in RegistrationKind.choices:
        if text in (code, str(label)):
            return code
    options = "、".join(name for name in KIND_NAMES if name.endswith(("登记", "证", "婚姻")))
    raise _RowError(
        _("%(column)s: “%(value)s” is not valid; use one of: %(options)s.")
        % {"column": COUNT_COLUMNS["kind"], "value": text, "options": options}
    )


def _messages(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    if name.lower().endswith(".xlsx"):
        return tablib.Dataset().load(content, format="xlsx")
    if name.lower().endswith(".csv"):
        return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
    raise ValidationError(_("Upload an .xlsx or .csv file."))


def import_counts(*, actor, dataset: tablib.Dataset, dry_run: bool) -> ImportReport:
    """Import daily counts: every row is checked (and, on a real run, written) in one transaction that is rolled
    back if any row fails, so the register is either fully updated or untouched. Row numbers as in the sheet."""
    if not actor.has_perm("funeral.import_marriageregistrationcount"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Your role does not allow imports."))
    report = ImportReport(total=len(dataset))
    missing = [c for c in ("office", "date", "kind", "total") if COUNT_COLUMNS[c] not in (dataset.headers or [])]
    if missing:
        report.errors.append(
            _("The sheet lacks the columns: %(columns)s.") % {"columns": "、".join(COUNT_COLUMNS[c] for c in missing)}
        )
        return report
    offices = {o.name: o for o in MarriageRegistrationOffice.objects.for_user(actor)}
    seen: set[tuple] = set()
    try:
        with transaction.atomic():
            for number, values in enumerate(dataset.dict, start=2):
                try:
                    office = offices.get(_cell(values, "office"))
                    if office is None:
                        raise _RowError(
                            _("%(column)s: “%(value)s” is not an office in your jurisdiction.")
                            % {"column": COUNT_COLUMNS["office"], "value": _cell(values, "office")}
                        )
                    data = services.CountInput(
                        office=office,
                        date=_date(values, "date"),
                        kind=_kind(values),
                        total=_int(values, "total", required=True),
                        online=_int(values, "online"),
                        cross_province=_int(values, "cross_province"),
                        backfilled=_int(values, "backfilled"),
                        note=_cell(values, "note")[:200],
                    )
                    key = (office.pk, data.date, data.kind)
                    if key in seen:
                        raise _RowError(_("The same office, day and kind appears twice in the sheet."))
                    seen.add(key)
                    before = MarriageRegistrationCount.objects.filter(
                        office=office, date=data.date, kind=data.kind
                    ).first()
                    row, created = services.count_record(actor=actor, data=data)
                    if created:
                        report.new += 1
                    elif before is not None and row.updated_at != before.updated_at:
                        report.updated += 1
                    else:
                        report.unchanged += 1
                except _RowError as exc:
                    report.errors.append(_("Row %(row)d: %(message)s") % {"row": number, "message": exc})
                except ValidationError as exc:
                    report.errors.append(_("Row %(row)d: %(message)s") % {"row": number, "message": _messages(exc)})
                except ObjectDoesNotExist:
                    report.errors.append(_("Row %(row)d: the office is not in your jurisdiction.") % {"row": number})
            if report.errors or dry_run:
                raise _RowError("rollback")
    except _RowError:
        pass
    return report
