"""Excel exports of the community registers (django-import-export), with Chinese column names.

Exports receive the list page's filtered, ``for_user``-scoped queryset; ID numbers are masked unless the viewer's
role may see them. Imports (volunteer roster, monthly lottery sales) are all-or-nothing services
(``community.services``) rather than row-by-row ModelResource imports, which are too slow for a 60 000-row roster
(DESIGN §8) and would commit the good rows of a bad file.
"""

from __future__ import annotations

from import_export import fields

from civilaffairs.resources import ViewerResource
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
