"""Core forms. All choices that reach into scoped data are limited to the user's jurisdiction."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.idnumber import ID_INPUT_MAX_LENGTH, normalize_id_number, parse_id_number
from civilaffairs.models import BoundaryMarker, Person, PlaceName, PlaceNameSign, Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class ScopedModelForm(forms.ModelForm):
    """A ModelForm whose choice fields over scoped models only offer rows of the user's jurisdiction."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if getattr(model, "scope_field", None):
                    field.queryset = field.queryset.for_user(user)
            if isinstance(field.widget, forms.DateInput) and not isinstance(field.widget, DateInput):
                field.widget = DateInput()
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        township = obj.township() if obj.level == RegionLevel.VILLAGE else None
        return f"{township.name} {obj.name}" if township else obj.name


class IdNumberField(forms.CharField):
    """An ID number as people type it (spaces, full-width digits): the validator, not the length, judges it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("ID number"))
        kwargs.setdefault("max_length", ID_INPUT_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_id_number(value) if value else value


class PersonForm(ScopedModelForm):
    id_number = IdNumberField()
    region = RegionChoiceField(
        queryset=Region.objects.villages().active(), label=_("village or community of residence")
    )

    class Meta:
        model = Person
        fields = ["id_number", "name", "region", "address", "phone", "death_date"]
        widgets = {"death_date": DateInput()}

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"]
        number = parse_id_number(value).number
        clash = Person.objects.filter(id_number=number).exclude(pk=self.instance.pk).select_related("region").first()
        if clash is not None:
            township = clash.region.township()
            raise ValidationError(
                _("This ID number is already registered (person in %(place)s). Search for the person instead.")
                % {"place": township.name if township else clash.region.name},
                code="id_duplicate",
            )
        return number


class PlaceNameForm(ScopedModelForm):
    class Meta:
        model = PlaceName
        fields = [
            "name",
            "pinyin",
            "category",
            "region",
            "origin",
            "status",
            "approved_on",
            "approval_document",
            "is_protected",
        ]


class PlaceNameSignForm(ScopedModelForm):
    class Meta:
        model = PlaceNameSign
        fields = [
            "place_name",
            "region",
            "code",
            "location",
            "latitude",
            "longitude",
            "installed_on",
            "condition",
            "last_inspected_on",
            "has_qr_code",
            "note",
        ]


class BoundaryMarkerForm(ScopedModelForm):
    class Meta:
        model = BoundaryMarker
        fields = [
            "number",
            "boundary_name",
            "boundary_level",
            "region",
            "location",
            "latitude",
            "longitude",
            "installed_on",
            "condition",
            "last_joint_inspection_on",
            "joint_inspection_round",
            "note",
        ]

    def clean(self):
        data = super().clean()
        installed, inspected = data.get("installed_on"), data.get("last_joint_inspection_on")
        if installed and inspected and inspected < installed:
            self.add_error("last_joint_inspection_on", _("The joint inspection cannot be before installation."))
        return data
