"""Child-welfare forms; region and person choices are limited to the user's jurisdiction."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.choices import RegionLevel
from civilaffairs.forms import RegionChoiceField, ScopedModelForm
from civilaffairs.models import Region
from eldercare.forms import PersonByIdField, person_in_jurisdiction

TOWNSHIPS_AND_VILLAGES = Region.objects.filter(level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]).active()
ANY_LOCAL_REGION = Region.objects.filter(
    level__in=[RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]
).active()


class StationForm(ScopedModelForm):
    region = RegionChoiceField(queryset=TOWNSHIPS_AND_VILLAGES, label=_("township or village"))

    class Meta:
        model = MinorProtectionStation
        fields = [
            "name",
            "kind",
            "region",
            "established_on",
            "closed_on",
            "staff_count",
            "staff_names",
            "address",
            "phone",
            "is_model",
            "model_recognised_on",
            "model_recognised_by",
            "model_revoked_on",
            "note",
        ]


class ChildInstitutionForm(ScopedModelForm):
    region = RegionChoiceField(queryset=ANY_LOCAL_REGION, label=_("located in"))

    class Meta:
        model = ChildWelfareInstitution
        fields = [
            "name",
            "kind",
            "region",
            "opened_on",
            "closed_on",
            "rescue_function_since",
            "approval_document",
            "beds",
            "address",
            "note",
        ]


class ChildWorkerForm(ScopedModelForm):
    id_number = PersonByIdField(help_text=_("The person must already be in the person registry."))
    region = RegionChoiceField(queryset=TOWNSHIPS_AND_VILLAGES, label=_("township or village"))

    class Meta:
        model = ChildWorker
        fields = ["role", "region", "appointed_on", "left_on", "trained_on", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["id_number"]
        else:
            self.order_fields(["id_number"])

    def clean_id_number(self) -> str:
        person = person_in_jurisdiction(self.user, self.cleaned_data["id_number"])
        self.instance.person = person
        return person.id_number
