"""Import/export resources (django-import-export) for households, members, standards and enrolments.

Columns are Chinese; choice columns accept the Chinese label (or the code) and export the label. Exports mask ID
and account numbers unless the viewer may see them. Imports run through ``assistance.imports.import_dataset``:
a dry run first, then the real run, each in one transaction that is rolled back if any row fails — a partial
import is a defect here (DESIGN §8). Every row is checked against the importing user's jurisdiction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

from assistance import eligibility, services
from assistance.choices import (
    SUBSIDY_PROGRAMMES,
    AmountReason,
    CareTier,
    CertificateSource,
    DisabilityCategory,
    DisabilityGrade,
    Health,
    IdentityMethod,
    LabourCapacity,
    LowIncomeCategory,
    LowIncomeSource,
    MonitoringReason,
    Programme,
    Relationship,
    StandardKind,
    SupportMode,
    VagrantFoundBy,
    VagrantHandledBy,
    VagrantOutcome,
    WelfareInstitutionOrigin,
    WelfareInstitutionType,
)
from assistance.models import (
    AssistanceStandard,
    DisabilityCertificate,
    Enrolment,
    EnrolmentAmount,
    EnrolmentMember,
    Household,
    HouseholdMember,
    LowIncomeHousehold,
    VagrantCase,
    WelfareInstitution,
)
from assistance.models.enrolments import add_months, month_start
from assistance.models.households import BANK_ACCOUNT_MESSAGE, bank_account_validator
from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.idnumber import mask_id_number
from civilaffairs.imports import (
    ImportResource,
    cell_bool,
    cell_choice,
    cell_date,
    cell_decimal,
    cell_id_number,
    cell_text,
    import_title,
    register_import,
)
from civilaffairs.models import Person, Region

# Spellings people type for the urban/rural column besides the labels.
ALIASES = {
    "城市": "urban",
    "城区": "urban",
    "乡村": "rural",
    # 离站方式 as stations write them.
    "接送返回": "escorted_home",
    "护送返乡": "escorted_home",
    "亲属接回": "collected",
    "移交户籍地救助站": "to_home_station",
}


def _choice(row: dict, column: str, choices, *, required: bool = True) -> str:
    return cell_choice(row, column, choices, required=required, aliases=ALIASES)


class ScopedImportMixin(ImportResource):
    """All-or-nothing imports checked against the user's jurisdiction; rows parsed in ``parse`` with messages
    keyed by the Chinese column name."""

    def in_scope_village(self, row: dict, column: str) -> Region:
        code = cell_text(row, column)
        village = Region.objects.for_user(self.user).filter(code=code, level=RegionLevel.VILLAGE).first()
        if village is None:
            raise ValidationError(
                {column: _("Village code %(code)s does not exist or is outside your jurisdiction.") % {"code": code}}
            )
        return village

    def household_by_head(self, row: dict, column: str) -> Household:
        number = cell_id_number(row, column)
        household = (
            Household.objects.for_user(self.user)
            .filter(members__person__id_number=number, members__relationship=Relationship.HEAD, members__left_on=None)
            .first()
        )
        if household is None:
            raise ValidationError(
                {column: _("No household in your jurisdiction has a head with ID number %(n)s.") % {"n": number}}
            )
        return household


# --- Households ------------------------------------------------------------------------------------------------


class HouseholdResource(ScopedImportMixin, resources.ModelResource):
    head_id_number = fields.Field(column_name="户主公民身份号码")
    head_name = fields.Field(column_name="户主姓名")
    village = fields.Field(attribute="village_id", column_name="村（社区）代码")
    village_name = fields.Field(column_name="村（社区）")
    urban_rural = fields.Field(column_name="城乡")
    address = fields.Field(attribute="address", column_name="地址")
    phone = fields.Field(attribute="phone", column_name="联系电话")
    income_irregular = fields.Field(column_name="收入不稳定")
    bank_name = fields.Field(attribute="bank_name", column_name="开户银行")
    bank_account = fields.Field(column_name="银行账号")

    class Meta:
        model = Household
        fields = (
            "head_id_number",
            "head_name",
            "village",
            "village_name",
            "urban_rural",
            "address",
            "phone",
            "income_irregular",
            "bank_name",
            "bank_account",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_head_id_number(self, household):
        if not household.head_id:
            return ""
        number = household.head.id_number
        return number if self.can_see_full_ids() else mask_id_number(number)

    def dehydrate_head_name(self, household):
        return household.head.name if household.head_id else ""

    def dehydrate_village_name(self, household):
        return household.village.full_name

    def dehydrate_urban_rural(self, household):
        return household.get_urban_rural_display()

    def dehydrate_income_irregular(self, household):
        return "是" if household.income_irregular else "否"

    def dehydrate_bank_account(self, household):
        return household.bank_account_for(self.user) if self.user else mask_id_number(household.bank_account)

    def get_instance(self, instance_loader, row):
        number = cell_id_number(row, "户主公民身份号码")
        household = Household.objects.filter(
            members__person__id_number=number, members__relationship=Relationship.HEAD, members__left_on=None
        ).first()
        if household is not None and not Household.objects.for_user(self.user).filter(pk=household.pk).exists():
            raise ValidationError({"户主公民身份号码": _("This household is registered outside your jurisdiction.")})
        return household

    def import_instance(self, instance, row, **kwargs):
        village = self.in_scope_village(row, "村（社区）代码")
        instance.village = village
        instance.urban_rural = (
            _choice(row, "城乡", UrbanRural.choices, required=False) or village.urban_rural or "rural"
        )
        instance.address = cell_text(row, "地址")
        instance.phone = cell_text(row, "联系电话")
        instance.income_irregular = cell_bool(row, "收入不稳定")
        instance.bank_name = cell_text(row, "开户银行")
        instance.bank_account = cell_text(row, "银行账号")
        if instance.bank_account:
            # The field's own rule once, not also Django's "at most 32 characters".
            try:
                bank_account_validator(instance.bank_account)
            except ValidationError:
                raise ValidationError({"银行账号": BANK_ACCOUNT_MESSAGE}) from None
        instance._head = services.MemberInput(
            id_number=cell_id_number(row, "户主公民身份号码"),
            name=cell_text(row, "户主姓名"),
            relationship=Relationship.HEAD,
        )
        if not instance._head.name:
            raise ValidationError({"户主姓名": _("This column must be filled in.")})

    def save_instance(self, instance, is_create, row, **kwargs):
        if not is_create:
            instance.save()
            return
        head = instance._head
        errors = services.household_member_errors(actor=self.user, household=None, rows=[head])
        if errors:
            raise ValidationError({"户主公民身份号码": errors[0] if 0 in errors else errors[-1]})
        services.household_save(actor=self.user, household=instance, members=[head])

    def get_export_queryset(self, request=None):  # pragma: no cover - exports always pass a queryset
        return Household.objects.none()


# --- Members ------------------------------------------------------------------------------------------------


class HouseholdMemberResource(ScopedImportMixin, resources.ModelResource):
    head_id_number = fields.Field(column_name="户主公民身份号码")
    id_number = fields.Field(column_name="公民身份号码")
    name = fields.Field(column_name="姓名")
    relationship = fields.Field(column_name="与户主关系")
    labour_capacity = fields.Field(column_name="劳动能力")
    health = fields.Field(column_name="健康状况")
    disability_category = fields.Field(column_name="残疾类别")
    disability_grade = fields.Field(column_name="残疾等级")
    disability_cert_no = fields.Field(attribute="disability_cert_no", column_name="残疾人证号")
    monthly_income = fields.Field(attribute="monthly_income", column_name="月收入（元）")
    assets = fields.Field(attribute="assets", column_name="金融资产（元）")

    class Meta:
        model = HouseholdMember
        fields = (
            "head_id_number",
            "id_number",
            "name",
            "relationship",
            "labour_capacity",
            "health",
            "disability_category",
            "disability_grade",
            "disability_cert_no",
            "monthly_income",
            "assets",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def _masked(self, number: str) -> str:
        return number if self.can_see_full_ids() else mask_id_number(number)

    def dehydrate_head_id_number(self, member):
        return self._masked(member.household.head.id_number) if member.household.head_id else ""

    def dehydrate_id_number(self, member):
        return self._masked(member.person.id_number)

    def dehydrate_name(self, member):
        return member.person.name

    def dehydrate_relationship(self, member):
        return member.get_relationship_display()

    def dehydrate_labour_capacity(self, member):
        return member.get_labour_capacity_display()

    def dehydrate_health(self, member):
        return member.get_health_display()

    def dehydrate_disability_category(self, member):
        return member.get_disability_category_display() if member.disability_category else ""

    def dehydrate_disability_grade(self, member):
        return member.disability_grade or ""

    def get_instance(self, instance_loader, row):
        household = self.household_by_head(row, "户主公民身份号码")
        number = cell_id_number(row, "公民身份号码")
        member = household.members.filter(person__id_number=number, left_on__isnull=True).first()
        row["_household"] = household
        return member

    def import_instance(self, instance, row, **kwargs):
        household = row["_household"]
        grade = cell_text(row, "残疾等级")
        entered = services.MemberInput(
            id_number=cell_id_number(row, "公民身份号码"),
            name=cell_text(row, "姓名"),
            relationship=_choice(row, "与户主关系", Relationship.choices),
            labour_capacity=_choice(row, "劳动能力", LabourCapacity.choices, required=False) or LabourCapacity.FULL,
            health=_choice(row, "健康状况", Health.choices, required=False) or Health.HEALTHY,
            disability_category=_choice(row, "残疾类别", DisabilityCategory.choices, required=False),
            disability_grade=int(
                grade.rstrip("级").replace("一", "1").replace("二", "2").replace("三", "3").replace("四", "4")
            )
            if grade
            else None,
            disability_cert_no=cell_text(row, "残疾人证号").upper(),
            monthly_income=cell_decimal(row, "月收入（元）"),
            assets=cell_decimal(row, "金融资产（元）"),
        )
        if not entered.name:
            raise ValidationError({"姓名": _("This column must be filled in.")})
        if instance.pk and instance.relationship == Relationship.HEAD and entered.relationship != Relationship.HEAD:
            raise ValidationError({"与户主关系": _("The head of household stays head; change the head on the page.")})
        if not instance.pk and entered.relationship == Relationship.HEAD:
            raise ValidationError({"与户主关系": _("The household already has a head.")})
        errors = services.household_member_errors(actor=self.user, household=household, rows=[entered])
        messages = errors.get(0, [])
        if messages:
            raise ValidationError({"公民身份号码": messages})
        instance.household = household
        instance._entered = entered
        for name in services.MEMBER_FIELDS:
            setattr(instance, name, getattr(entered, name))
        instance.disability_grade = entered.disability_grade

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        from assistance.models.households import disability_errors

        entered = instance._entered
        problems = disability_errors(
            entered.id_number, entered.disability_category, entered.disability_grade, entered.disability_cert_no
        )
        if problems:
            raise ValidationError({"残疾人证号": problems})

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            person = Person.objects.filter(id_number=instance._entered.id_number).first()
            if person is None:
                person = Person(
                    id_number=instance._entered.id_number,
                    name=instance._entered.name,
                    region=instance.household.village,
                    address=instance.household.address,
                )
                person.full_clean()
                person.save()
            instance.person = person
        instance.save()

    def get_export_queryset(self, request=None):  # pragma: no cover
        return HouseholdMember.objects.none()


# --- Standards ----------------------------------------------------------------------------------------------


class StandardResource(ScopedImportMixin, resources.ModelResource):
    county = fields.Field(attribute="county_id", column_name="县（区）代码")
    county_name = fields.Field(column_name="县（区）")
    kind = fields.Field(column_name="类别")
    urban_rural = fields.Field(column_name="城乡")
    care_tier = fields.Field(column_name="护理档次")
    monthly_amount = fields.Field(attribute="monthly_amount", column_name="金额（元/人·月）")
    printed_yearly_amount = fields.Field(attribute="printed_yearly_amount", column_name="年标准（原文，元）")
    effective_from = fields.Field(attribute="effective_from", column_name="施行日期")
    document_number = fields.Field(attribute="document_number", column_name="文号")
    source = fields.Field(attribute="source", column_name="来源")
    is_demo = fields.Field(column_name="演示值")
    note = fields.Field(attribute="note", column_name="备注")

    class Meta:
        model = AssistanceStandard
        fields = (
            "county",
            "county_name",
            "kind",
            "urban_rural",
            "care_tier",
            "monthly_amount",
            "printed_yearly_amount",
            "effective_from",
            "document_number",
            "source",
            "is_demo",
            "note",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_county_name(self, standard):
        return standard.county.name

    def dehydrate_kind(self, standard):
        return standard.get_kind_display()

    def dehydrate_urban_rural(self, standard):
        return standard.get_urban_rural_display() if standard.urban_rural else "城乡统一"

    def dehydrate_care_tier(self, standard):
        return standard.get_care_tier_display() if standard.care_tier else ""

    def dehydrate_is_demo(self, standard):
        return "是" if standard.is_demo else "否"

    def get_instance(self, instance_loader, row):
        code = cell_text(row, "县（区）代码")
        county = Region.objects.filter(code=code, level=RegionLevel.COUNTY).first()
        if county is None or not (
            self.user.is_superuser or Region.objects.for_user(self.user).filter(code=code).exists()
        ):
            raise ValidationError(
                {
                    "县（区）代码": _("County code %(code)s does not exist or is outside your jurisdiction.")
                    % {"code": code}
                }
            )
        ur = cell_text(row, "城乡")
        key = {
            "county": county,
            "kind": _choice(row, "类别", StandardKind.choices),
            "urban_rural": "" if ur in ("", "城乡统一") else _choice(row, "城乡", UrbanRural.choices),
            "care_tier": _choice(row, "护理档次", CareTier.choices, required=False),
            "effective_from": cell_date(row, "施行日期"),
        }
        row["_key"] = key
        return AssistanceStandard.objects.filter(**key).first()

    def import_instance(self, instance, row, **kwargs):
        for name, value in row["_key"].items():
            setattr(instance, name, value)
        instance.monthly_amount = cell_decimal(row, "金额（元/人·月）", required=True)
        yearly = cell_text(row, "年标准（原文，元）")
        instance.printed_yearly_amount = cell_decimal(row, "年标准（原文，元）") if yearly else None
        instance.document_number = cell_text(row, "文号")
        instance.source = cell_text(row, "来源")
        instance.is_demo = cell_bool(row, "演示值")
        instance.note = cell_text(row, "备注")
        if not instance.pk:
            instance.created_by = self.user
        self.touched = getattr(self, "touched", [])

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.save()
        self.touched.append(instance)

    def after_import(self, dataset, result, **kwargs):
        touched = getattr(self, "touched", [])
        pairs = {(s.county_id, s.effective_from) for s in touched}
        errors = []
        for county, day in sorted(pairs):
            later = AssistanceStandard.objects.filter(county_id=county, effective_from__gte=day).values_list(
                "effective_from", flat=True
            )
            for on in sorted(set(later)):
                errors.extend(services.tekun_ratio_errors(county, on))
        if errors:
            raise ValidationError(sorted(set(errors)))
        if not kwargs.get("dry_run"):
            services.standards_rerate(actor=self.user, standards=touched)

    def get_export_queryset(self, request=None):  # pragma: no cover
        return AssistanceStandard.objects.none()


# --- Enrolments ---------------------------------------------------------------------------------------------


class EnrolmentResource(ScopedImportMixin, resources.ModelResource):
    """Export: the register of 在保对象. Import: cases carried over from the previous system — the amount is
    computed from the household's recorded means and the standard in force in the start month, never typed."""

    number = fields.Field(column_name="编号")
    programme = fields.Field(column_name="项目")
    head_id_number = fields.Field(column_name="户主公民身份号码")
    person_id_number = fields.Field(column_name="保障对象公民身份号码")
    payee = fields.Field(column_name="收款人")
    township = fields.Field(column_name="乡镇（街道）")
    village = fields.Field(column_name="村（社区）")
    single_person = fields.Field(column_name="单人保")
    care_tier = fields.Field(column_name="护理档次")
    support_mode = fields.Field(column_name="供养方式")
    start_month = fields.Field(column_name="起始年月")
    members = fields.Field(column_name="保障人数")
    amount = fields.Field(column_name="月救助金（元）")
    status = fields.Field(column_name="状态")

    class Meta:
        model = Enrolment
        fields = (
            "number",
            "programme",
            "head_id_number",
            "person_id_number",
            "payee",
            "township",
            "village",
            "single_person",
            "care_tier",
            "support_mode",
            "start_month",
            "members",
            "amount",
            "status",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def _masked(self, number: str) -> str:
        return number if self.can_see_full_ids() else mask_id_number(number)

    def dehydrate_number(self, e):
        return e.number

    def dehydrate_programme(self, e):
        return e.get_programme_display()

    def dehydrate_head_id_number(self, e):
        return self._masked(e.household.head.id_number) if e.household.head_id else ""

    def dehydrate_person_id_number(self, e):
        single = e.programme in (Programme.TEKUN, *SUBSIDY_PROGRAMMES) or e.single_person
        return self._masked(e.payee.id_number) if single else ""

    def dehydrate_payee(self, e):
        return e.payee.name

    def dehydrate_township(self, e):
        return e.household.village.parent.name

    def dehydrate_village(self, e):
        return e.household.village.name

    def dehydrate_single_person(self, e):
        return "是" if e.single_person else "否"

    def dehydrate_care_tier(self, e):
        return e.get_care_tier_display() if e.care_tier else ""

    def dehydrate_support_mode(self, e):
        return e.get_support_mode_display() if e.support_mode else ""

    def dehydrate_start_month(self, e):
        return f"{e.start_month:%Y-%m}"

    def dehydrate_members(self, e):
        return getattr(e, "member_count", None) or e.members.filter(active=True).count()

    def dehydrate_amount(self, e):
        value = getattr(e, "current_amount", None)
        return float(value) if value is not None else ""

    def dehydrate_status(self, e):
        return e.get_status_display()

    def get_instance(self, instance_loader, row):
        return None  # imports only add cases

    def import_instance(self, instance, row, **kwargs):
        household = self.household_by_head(row, "户主公民身份号码")
        programme = _choice(
            row,
            "项目",
            [
                (Programme.DIBAO, Programme.DIBAO.label),
                (Programme.TEKUN, Programme.TEKUN.label),
                (Programme.LIVING_SUBSIDY, Programme.LIVING_SUBSIDY.label),
                (Programme.CARE_SUBSIDY, Programme.CARE_SUBSIDY.label),
                ("dibao", "低保"),
                ("tekun", "特困"),
                ("dis_living", "生活补贴"),
                ("dis_care", "护理补贴"),
            ],
        )
        single = cell_bool(row, "单人保", default=False)
        person = None
        subsidy = programme in SUBSIDY_PROGRAMMES
        if programme == Programme.TEKUN or single or subsidy:
            number = cell_id_number(row, "保障对象公民身份号码")
            person = Person.objects.filter(
                id_number=number, household_memberships__household=household, household_memberships__left_on=None
            ).first()
            if person is None:
                raise ValidationError({"保障对象公民身份号码": _("This person is not a member of the household.")})
        start = month_start(cell_date(row, "起始年月", month=True))
        care_tier = _choice(row, "护理档次", CareTier.choices, required=False)
        if subsidy:
            from assistance.subsidies import assess_subsidy

            result = assess_subsidy(
                programme=programme,
                person=person,
                urban_rural=household.urban_rural,
                county_code=household.county_code,
                on=start,
            )
        elif programme == Programme.TEKUN:
            result = eligibility.assess_tekun(household, person.pk, start, care_tier=care_tier)
        elif single:
            result = eligibility.assess_dibao_single(household, person.pk, start)
        else:
            result = eligibility.assess_dibao_household(household, start)
        if not result.eligible:
            raise ValidationError(
                {
                    "户主公民身份号码": _("Not eligible by the recorded means: %(why)s")
                    % {"why": "；".join(result.reasons)}
                }
            )
        persons = (
            [person.pk]
            if person
            else list(eligibility.dibao_members(household, start).values_list("person_id", flat=True))
        )
        clashes = (
            services.subsidy_clash_errors(programme=programme, person_ids=persons)
            if subsidy
            else services.enrolment_clash_errors(person_ids=persons)
        )
        if clashes:
            raise ValidationError({"户主公民身份号码": "；".join(clashes)})
        instance.programme = programme
        instance.household = household
        instance.payee = person or household.head
        instance.urban_rural = household.urban_rural
        instance.single_person = single
        instance.care_tier = care_tier if programme == Programme.TEKUN else ""
        instance.disability_grade = result.certificate.grade if result.certificate is not None else None
        instance.support_mode = _choice(row, "供养方式", SupportMode.choices, required=False)
        instance.start_month = start
        instance.recheck_interval_months = services.recheck_interval(household, programme)
        instance.next_recheck_on = add_months(start, instance.recheck_interval_months)
        instance._persons = persons
        instance._result = result

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.save()
        EnrolmentMember.objects.bulk_create(
            [EnrolmentMember(enrolment=instance, person_id=p, programme=instance.programme) for p in instance._persons]
        )
        result = instance._result
        EnrolmentAmount.objects.create(
            enrolment=instance,
            effective_from=instance.start_month,
            amount=result.amount,
            members_count=result.members_count,
            per_capita_income=result.per_capita_income,
            standard=result.standard,
            care_standard=result.care_standard,
            reason=AmountReason.IMPORT,
            created_by=self.user,
        )

    def get_export_queryset(self, request=None):  # pragma: no cover
        return Enrolment.objects.none()


# --- Disability certificates (the federation's roster) --------------------------------------------------------


class CertificateResource(ScopedImportMixin, resources.ModelResource):
    """The 残联 roster of 第二代残疾人证: imported periodically (same number again = update; a new number for the
    same holder replaces the old certificate). The holder must be in the person registry, inside the jurisdiction."""

    id_number = fields.Field(column_name="公民身份号码")
    name = fields.Field(column_name="姓名")
    number = fields.Field(column_name="残疾人证号")
    category = fields.Field(column_name="残疾类别")
    grade = fields.Field(column_name="残疾等级")
    issued_on = fields.Field(column_name="发证日期")
    valid_until = fields.Field(column_name="有效期至")
    cancelled_on = fields.Field(column_name="注销日期")
    needs_long_term_care = fields.Field(column_name="需长期照护")
    equivalent_care_benefit = fields.Field(column_name="享受同类护理待遇")
    township = fields.Field(column_name="乡镇（街道）")

    class Meta:
        model = DisabilityCertificate
        fields = (
            "id_number",
            "name",
            "number",
            "category",
            "grade",
            "issued_on",
            "valid_until",
            "cancelled_on",
            "needs_long_term_care",
            "equivalent_care_benefit",
            "township",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_id_number(self, c):
        return c.person.id_number if self.can_see_full_ids() else mask_id_number(c.person.id_number)

    def dehydrate_name(self, c):
        return c.person.name

    def dehydrate_number(self, c):
        return c.number if self.can_see_full_ids() else mask_id_number(c.number[:18]) + c.number[18:]

    def dehydrate_category(self, c):
        return c.get_category_display()

    def dehydrate_grade(self, c):
        return c.get_grade_display()

    def dehydrate_issued_on(self, c):
        return c.issued_on.isoformat()

    def dehydrate_valid_until(self, c):
        return c.valid_until.isoformat() if c.valid_until else ""

    def dehydrate_cancelled_on(self, c):
        return c.cancelled_on.isoformat() if c.cancelled_on else ""

    def dehydrate_needs_long_term_care(self, c):
        return "是" if c.needs_long_term_care else "否"

    def dehydrate_equivalent_care_benefit(self, c):
        return "是" if c.equivalent_care_benefit else "否"

    def dehydrate_township(self, c):
        region = c.person.region
        return region.parent.name if region.level == RegionLevel.VILLAGE and region.parent_id else region.name

    def get_instance(self, instance_loader, row):
        return None  # the service decides create / update / replace

    def import_instance(self, instance, row, **kwargs):
        number = cell_id_number(row, "公民身份号码")
        person = Person.objects.for_user(self.user).filter(id_number=number).first()
        if person is None:
            raise ValidationError(
                {"公民身份号码": _("No person with this ID number is registered in your jurisdiction.")}
            )
        name = cell_text(row, "姓名")
        if name and name != person.name:
            raise ValidationError(
                {"姓名": _("The registry has “%(registered)s” for this ID number.") % {"registered": person.name}}
            )
        grade_text = cell_text(row, "残疾等级")
        grade = (
            _choice(
                row,
                "残疾等级",
                [(g, label) for g, label in DisabilityGrade.choices]
                + [(1, "一级"), (2, "二级"), (3, "三级"), (4, "四级")],
            )
            if grade_text
            else None
        )
        instance._values = {
            "person": person,
            "number": cell_text(row, "残疾人证号"),
            "category": _choice(row, "残疾类别", DisabilityCategory.choices),
            "grade": int(grade) if grade is not None else None,
            "issued_on": cell_date(row, "发证日期"),
            "valid_until": cell_date(row, "有效期至", required=False),
            "cancelled_on": cell_date(row, "注销日期", required=False),
            "needs_long_term_care": cell_bool(row, "需长期照护", default=True),
            "equivalent_care_benefit": cell_bool(row, "享受同类护理待遇")
            if cell_text(row, "享受同类护理待遇")
            else False,
        }
        if instance._values["grade"] is None:
            raise ValidationError({"残疾等级": _("This column must be filled in.")})

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        certificate, _created = services.certificate_register(
            actor=self.user, source=CertificateSource.FEDERATION, **instance._values
        )
        instance.pk = certificate.pk

    def get_export_queryset(self, request=None):  # pragma: no cover
        return DisabilityCertificate.objects.none()


# --- 低保边缘 / 低收入 -------------------------------------------------------------------------------------------


class LowIncomeResource(ScopedImportMixin, resources.ModelResource):
    """The register of recognised households. Import: recognitions pushed by another department or carried over;
    the household must already be registered (by its head)."""

    head_id_number = fields.Field(column_name="户主公民身份号码")
    head_name = fields.Field(column_name="户主姓名")
    township = fields.Field(column_name="乡镇（街道）")
    village = fields.Field(column_name="村（社区）")
    category = fields.Field(column_name="类别")
    recognised_on = fields.Field(column_name="认定日期")
    source = fields.Field(column_name="来源")
    monitored = fields.Field(column_name="监测对象")
    monitoring_reason = fields.Field(column_name="监测原因")
    ended_on = fields.Field(column_name="退出日期")

    class Meta:
        model = LowIncomeHousehold
        fields = (
            "head_id_number",
            "head_name",
            "township",
            "village",
            "category",
            "recognised_on",
            "source",
            "monitored",
            "monitoring_reason",
            "ended_on",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_head_id_number(self, r):
        head = r.household.head
        return "" if head is None else (head.id_number if self.can_see_full_ids() else mask_id_number(head.id_number))

    def dehydrate_head_name(self, r):
        return r.household.head.name if r.household.head_id else ""

    def dehydrate_township(self, r):
        return r.household.village.parent.name

    def dehydrate_village(self, r):
        return r.household.village.name

    def dehydrate_category(self, r):
        return r.get_category_display()

    def dehydrate_recognised_on(self, r):
        return r.recognised_on.isoformat()

    def dehydrate_source(self, r):
        return r.get_source_display()

    def dehydrate_monitored(self, r):
        return "是" if r.monitored else "否"

    def dehydrate_monitoring_reason(self, r):
        return r.get_monitoring_reason_display() if r.monitoring_reason else ""

    def dehydrate_ended_on(self, r):
        return r.ended_on.isoformat() if r.ended_on else ""

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs):
        instance._values = {
            "household": self.household_by_head(row, "户主公民身份号码"),
            "category": _choice(row, "类别", LowIncomeCategory.choices),
            "recognised_on": cell_date(row, "认定日期"),
            "source": _choice(row, "来源", LowIncomeSource.choices, required=False) or LowIncomeSource.DEPARTMENT,
        }
        monitored = cell_bool(row, "监测对象", default=False)
        instance._monitoring = (
            _choice(row, "监测原因", MonitoringReason.choices, required=monitored) if monitored else ""
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        record = services.low_income_recognise(actor=self.user, **instance._values)
        if instance._monitoring:
            services.low_income_flag(
                actor=self.user,
                record=record,
                reason=instance._monitoring,
                note=_("Flagged on import."),
                since=record.recognised_on,
            )
        instance.pk = record.pk

    def get_export_queryset(self, request=None):  # pragma: no cover
        return LowIncomeHousehold.objects.none()


# --- 流浪乞讨救助 ------------------------------------------------------------------------------------------------


class VagrantCaseResource(ScopedImportMixin, resources.ModelResource):
    """Cases, e.g. from the station's own system or a higher station's referral list. Each row is a new case."""

    number = fields.Field(column_name="编号")
    region = fields.Field(column_name="发现地代码")
    region_name = fields.Field(column_name="发现地")
    intake_on = fields.Field(column_name="入站日期")
    intake_place = fields.Field(column_name="发现地点")
    found_by = fields.Field(column_name="发现方式")
    handled_by = fields.Field(column_name="办理救助站")
    id_number = fields.Field(column_name="公民身份号码")
    stated_name = fields.Field(column_name="自述姓名")
    is_minor = fields.Field(column_name="未成年人")
    description = fields.Field(column_name="体貌特征")
    identity_on = fields.Field(column_name="查明身份日期")
    identity_method = fields.Field(column_name="查明方式")
    outcome = fields.Field(column_name="离站方式")
    outcome_on = fields.Field(column_name="离站日期")
    destination = fields.Field(column_name="去向")
    closed_on = fields.Field(column_name="结案日期")

    class Meta:
        model = VagrantCase
        fields = (
            "number",
            "region",
            "region_name",
            "intake_on",
            "intake_place",
            "found_by",
            "handled_by",
            "id_number",
            "stated_name",
            "is_minor",
            "description",
            "identity_on",
            "identity_method",
            "outcome",
            "outcome_on",
            "destination",
            "closed_on",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_number(self, c):
        return c.number

    def dehydrate_region(self, c):
        return c.region_id

    def dehydrate_region_name(self, c):
        return c.region.name

    def dehydrate_intake_on(self, c):
        return c.intake_on.isoformat()

    def dehydrate_intake_place(self, c):
        return c.intake_place

    def dehydrate_found_by(self, c):
        return c.get_found_by_display()

    def dehydrate_handled_by(self, c):
        return c.get_handled_by_display()

    def dehydrate_id_number(self, c):
        if not c.person_id:
            return ""
        return c.person.id_number if self.can_see_full_ids() else mask_id_number(c.person.id_number)

    def dehydrate_stated_name(self, c):
        return c.stated_name

    def dehydrate_is_minor(self, c):
        return "是" if c.is_minor else "否"

    def dehydrate_description(self, c):
        return c.description

    def dehydrate_identity_on(self, c):
        return c.identity_on.isoformat() if c.identity_on else ""

    def dehydrate_identity_method(self, c):
        return c.get_identity_method_display() if c.identity_method else ""

    def dehydrate_outcome(self, c):
        return c.get_outcome_display() if c.outcome else ""

    def dehydrate_outcome_on(self, c):
        return c.outcome_on.isoformat() if c.outcome_on else ""

    def dehydrate_destination(self, c):
        return c.destination

    def dehydrate_closed_on(self, c):
        return c.closed_on.isoformat() if c.closed_on else ""

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs):
        code = cell_text(row, "发现地代码")
        region = (
            Region.objects.for_user(self.user)
            .filter(code=code, level__in=[RegionLevel.TOWNSHIP, RegionLevel.COUNTY])
            .first()
        )
        if region is None:
            raise ValidationError(
                {
                    "发现地代码": _("Township or county code %(code)s does not exist or is outside your jurisdiction.")
                    % {"code": code}
                }
            )
        instance.region = region
        instance.intake_on = cell_date(row, "入站日期")
        instance.intake_place = cell_text(row, "发现地点")
        instance.found_by = _choice(row, "发现方式", VagrantFoundBy.choices)
        instance.handled_by = (
            _choice(row, "办理救助站", VagrantHandledBy.choices, required=False) or VagrantHandledBy.COUNTY_STATION
        )
        if cell_text(row, "公民身份号码"):
            number = cell_id_number(row, "公民身份号码")
            person = Person.objects.filter(id_number=number).first()
            if person is None:
                raise ValidationError({"公民身份号码": _("No person with this ID number is registered.")})
            instance.person = person
        instance.stated_name = cell_text(row, "自述姓名")
        instance.is_minor = cell_bool(row, "未成年人", default=False)
        instance.description = cell_text(row, "体貌特征")
        instance.identity_on = cell_date(row, "查明身份日期", required=False)
        instance.identity_method = _choice(row, "查明方式", IdentityMethod.choices, required=False)
        instance.identity_established = instance.identity_on is not None
        instance.outcome = _choice(row, "离站方式", VagrantOutcome.choices, required=False)
        instance.outcome_on = cell_date(row, "离站日期", required=False)
        instance.destination = cell_text(row, "去向")
        instance.closed_on = cell_date(row, "结案日期", required=False)
        instance.created_by = self.user

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        instance.full_clean()

    def get_export_queryset(self, request=None):  # pragma: no cover
        return VagrantCase.objects.none()


# --- Welfare institutions --------------------------------------------------------------------------------------


class WelfareInstitutionResource(ScopedImportMixin, resources.ModelResource):
    name = fields.Field(attribute="name", column_name="名称")
    region = fields.Field(column_name="县（乡镇）代码")
    region_name = fields.Field(column_name="所属")
    institution_type = fields.Field(column_name="类型")
    origin = fields.Field(column_name="建设方式")
    beds = fields.Field(attribute="beds", column_name="床位")
    opened_on = fields.Field(column_name="建成投用日期")
    closed_on = fields.Field(column_name="停办日期")
    construction_progress = fields.Field(attribute="construction_progress", column_name="建设进度（%）")

    class Meta:
        model = WelfareInstitution
        fields = (
            "name",
            "region",
            "region_name",
            "institution_type",
            "origin",
            "beds",
            "opened_on",
            "closed_on",
            "construction_progress",
        )
        export_order = fields
        import_id_fields = ()
        skip_diff = True

    def dehydrate_region(self, i):
        return i.region_id

    def dehydrate_region_name(self, i):
        return i.region.name

    def dehydrate_institution_type(self, i):
        return i.get_institution_type_display()

    def dehydrate_origin(self, i):
        return i.get_origin_display()

    def dehydrate_opened_on(self, i):
        return i.opened_on.isoformat() if i.opened_on else ""

    def dehydrate_closed_on(self, i):
        return i.closed_on.isoformat() if i.closed_on else ""

    def get_instance(self, instance_loader, row):
        code = cell_text(row, "县（乡镇）代码")
        region = (
            Region.objects.for_user(self.user)
            .filter(code=code, level__in=[RegionLevel.TOWNSHIP, RegionLevel.COUNTY])
            .first()
        )
        if region is None:
            raise ValidationError(
                {
                    "县（乡镇）代码": _(
                        "Township or county code %(code)s does not exist or is outside your jurisdiction."
                    )
                    % {"code": code}
                }
            )
        row["_region"] = region
        return WelfareInstitution.objects.filter(region=region, name=cell_text(row, "名称")).first()

    def import_instance(self, instance, row, **kwargs):
        instance.region = row["_region"]
        instance.name = cell_text(row, "名称")
        instance.institution_type = _choice(row, "类型", WelfareInstitutionType.choices)
        instance.origin = _choice(row, "建设方式", WelfareInstitutionOrigin.choices)
        beds = cell_text(row, "床位")
        instance.beds = int(beds) if beds else None
        instance.opened_on = cell_date(row, "建成投用日期", required=False)
        instance.closed_on = cell_date(row, "停办日期", required=False)
        progress = cell_text(row, "建设进度（%）")
        instance.construction_progress = int(progress) if progress else None
        if not instance.pk:
            instance.created_by = self.user

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        instance.full_clean()

    def get_export_queryset(self, request=None):  # pragma: no cover
        return WelfareInstitution.objects.none()


IMPORT_PERMISSIONS = ["assistance.import_assistance"]
for _name, _resource, _title, _back in (
    ("households", HouseholdResource, "家庭（户）", "assistance:household_list"),
    ("members", HouseholdMemberResource, "家庭成员", "assistance:household_list"),
    ("standards", StandardResource, "救助标准", "assistance:standard_list"),
    ("enrolments", EnrolmentResource, "在保对象", "assistance:enrolment_list"),
    ("certificates", CertificateResource, "残疾人证（残联名册）", "assistance:certificate_list"),
    ("low-income", LowIncomeResource, "低保边缘和低收入家庭", "assistance:lowincome_list"),
    ("vagrants", VagrantCaseResource, "流浪乞讨救助个案", "assistance:vagrant_list"),
    ("institutions", WelfareInstitutionResource, "社会福利机构", "assistance:institution_list"),
):
    register_import(
        "assistance",
        _name,
        _resource,
        title=import_title(_title),
        permissions=IMPORT_PERMISSIONS,
        back_url=_back,
    )
