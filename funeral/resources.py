"""Excel exports of the registers (django-import-export) and the all-or-nothing import of daily counts.

Columns are Chinese; choices export their Chinese label. The import of daily registration counts (the statistics
the national 婚姻登记信息系统 gives per office and day) checks every row first and writes nothing unless all pass,
in one transaction, through the same service as the page (``funeral.services.count_record``).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from civilaffairs.imports import (
    ImportResource,
    cell_choice,
    cell_date,
    cell_int,
    cell_required,
    cell_text,
    register_import,
)
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


class CountImportResource(ImportResource):
    """Daily counts from the national system's statistics, one row per office, day and kind. Each row goes through
    the page's service (``services.count_record``: upsert, locked, audited); a day already entered is corrected, the
    same figures again change nothing."""

    office = fields.Field(column_name=COUNT_COLUMNS["office"])
    date = fields.Field(attribute="date", column_name=COUNT_COLUMNS["date"])
    kind = fields.Field(attribute="kind", column_name=COUNT_COLUMNS["kind"])
    total = fields.Field(attribute="total", column_name=COUNT_COLUMNS["total"])
    online = fields.Field(attribute="online", column_name=COUNT_COLUMNS["online"])
    cross_province = fields.Field(attribute="cross_province", column_name=COUNT_COLUMNS["cross_province"])
    backfilled = fields.Field(attribute="backfilled", column_name=COUNT_COLUMNS["backfilled"])
    note = fields.Field(attribute="note", column_name=COUNT_COLUMNS["note"])
    required_columns = tuple(COUNT_COLUMNS[c] for c in ("office", "date", "kind", "total"))

    class Meta:
        model = MarriageRegistrationCount
        fields = tuple(COUNT_COLUMNS)
        import_id_fields = ()
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        self.offices = {o.name: o for o in MarriageRegistrationOffice.objects.for_user(self.user)}
        self.seen: set[tuple] = set()

    def get_instance(self, instance_loader, row):
        name = cell_required(row, COUNT_COLUMNS["office"])
        office = self.offices.get(name)
        if office is None:
            raise ValidationError(
                {COUNT_COLUMNS["office"]: _("“%(value)s” is not an office in your jurisdiction.") % {"value": name}}
            )
        options = [k for k in KIND_NAMES if k.endswith(("登记", "证", "婚姻"))]
        row["_key"] = (
            office,
            cell_date(row, COUNT_COLUMNS["date"]),
            cell_choice(row, COUNT_COLUMNS["kind"], RegistrationKind.choices, aliases=KIND_NAMES, options=options),
        )
        return MarriageRegistrationCount.objects.filter(office=office, date=row["_key"][1], kind=row["_key"][2]).first()

    def import_instance(self, instance, row, **kwargs):
        office, day, kind = row["_key"]
        if (office.pk, day, kind) in self.seen:
            raise ValidationError(_("The same office, day and kind appears twice in the sheet."))
        self.seen.add((office.pk, day, kind))
        data = services.CountInput(
            office=office,
            date=day,
            kind=kind,
            total=cell_int(row, COUNT_COLUMNS["total"], required=True),
            online=cell_int(row, COUNT_COLUMNS["online"]),
            cross_province=cell_int(row, COUNT_COLUMNS["cross_province"]),
            backfilled=cell_int(row, COUNT_COLUMNS["backfilled"]),
            note=cell_text(row, COUNT_COLUMNS["note"])[:200],
        )
        figures = ("total", "online", "cross_province", "backfilled", "note")
        instance._unchanged = instance.pk is not None and all(
            getattr(instance, name) == getattr(data, name) for name in figures
        )
        instance._input = data

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and instance._unchanged

    def save_instance(self, instance, is_create, row, **kwargs):
        try:
            services.count_record(actor=self.user, data=instance._input)
        except ObjectDoesNotExist:  # the office left the jurisdiction meanwhile
            raise ValidationError({COUNT_COLUMNS["office"]: _("The office is not in your jurisdiction.")}) from None


register_import(
    "funeral",
    "counts",
    CountImportResource,
    title=gettext_lazy("Import daily registration counts"),
    permissions=["funeral.import_marriageregistrationcount", "funeral.add_marriageregistrationcount"],
    back_url="funeral:count_list",
    note=gettext_lazy("A day already entered is corrected by the new figures; the same figures again change nothing."),
)
