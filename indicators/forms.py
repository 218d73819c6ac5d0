"""Forms of the indicators app; every region choice is limited to the user's jurisdiction (ScopedModelForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civilaffairs.forms import DateInput, RegionChoiceField, ScopedModelForm
from civilaffairs.models import Region
from indicators.choices import ReportKind
from indicators.models import ManualInput, ManualInputType

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".xls", ".doc", ".docx", ".ofd")


class ManualInputForm(ScopedModelForm):
    type = forms.ModelChoiceField(queryset=ManualInputType.objects.order_by("code"), label=_("figure"))
    region = RegionChoiceField(
        queryset=Region.objects.filter(level__in=["county", "township"]).active(), label=_("region")
    )
    boolean_value = forms.NullBooleanField(
        required=False,
        label=_("yes / no"),
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("yes")), ("false", _("no"))]),
    )

    class Meta:
        model = ManualInput
        fields = [
            "type",
            "region",
            "subject",
            "period_year",
            "as_of",
            "value",
            "boolean_value",
            "source",
            "evidence",
            "note",
        ]
        widgets = {"as_of": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "source": _("Where the figure comes from, e.g. 《2023年奉节县国民经济和社会发展统计公报》."),
            "evidence": _("The document the figure is taken from (PDF, image, Excel or Word, at most 20 MB)."),
        }

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and hasattr(evidence, "size"):
            if evidence.size > MAX_EVIDENCE_BYTES:
                raise forms.ValidationError(_("The evidence file is larger than 20 MB."))
            if not evidence.name.lower().endswith(EVIDENCE_EXTENSIONS):
                raise forms.ValidationError(_("The evidence must be a PDF, image, Excel, Word or OFD file."))
        return evidence


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for rejecting the figure.")},
    )


class EvaluationReportForm(forms.Form):
    """The as-of date and kind of an evaluation report (the service checks the date against the plan period)."""

    as_of = forms.DateField(
        label=_("data as of"),
        widget=DateInput(),
        error_messages={"required": _("Give the date the report is as of."), "invalid": _("Enter a valid date.")},
    )
    kind = forms.ChoiceField(label=_("kind"), choices=ReportKind.choices, initial=ReportKind.MIDTERM)
