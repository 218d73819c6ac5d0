"""Excel exports of the elder-care registers (django-import-export; ID numbers masked unless the viewer's role may
see them), and the imports of the roster and of visits (townships collect visits monthly in Excel).

The imports run in import-export's bulk mode on the shared all-or-nothing machinery (``civilaffairs.imports``):
every row is checked — person found in the importer's jurisdiction, on the roster that day, required text present,
no duplicate in the file or the register — and only when every row passes are the rows written, with one audit row
each (a month of ~20 000 visits takes seconds).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from civilaffairs.conf import county_setting
from civilaffairs.imports import (
    BulkImportResource,
    cell_bool,
    cell_choice,
    cell_date,
    cell_id_key,
    cell_required,
    cell_text,
    import_title,
    in_batches,
    register_import,
)
from civilaffairs.models import Person
from civilaffairs.resources import ViewerResource
from eldercare.choices import ELDERLY_CATEGORIES, DisabilityLevel, OperationMode, VisitType
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)
from eldercare.models.elderly import years_before


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


# --- Imports -----------------------------------------------------------------------------------------------------

COL_ID = "公民身份号码"
CATEGORY_COLUMNS = {
    "living_alone": "独居",
    "empty_nest": "空巢",
    "left_behind": "留守",
    "disabled": "失能",
    "severely_disabled": "重残",
    "family_planning_special": "计划生育特殊家庭",
}


class ElderlyImportMixin:
    """The persons a sheet names, found once per file in the importer's jurisdiction by 公民身份号码."""

    def load_persons(self, dataset) -> None:
        numbers = {cell_id_key(row, COL_ID) for row in dataset.dict}
        persons = in_batches(
            lambda batch: Person.objects.for_user(self.user).filter(id_number__in=batch).select_related("region"),
            numbers,
        )
        self.persons = {p.id_number: p for p in persons}

    def person(self, row: dict) -> Person:
        person = self.persons.get(cell_id_key(row, COL_ID))
        if person is None:
            cell_required(row, COL_ID)
            raise ValidationError({COL_ID: _("No person with this ID number in your jurisdiction.")})
        return person


class VisitImportResource(ElderlyImportMixin, BulkImportResource):
    """Visits: every row names a person on the roster on the visit date in the importer's jurisdiction; a visit
    already recorded (same person, day and kind) is refused, not duplicated."""

    id_number = fields.Field(column_name=COL_ID)
    visited_on = fields.Field(attribute="visited_on", column_name="探访日期")
    visit_type = fields.Field(attribute="visit_type", column_name="探访方式")
    visitor_name = fields.Field(attribute="visitor_name", column_name="探访人")
    findings = fields.Field(attribute="findings", column_name="发现的问题")
    assistance = fields.Field(attribute="assistance", column_name="帮扶措施")
    needs_follow_up = fields.Field(attribute="needs_follow_up", column_name="需要跟进")
    required_columns = (COL_ID, "探访日期", "探访方式", "探访人", "发现的问题", "帮扶措施", "需要跟进")
    integrity_message = gettext_lazy("Some of these visits were recorded meanwhile; nothing was imported. Check again.")

    class Meta:
        model = ElderlyVisit
        fields = ("id_number", "visited_on", "visit_type", "visitor_name", "findings", "assistance", "needs_follow_up")

    def before_import(self, dataset, **kwargs):
        self.today = datetime.date.today()
        self.load_persons(dataset)
        self.entries: dict[int, list[ElderlyPerson]] = {}
        by_pk = {p.pk: p for p in self.persons.values()}
        entries = in_batches(
            lambda batch: ElderlyPerson.objects.for_user(self.user).filter(person_id__in=batch), list(by_pk)
        )
        for entry in entries:
            entry.person = by_pk[entry.person_id]  # str(visit) in the audit rows names the person: no query
            self.entries.setdefault(entry.person_id, []).append(entry)
        # The visits already recorded on the days the sheet covers, to refuse them row by row.
        days = {self._day(row) for row in dataset.dict} - {None}
        self.recorded: set[tuple] = set()
        if days:
            ids = [e.pk for entries in self.entries.values() for e in entries]
            self.recorded = set(
                in_batches(
                    lambda batch: ElderlyVisit.objects.filter(
                        elderly_id__in=batch, visited_on__gte=min(days), visited_on__lte=max(days)
                    ).values_list("elderly_id", "visited_on", "visit_type"),
                    ids,
                )
            )

    @staticmethod
    def _day(row: dict) -> datetime.date | None:
        try:
            return cell_date(row, "探访日期")
        except ValidationError:
            return None

    def import_instance(self, instance, row, **kwargs):
        person = self.person(row)
        visited_on = cell_date(row, "探访日期")
        if visited_on > self.today:
            raise ValidationError({"探访日期": _("A visit cannot be dated in the future.")})
        entry = next((e for e in self.entries.get(person.pk, []) if e.is_on_roster(visited_on)), None)
        if entry is None:
            raise ValidationError(
                {"探访日期": _("%(name)s was not on the roster on that day.") % {"name": person.name}}
            )
        visit_type = cell_choice(row, "探访方式", VisitType.choices, default=VisitType.HOME)
        key = (entry.pk, visited_on, visit_type)
        if self.first_seen(key, kwargs["row_number"]):
            raise ValidationError({"探访日期": _("The same visit appears twice in the file.")})
        if key in self.recorded:
            raise ValidationError(
                _("%(name)s's visit on %(date)s is already recorded.") % {"name": person.name, "date": visited_on}
            )
        instance.elderly = entry
        instance.region_id = person.region_id
        instance.visited_on = visited_on
        instance.visit_type = visit_type
        instance.visitor_name = cell_required(row, "探访人")
        instance.findings = cell_required(row, "发现的问题")
        instance.assistance = cell_required(row, "帮扶措施")
        instance.needs_follow_up = cell_bool(row, "需要跟进")
        instance.recorded_by = self.user


