"""Excel exports of the elder-care registers (django-import-export). ID numbers are masked unless the viewer's role
may see them. Imports of the roster and visits go through ``eldercare.imports`` (all-or-nothing, bulk)."""

from __future__ import annotations

from import_export import fields

from civilaffairs.resources import ViewerResource
from eldercare.choices import OperationMode
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)


def _township(region) -> str:
    if region.level == "village":
        return region.parent.name
    return region.name


class SiteResource(ViewerResource):
    name = fields.Field(attribute="name", column_name="名称")
    township = fields.Field(column_name="乡镇（街道）")
    region = fields.Field(attribute="region__name", column_name="所在区划")
    address = fields.Field(attribute="address", column_name="地址")
    ownership = fields.Field(attribute="get_ownership_display", column_name="产权性质")
    opened_on = fields.Field(attribute="opened_on", column_name="开办日期")
    closed_on = fields.Field(attribute="closed_on", column_name="关停日期")
    beds = fields.Field(attribute="current_total_beds", column_name="床位（现行台账）")
    mode = fields.Field(column_name="运营方式（现行台账）")
    medical = fields.Field(column_name="医养结合")

    def dehydrate_township(self, obj) -> str:
        return _township(obj.region)

    def dehydrate_mode(self, obj) -> str:
        mode = getattr(obj, "current_operation_mode", None)
        return str(OperationMode(mode).label) if mode else ""

    def dehydrate_medical(self, obj) -> str:
        return "是" if obj.medical_integration else "否"


class InstitutionResource(SiteResource):
    institution_type = fields.Field(attribute="get_institution_type_display", column_name="机构类型")
    filing_number = fields.Field(attribute="filing_number", column_name="备案号")
    filed_on = fields.Field(attribute="filed_on", column_name="登记（备案）日期")
    nursing = fields.Field(attribute="current_nursing_beds", column_name="护理型床位（现行台账）")
    star_rating = fields.Field(attribute="star_rating", column_name="星级")

    class Meta:
        model = ElderCareInstitution
        fields = (
            "name",
            "institution_type",
            "township",
            "region",
            "address",
            "ownership",
            "mode",
            "opened_on",
            "filing_number",
            "filed_on",
            "closed_on",
            "beds",
            "nursing",
            "star_rating",
            "medical",
        )
        export_order = fields


class FacilityResource(SiteResource):
    facility_type = fields.Field(attribute="get_facility_type_display", column_name="设施类型")

    class Meta:
        model = CommunityElderCareFacility
        fields = (
            "name",
            "facility_type",
            "township",
            "region",
            "address",
            "ownership",
            "mode",
            "opened_on",
            "closed_on",
            "beds",
            "medical",
        )
        export_order = fields


class AssessmentResource(ViewerResource):
    institution = fields.Field(attribute="institution__name", column_name="养老机构")
    assessed_on = fields.Field(attribute="assessed_on", column_name="检查日期")
    kind = fields.Field(attribute="get_kind_display", column_name="类别")
    result = fields.Field(attribute="get_result_display", column_name="结论")
    score = fields.Field(attribute="score", column_name="得分")
    inspector = fields.Field(attribute="inspector", column_name="检查人")
    problems = fields.Field(attribute="problems", column_name="发现的问题")
    due = fields.Field(attribute="rectification_due_on", column_name="整改期限")
    rectified = fields.Field(attribute="rectified_on", column_name="整改完成日期")

    class Meta:
        model = ElderCareQualityAssessment
        fields = ("institution", "assessed_on", "kind", "result", "score", "inspector", "problems", "due", "rectified")
        export_order = fields


class ElderlyResource(ViewerResource):
    name = fields.Field(attribute="person__name", column_name="姓名")
    id_number = fields.Field(column_name="公民身份号码")
    township = fields.Field(column_name="乡镇（街道）")
    village = fields.Field(attribute="person__region__name", column_name="村（社区）")
    categories = fields.Field(attribute="categories_display", column_name="类别")
    at_home = fields.Field(column_name="居住在家")
    listed_on = fields.Field(attribute="listed_on", column_name="纳入名册日期")
    removed_on = fields.Field(attribute="removed_on", column_name="移出日期")
    last_visit = fields.Field(attribute="last_visited_on", column_name="最近探访")
    visitor = fields.Field(attribute="visitor_name", column_name="探访责任人")

    class Meta:
        model = ElderlyPerson
        fields = (
            "name",
            "id_number",
            "township",
            "village",
            "categories",
            "at_home",
            "listed_on",
            "removed_on",
            "last_visit",
            "visitor",
        )
        export_order = fields

    def dehydrate_id_number(self, obj) -> str:
        return obj.person.id_number if self.can_see_full_ids() else obj.person.masked_id_number

    def dehydrate_township(self, obj) -> str:
        return _township(obj.person.region)

    def dehydrate_at_home(self, obj) -> str:
        return "是" if obj.lives_at_home else "否"


class VisitResource(ViewerResource):
    name = fields.Field(attribute="elderly__person__name", column_name="姓名")
    township = fields.Field(column_name="乡镇（街道）")
    village = fields.Field(attribute="region__name", column_name="村（社区）")
    visited_on = fields.Field(attribute="visited_on", column_name="探访日期")
    visit_type = fields.Field(attribute="get_visit_type_display", column_name="探访方式")
    visitor = fields.Field(attribute="visitor_name", column_name="探访人")
    findings = fields.Field(attribute="findings", column_name="发现的问题")
    assistance = fields.Field(attribute="assistance", column_name="帮扶措施")
    follow_up = fields.Field(column_name="需要跟进")

    class Meta:
        model = ElderlyVisit
        fields = (
            "name",
            "township",
            "village",
            "visited_on",
            "visit_type",
            "visitor",
            "findings",
            "assistance",
            "follow_up",
        )
        export_order = fields

    def dehydrate_township(self, obj) -> str:
        return _township(obj.region)

    def dehydrate_follow_up(self, obj) -> str:
        return "是" if obj.needs_follow_up else "否"
