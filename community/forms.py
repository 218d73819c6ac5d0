"""Forms of the community registers. Every choice of a region or a record is limited to the user's jurisdiction
(``ScopedModelForm``); writes that change a status or touch the person registry go through ``services``."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.forms import DateInput, RegionChoiceField, ScopedModelForm
from civilaffairs.models import Region
from community.choices import ENDED_STATUSES, OrgStatus
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


def villages():
    return Region.objects.villages().active().select_related("parent")


def local_regions(*levels: str):
    return Region.objects.filter(level__in=levels).active().select_related("parent").order_by("code")


class RegionMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.full_name


class FacilityForm(ScopedModelForm):
    village = RegionChoiceField(queryset=villages(), label=_("village or community where it stands"))
    served_villages = RegionMultipleChoiceField(
        queryset=villages(),
        required=False,
        label=_("other villages or communities served"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = CommunityServiceFacility
        fields = [
            "name",
            "kind",
            "village",
            "served_villages",
            "address",
            "building_area_m2",
            "tenure",
            "has_service_hall",
            "has_committee_office",
            "has_social_org_room",
            "has_activity_room",
            "other_functions",
            "opened_on",
            "closed_on",
            "investment_yuan",
            "note",
        ]

    def clean_served_villages(self):
        served = self.cleaned_data.get("served_villages")
        village = self.cleaned_data.get("village")
        if served is not None and village is not None:
            served = served.exclude(pk=village.pk)  # its own village is served anyway
        return served


class VolunteerStationForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        required=False,
        label=_("village, community or township"),
        help_text=_("Not needed when the station is in a community facility."),
    )

    class Meta:
        model = VolunteerStation
        fields = ["name", "facility", "region", "established_on", "closed_on", "operator", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = self.fields["facility"].queryset.select_related("village")


class PlatformAccessForm(ScopedModelForm):
    village = RegionChoiceField(queryset=villages(), label=_("village or community"))

    class Meta:
        model = CommunityPlatformAccess
        fields = ["village", "platform", "platform_name", "account", "connected_on", "disconnected_on", "note"]


class DesignationForm(ScopedModelForm):
    village = RegionChoiceField(queryset=villages().filter(kind=RegionKind.VILLAGE), label=_("administrative village"))

    class Meta:
        model = RuralCommunityDesignation
        fields = [
            "village",
            "designated_on",
            "document_number",
            "criteria",
            "is_demonstration",
            "revoked_on",
            "revoke_reason",
        ]


class SocialOrganizationForm(ScopedModelForm):
    registration_authority = forms.ModelChoiceField(
        queryset=Region.objects.filter(level__in=[RegionLevel.COUNTY, RegionLevel.CITY, RegionLevel.PROVINCE]),
        label=_("registration authority"),
    )
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("domicile (township, village or county)"),
    )

    class Meta:
        model = SocialOrganization
        fields = [
            "name",
            "uscc",
            "org_type",
            "registration_kind",
            "category",
            "registration_authority",
            "region",
            "registered_on",
            "legal_representative",
            "business_supervisor",
            "address",
            "phone",
            "fulltime_staff_at_registration",
            "assessment_grade",
            "is_charity",
            "charity_recognised_on",
            "has_public_fundraising",
            "incubation_centre",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        county = self.user.county if getattr(self.user, "jurisdiction_id", None) else None
        if county is not None and not self.instance.pk:
            self.fields["registration_authority"].initial = county.pk


class AnnualReportForm(ScopedModelForm):
    class Meta:
        model = SocialOrgAnnualReport
        fields = [
            "organization",
            "year",
            "fulltime_staff",
            "volunteers",
            "total_assets_yuan",
            "income_yuan",
            "submitted_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(status=OrgStatus.NORMAL)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year - 1
            self.fields["submitted_on"].initial = timezone.localdate()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("review decision"),
        choices=[("accept", _("Accept the report")), ("return", _("Return for correction"))],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("opinion"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = forms.DateField(label=_("reviewed on"), widget=DateInput(), initial=timezone.localdate)


class OrganizationEndForm(forms.Form):
    status = forms.ChoiceField(label=_("registration decision"), choices=[(s.value, s.label) for s in ENDED_STATUSES])
    on = forms.DateField(label=_("takes effect on"), widget=DateInput())
    reason = forms.CharField(
        label=_("reason and decision document"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


class IncubationCentreForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("township, village or community where it stands"),
    )

    class Meta:
        model = IncubationCentre
        fields = ["name", "level", "region", "address", "operator", "area_m2", "opened_on", "closed_on", "note"]


WORKER_FIELDS = [
    "region",
    "employer_kind",
    "employer_name",
    "employer_org",
    "certificate_level",
    "certificate_number",
    "certified_on",
    "talent_basis",
    "active_from",
    "note",
]


class SocialWorkerCreateForm(ScopedModelForm):
    """The person by 公民身份号码 (registered in the person registry if new) and the post."""

    id_number = forms.CharField(label=_("ID number"), max_length=20)
    person_name = forms.CharField(label=_("full name"), max_length=50)
    residence = RegionChoiceField(
        queryset=villages(),
        required=False,
        label=_("village or community of residence"),
        help_text=_("Only needed when the person is not yet in the person registry."),
    )
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("where they work"),
    )

    class Meta:
        model = SocialWorker
        fields = WORKER_FIELDS

    field_order = ["id_number", "person_name", "residence", *WORKER_FIELDS]

    def _get_validation_exclusions(self):
        # The person is attached by the service (found or registered by the ID number); validate the rest here.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("person")
        return exclusions


class SocialWorkerUpdateForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("where they work"),
    )

    class Meta:
        model = SocialWorker
        fields = [*WORKER_FIELDS, "active_to", "leave_reason"]


class SocialWorkerTransferForm(forms.Form):
    on = forms.DateField(label=_("moves on"), widget=DateInput())
    region = RegionChoiceField(queryset=Region.objects.none(), label=_("new place of work"))
    employer_kind = forms.ChoiceField(
        label=_("kind of employer"), choices=SocialWorker._meta.get_field("employer_kind").choices
    )
    employer_name = forms.CharField(label=_("new employer"), max_length=120)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = local_regions(
            RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE
        ).for_user(user)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class VolunteerForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE), label=_("registered in")
    )

    class Meta:
        model = Volunteer
        fields = [
            "id_number",
            "name",
            "region",
            "registered_on",
            "deregistered_on",
            "source",
            "external_id",
            "team",
            "service_hours",
        ]


class DonationForm(ScopedModelForm):
    class Meta:
        model = CharityDonation
        fields = [
            "recipient",
            "kind",
            "received_on",
            "donor_name",
            "donor_type",
            "source_charity",
            "cash_yuan",
            "in_kind_yuan",
            "in_kind_description",
            "receipt_number",
            "purpose",
            "note",
        ]


class LotteryOutletForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=local_regions(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE), label=_("village, community or township")
    )

    class Meta:
        model = LotteryOutlet
        fields = [
            "outlet_number",
            "name",
            "kind",
            "region",
            "address",
            "operator_name",
            "operator_phone",
            "opened_on",
            "closed_on",
            "close_reason",
            "is_suspended",
            "note",
        ]


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m")
        super().__init__(**kwargs)


class SalesReturnForm(ScopedModelForm):
    month = forms.DateField(label=_("month"), input_formats=["%Y-%m", "%Y-%m-%d"], widget=MonthInput())

    class Meta:
        model = LotterySalesReturn
        fields = ["outlet", "month", "sales_yuan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].widget = MonthInput(attrs={"class": "form-control"})