class RosterImportResource(ElderlyImportMixin, BulkImportResource):
    """Roster entries; a person already on the roster (or twice in the file) is an error, not an update."""

    id_number = fields.Field(column_name=COL_ID)
    listed_on = fields.Field(attribute="listed_on", column_name="纳入名册日期")
    lives_at_home = fields.Field(attribute="lives_at_home", column_name="居住在家")
    living_alone = fields.Field(attribute="is_living_alone", column_name=CATEGORY_COLUMNS["living_alone"])
    empty_nest = fields.Field(attribute="is_empty_nest", column_name=CATEGORY_COLUMNS["empty_nest"])
    left_behind = fields.Field(attribute="is_left_behind", column_name=CATEGORY_COLUMNS["left_behind"])
    disabled = fields.Field(attribute="is_disabled", column_name=CATEGORY_COLUMNS["disabled"])
    severely_disabled = fields.Field(
        attribute="is_severely_disabled", column_name=CATEGORY_COLUMNS["severely_disabled"]
    )
    family_planning_special = fields.Field(
        attribute="is_family_planning_special", column_name=CATEGORY_COLUMNS["family_planning_special"]
    )
    disability_level = fields.Field(attribute="disability_level", column_name="失能等级")
    contact_name = fields.Field(attribute="contact_name", column_name="家属联系人")
    contact_phone = fields.Field(attribute="contact_phone", column_name="联系电话")
    visitor_name = fields.Field(attribute="visitor_name", column_name="探访责任人")
    required_columns = (
        COL_ID,
        "纳入名册日期",
        "居住在家",
        *CATEGORY_COLUMNS.values(),
        "失能等级",
        "家属联系人",
        "联系电话",
        "探访责任人",
    )
    integrity_message = gettext_lazy("Some of these persons were put on the roster meanwhile; nothing was imported.")

    class Meta:
        model = ElderlyPerson
        fields = (
            "id_number",
            "listed_on",
            "lives_at_home",
            *CATEGORY_COLUMNS,
            "disability_level",
            "contact_name",
            "contact_phone",
            "visitor_name",
        )

    def before_import(self, dataset, **kwargs):
        self.load_persons(dataset)
        self.on_roster = set(
            in_batches(
                lambda batch: ElderlyPerson.objects.filter(person_id__in=batch, removed_on__isnull=True).values_list(
                    "person_id", flat=True
                ),
                [p.pk for p in self.persons.values()],
            )
        )

    def import_instance(self, instance, row, **kwargs):
        person = self.person(row)
        if person.pk in self.on_roster or self.first_seen(person.pk, kwargs["row_number"]):
            raise ValidationError({COL_ID: _("%(name)s is already on the roster.") % {"name": person.name}})
        listed_on = cell_date(row, "纳入名册日期")
        min_age = county_setting("elderly_min_age", person.region_id)
        if person.birth_date > years_before(listed_on, min_age):
            raise ValidationError({COL_ID: _("Only persons aged %(age)d or over can be listed.") % {"age": min_age}})
        categories = {name for name, column in CATEGORY_COLUMNS.items() if cell_bool(row, column)}
        if not categories:
            raise ValidationError({"独居": _("Tick at least one special-difficulty category.")})
        instance.person = person
        instance.listed_on = listed_on
        instance.lives_at_home = cell_bool(row, "居住在家", default=True)
        instance.disability_level = cell_choice(row, "失能等级", DisabilityLevel.choices, required=False)
        instance.contact_name = cell_text(row, "家属联系人")
        instance.contact_phone = cell_text(row, "联系电话")
        instance.visitor_name = cell_text(row, "探访责任人")
        for name in ELDERLY_CATEGORIES:
            setattr(instance, f"is_{name}", name in categories)


register_import(
    "eldercare",
    "roster",
    RosterImportResource,
    title=import_title("特殊困难老年人名册"),
    permissions=["eldercare.import_eldercare", "eldercare.add_elderlyperson"],
    back_url="eldercare:elderly_list",
)
register_import(
    "eldercare",
    "visits",
    VisitImportResource,
    title=import_title("探访记录"),
    permissions=["eldercare.import_eldercare", "eldercare.add_elderlyvisit"],
    back_url="eldercare:visit_list",
)
