"""Excel exports of the community registers (django-import-export), with Chinese column names.

Exports receive the list page's filtered, ``for_user``-scoped queryset; ID numbers are masked unless the viewer's
role may see them. The two imports — the volunteer roster exported from the volunteer platform and the 福彩中心's
monthly sales sheet — run in import-export's bulk mode on the shared all-or-nothing machinery
(``civilaffairs.imports``): a 57 443-row roster is checked and written in seconds, and one bad row writes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from civilaffairs.choices import RegionLevel
from civilaffairs.imports import (
    BulkImportResource,
    cell_choice,
    cell_date,
    cell_decimal,
    cell_id_key,
    cell_id_number,
    cell_required,
    cell_text,
    in_batches,
    register_import,
)
from civilaffairs.models import Region
from civilaffairs.resources import ViewerResource
from civilaffairs.scoping import scope_prefix
from community.choices import VolunteerSource
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)


def _township(region) -> str:
    if region is None:
        return ""
    return region.parent.name if region.level == "village" and region.parent_id else region.name


def _village(region) -> str:
    return region.name if region is not None and region.level == "village" else ""


def _yes(value: bool) -> str:
    return "是" if value else "否"


class RegisterResource(ViewerResource):
    """Columns declared as (column name, attribute or callable(obj, resource)); exports only."""

    columns: list[tuple[str, object]] = []

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)

    @classmethod
    def build(cls, model, columns):
        attrs = {"columns": columns, "Meta": type("Meta", (), {"model": model, "fields": (), "export_order": ()})}
        return type(f"{model.__name__}Resource", (cls,), attrs)

    def get_export_headers(self, *args, **kwargs):
        return [name for name, _accessor in self.columns]

    def export_resource(self, obj, *args, **kwargs):
        row = []
        for _name, accessor in self.columns:
            if callable(accessor):
                value = accessor(obj, self)
            else:
                value = obj
                for part in accessor.split("."):
                    if value is None:
                        break
                    display = getattr(value, f"get_{part}_display", None)
                    value = display() if display else getattr(value, part)
            row.append("" if value is None else value)
        return row

    def get_export_fields(self, *args, **kwargs):  # the declared columns replace the model fields
        return [fields.Field(column_name=name) for name, _accessor in self.columns]


FacilityResource = RegisterResource.build(
    CommunityServiceFacility,
    [
        ("设施名称", "name"),
        ("类型", "kind"),
        ("乡镇（街道）", lambda o, r: _township(o.village)),
        ("村（社区）", "village.name"),
        ("地址", "address"),
        ("建筑面积（平方米）", "building_area_m2"),
        ("产权方式", "tenure"),
        ("便民服务大厅", lambda o, r: _yes(o.has_service_hall)),
        ("两委办公及议事室", lambda o, r: _yes(o.has_committee_office)),
        ("社会组织活动室", lambda o, r: _yes(o.has_social_org_room)),
        ("居民活动室", lambda o, r: _yes(o.has_activity_room)),
        ("交付使用日期", "opened_on"),
        ("停用日期", "closed_on"),
        ("投资（元）", "investment_yuan"),
    ],
)

VolunteerStationResource = RegisterResource.build(
    VolunteerStation,
    [
        ("站点名称", "name"),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("村（社区）", lambda o, r: _village(o.region)),
        ("所在综合服务设施", "facility.name"),
        ("设立日期", "established_on"),
        ("撤销日期", "closed_on"),
        ("运营方", "operator"),
    ],
)

PlatformAccessResource = RegisterResource.build(
    CommunityPlatformAccess,
    [
        ("乡镇（街道）", lambda o, r: _township(o.village)),
        ("村（社区）", "village.name"),
        ("类型", "village.kind"),
        ("平台", "platform"),
        ("平台名称", "platform_name"),
        ("接入日期", "connected_on"),
        ("停用日期", "disconnected_on"),
    ],
)

DesignationResource = RegisterResource.build(
    RuralCommunityDesignation,
    [
        ("乡镇（街道）", lambda o, r: _township(o.village)),
        ("行政村", "village.name"),
        ("认定日期", "designated_on"),
        ("认定文件", "document_number"),
        ("示范村", lambda o, r: _yes(o.is_demonstration)),
        ("撤销日期", "revoked_on"),
    ],
)

SocialOrganizationResource = RegisterResource.build(
    SocialOrganization,
    [
        ("名称", "name"),
        ("统一社会信用代码", "uscc"),
        ("类型", "org_type"),
        ("登记方式", "registration_kind"),
        ("业务领域", "category"),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("成立登记日期", "registered_on"),
        ("登记状态", "status"),
        ("状态生效日期", "ended_on"),
        ("法定代表人", "legal_representative"),
        ("业务主管单位", "business_supervisor"),
        ("登记时专职人员数", "fulltime_staff_at_registration"),
        ("评估等级（A）", "assessment_grade"),
        ("慈善组织", lambda o, r: _yes(o.is_charity)),
        ("认定慈善组织日期", "charity_recognised_on"),
    ],
)

AnnualReportResource = RegisterResource.build(
    SocialOrgAnnualReport,
    [
        ("社会组织", "organization.name"),
        ("统一社会信用代码", "organization.uscc"),
        ("报告年度", "year"),
        ("专职工作人员数", "fulltime_staff"),
        ("志愿者人数", "volunteers"),
        ("资产总额（元）", "total_assets_yuan"),
        ("收入（元）", "income_yuan"),
        ("提交日期", "submitted_on"),
        ("状态", "status"),
        ("审核日期", "reviewed_on"),
        ("审核意见", "review_opinion"),
    ],
)

IncubationCentreResource = RegisterResource.build(
    IncubationCentre,
    [
        ("名称", "name"),
        ("层级", "level"),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("村（社区）", lambda o, r: _village(o.region)),
        ("运营日期", "opened_on"),
        ("停止运营日期", "closed_on"),
    ],
)

SocialWorkerResource = RegisterResource.build(
    SocialWorker,
    [
        ("姓名", "person.name"),
        ("公民身份号码", lambda o, r: o.person.id_number if r.can_see_full_ids() else o.person.masked_id_number),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("工作单位类型", "employer_kind"),
        ("工作单位", "employer_name"),
        ("证书等级", "certificate_level"),
        ("证书编号", "certificate_number"),
        ("取得证书日期", "certified_on"),
        ("人才认定依据", "talent_basis"),
        ("到岗日期", "active_from"),
        ("离岗日期", "active_to"),
        ("离岗原因", "leave_reason"),
    ],
)

VolunteerResource = RegisterResource.build(
    Volunteer,
    [
        ("公民身份号码", lambda o, r: o.id_number if r.can_see_full_ids() else o.masked_id_number),
        ("姓名", "name"),
        ("注册地区划代码", "region_id"),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("注册日期", "registered_on"),
        ("注销日期", "deregistered_on"),
        ("来源平台", "source"),
        ("志愿者编号", "external_id"),
        ("所属队伍", "team"),
        ("服务时长（小时）", "service_hours"),
    ],
)

DonationResource = RegisterResource.build(
    CharityDonation,
    [
        ("入账日期", "received_on"),
        ("受赠慈善组织", "recipient.name"),
        ("类别", "kind"),
        ("捐赠方", "donor_name"),
        ("捐赠方类型", "donor_type"),
        ("转赠来源慈善组织", "source_charity.name"),
        ("货币（元）", "cash_yuan"),
        ("物资估值（元）", "in_kind_yuan"),
        ("物资说明", "in_kind_description"),
        ("捐赠票据号", "receipt_number"),
        ("用途", "purpose"),
    ],
)

LotteryOutletResource = RegisterResource.build(
    LotteryOutlet,
    [
        ("网点编号", "outlet_number"),
        ("名称", "name"),
        ("类型", "kind"),
        ("乡镇（街道）", lambda o, r: _township(o.region)),
        ("地址", "address"),
        ("业主", "operator_name"),
        ("开业日期", "opened_on"),
        ("撤销或迁出日期", "closed_on"),
        ("暂停营业", lambda o, r: _yes(o.is_suspended)),
    ],
)

SalesReturnResource = RegisterResource.build(
    LotterySalesReturn,
    [
        ("网点编号", "outlet.outlet_number"),
        ("网点", "outlet.name"),
        ("月份", lambda o, r: f"{o.month:%Y-%m}"),
        ("销售额（元）", "sales_yuan"),
    ],
)


# --- Imports -----------------------------------------------------------------------------------------------------

# Columns as the source systems' exports name them.
COL_ID = "公民身份号码"
COL_NAME = "姓名"
COL_REGION = "注册地区划代码"
COL_REGISTERED = "注册日期"
COL_DEREGISTERED = "注销日期"
COL_SOURCE = "来源平台"
COL_EXTERNAL = "志愿者编号"
COL_TEAM = "所属队伍"
COL_HOURS = "服务时长（小时）"
COL_OUTLET = "网点编号"
COL_MONTH = "月份"
COL_SALES = "销售额（元）"


class VolunteerRosterResource(BulkImportResource):
    """A roster exported from the volunteer platform (志愿重庆 / 全国志愿服务信息系统), upserted on the 公民身份号码.
    A volunteer registered in another jurisdiction is not taken over; an unchanged row is not written."""

    id_number = fields.Field(attribute="id_number", column_name=COL_ID)
    name = fields.Field(attribute="name", column_name=COL_NAME)
    region = fields.Field(attribute="region_id", column_name=COL_REGION)
    registered_on = fields.Field(attribute="registered_on", column_name=COL_REGISTERED)
    deregistered_on = fields.Field(attribute="deregistered_on", column_name=COL_DEREGISTERED)
    source = fields.Field(attribute="source", column_name=COL_SOURCE)
    external_id = fields.Field(attribute="external_id", column_name=COL_EXTERNAL)
    team = fields.Field(attribute="team", column_name=COL_TEAM)
    service_hours = fields.Field(attribute="service_hours", column_name=COL_HOURS)
    required_columns = (COL_ID, COL_NAME, COL_REGION, COL_REGISTERED)
    update_fields = (
        "name",
        "region_id",
        "registered_on",
        "deregistered_on",
        "source",
        "external_id",
        "team",
        "service_hours",
        "imported_at",
    )

    class Meta:
        model = Volunteer
        fields = (
            "id_number",
            "name",
            "region",
            "registered_on",
            "deregistered_on",
            "source",
            "external_id",
            "team",
            "service_hours",
        )

    def before_import(self, dataset, **kwargs):
        self.now, self.today = timezone.now(), timezone.localdate()
        self.prefix = scope_prefix(self.user) or ""
        self.sources = [(value, str(label)) for value, label in VolunteerSource.choices]  # translated once
        levels = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)
        self.regions = set(Region.objects.for_user(self.user).filter(level__in=levels).values_list("code", flat=True))
        # Every volunteer the file names, wherever registered: one of another jurisdiction is refused, not moved.
        numbers = {cell_id_key(row, COL_ID) for row in dataset.dict}
        self.existing = {
            v.id_number: v for v in in_batches(lambda batch: Volunteer.objects.filter(id_number__in=batch), numbers)
        }

    def import_key(self, row):
        return cell_id_key(row, COL_ID)

    def import_instance(self, instance, row, **kwargs):
        number = cell_id_number(row, COL_ID)
        if instance.pk is not None and not instance.region_id.startswith(self.prefix):
            raise ValidationError({COL_ID: _("This volunteer is on the roster of another jurisdiction.")})
        code = cell_text(row, COL_REGION)
        if code not in self.regions:
            raise ValidationError(
                {COL_REGION: _("%(code)s is not a township or village in your jurisdiction.") % {"code": code or "—"}}
            )
        registered = cell_date(row, COL_REGISTERED)
        deregistered = cell_date(row, COL_DEREGISTERED, required=False)
        if registered > self.today:
            raise ValidationError({COL_REGISTERED: _("This date cannot be in the future.")})
        if deregistered and deregistered < registered:
            raise ValidationError({COL_DEREGISTERED: _("Deregistered before registering.")})
        values = {
            "name": cell_required(row, COL_NAME)[:50],
            "region_id": code,
            "registered_on": registered,
            "deregistered_on": deregistered,
            "source": cell_choice(row, COL_SOURCE, self.sources, default=VolunteerSource.PROVINCIAL_PLATFORM),
            "external_id": cell_text(row, COL_EXTERNAL)[:40],
            "team": cell_text(row, COL_TEAM)[:100],
            "service_hours": cell_decimal(row, COL_HOURS, places="0.1"),
        }
        earlier = self.first_seen(number, kwargs["row_number"])
        if earlier:
            raise ValidationError(
                {COL_ID: _("This ID number appears twice in the file (row %(row)d).") % {"row": earlier}}
            )
        instance.id_number = number
        instance._changes = self.changes(instance, values)
        if instance._changes:
            instance.imported_at = self.now


class SalesReturnImportResource(BulkImportResource):
    """The 福彩中心's monthly sales sheet (outlet number, month, sales), upserted on (outlet, month)."""

    outlet = fields.Field(attribute="outlet_id", column_name=COL_OUTLET)
    month = fields.Field(attribute="month", column_name=COL_MONTH)
    sales_yuan = fields.Field(attribute="sales_yuan", column_name=COL_SALES)
    required_columns = (COL_OUTLET, COL_MONTH, COL_SALES)
    update_fields = ("sales_yuan",)

    class Meta:
        model = LotterySalesReturn
        fields = ("outlet", "month", "sales_yuan")

    def before_import(self, dataset, **kwargs):
        self.today = timezone.localdate()
        outlets = LotteryOutlet.objects.for_user(self.user).only("id", "outlet_number", "opened_on", "region_id")
        self.outlets = {o.outlet_number: o for o in outlets}
        # The returns the file may correct, locked until the import ends: two clerks importing at once queue.
        named = {self.outlets[n].pk for n in {cell_text(row, COL_OUTLET) for row in dataset.dict} if n in self.outlets}
        returns = LotterySalesReturn.objects.select_for_update().filter(outlet_id__in=named)
        self.existing = {(r.outlet_id, r.month): r for r in returns}

    def get_instance(self, instance_loader, row):
        number = cell_required(row, COL_OUTLET)
        outlet = self.outlets.get(number)
        if outlet is None:
            raise ValidationError({COL_OUTLET: _("No outlet %(n)s in your jurisdiction.") % {"n": number}})
        month = cell_date(row, COL_MONTH, month=True).replace(day=1)
        if month > self.today:
            raise ValidationError({COL_MONTH: _("Sales cannot be entered for a month that has not begun.")})
        if month < outlet.opened_on.replace(day=1):
            raise ValidationError({COL_MONTH: _("The outlet had not opened in this month.")})
        row["_key"] = (outlet, month)
        return self.existing.get((outlet.pk, month))

    def import_instance(self, instance, row, **kwargs):
        outlet, month = row["_key"]
        sales = cell_decimal(row, COL_SALES, required=True)
        earlier = self.first_seen((outlet.pk, month), kwargs["row_number"])
        if earlier:
            raise ValidationError(
                {COL_MONTH: _("This outlet and month appear twice in the file (row %(row)d).") % {"row": earlier}}
            )
        instance.outlet, instance.month = outlet, month
        instance._changes = self.changes(instance, {"sales_yuan": sales})


register_import(
    "community",
    "volunteers",
    VolunteerRosterResource,
    title=gettext_lazy("Import the volunteer roster"),
    permissions=["community.import_volunteer"],
    back_url="community:volunteer_list",
    check_first=False,
)
register_import(
    "community",
    "sales",
    SalesReturnImportResource,
    title=gettext_lazy("Import monthly lottery sales"),
    permissions=["community.add_lotterysalesreturn"],
    back_url="community:sales_list",
    check_first=False,
)
