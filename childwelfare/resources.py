"""Excel exports of the child-welfare registers; ID numbers masked unless the viewer's role may see them."""

from __future__ import annotations

from import_export import fields

from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.resources import ViewerResource


def _township(region) -> str:
    return region.parent.name if region.level == "village" else region.name


class StationResource(ViewerResource):
    name = fields.Field(attribute="name", column_name="名称")
    kind = fields.Field(attribute="get_kind_display", column_name="类别")
    township = fields.Field(column_name="乡镇（街道）")
    region = fields.Field(attribute="region__name", column_name="所在区划")
    established_on = fields.Field(attribute="established_on", column_name="设立日期")
    closed_on = fields.Field(attribute="closed_on", column_name="撤销日期")
    staff = fields.Field(attribute="staff_count", column_name="工作人员数")
    model = fields.Field(column_name="示范")
    recognised = fields.Field(attribute="model_recognised_on", column_name="认定日期")

    class Meta:
        model = MinorProtectionStation
        fields = ("name", "kind", "township", "region", "established_on", "closed_on", "staff", "model", "recognised")
        export_order = fields

    def dehydrate_township(self, obj) -> str:
        return _township(obj.region)

    def dehydrate_model(self, obj) -> str:
        return "是" if obj.is_model else "否"


class ChildInstitutionResource(ViewerResource):
    name = fields.Field(attribute="name", column_name="名称")
    kind = fields.Field(attribute="get_kind_display", column_name="类别")
    region = fields.Field(attribute="region__name", column_name="所在区划")
    opened_on = fields.Field(attribute="opened_on", column_name="设立日期")
    rescue = fields.Field(attribute="rescue_function_since", column_name="未成年人救助保护机构批准（挂牌）日期")
    closed_on = fields.Field(attribute="closed_on", column_name="撤销日期")
    beds = fields.Field(attribute="beds", column_name="床位")

    class Meta:
        model = ChildWelfareInstitution
        fields = ("name", "kind", "region", "opened_on", "rescue", "closed_on", "beds")
        export_order = fields


class ChildWorkerResource(ViewerResource):
    name = fields.Field(attribute="person__name", column_name="姓名")
    id_number = fields.Field(column_name="公民身份号码")
    role = fields.Field(attribute="get_role_display", column_name="岗位")
    township = fields.Field(column_name="乡镇（街道）")
    region = fields.Field(attribute="region__name", column_name="任职区划")
    appointed_on = fields.Field(attribute="appointed_on", column_name="任职日期")
    left_on = fields.Field(attribute="left_on", column_name="离任日期")
    trained_on = fields.Field(attribute="trained_on", column_name="岗前培训日期")

    class Meta:
        model = ChildWorker
        fields = ("name", "id_number", "role", "township", "region", "appointed_on", "left_on", "trained_on")
        export_order = fields

    def dehydrate_id_number(self, obj) -> str:
        return obj.person.id_number if self.can_see_full_ids() else obj.person.masked_id_number

    def dehydrate_township(self, obj) -> str:
        return _township(obj.region)
