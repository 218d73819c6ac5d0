from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Social assistance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from assistance import conf, models, navigation  # noqa: F401 - settings, nav items, to-dos, programmes

        # Everything a citizen could dispute. Status changes are themselves an insert-only record; payment lines
        # belong to their roll, whose generation, review and lock are logged.
        for model in (
            models.Household,
            models.HouseholdMember,
            models.Application,
            models.Objection,
            models.Obligor,
            models.Enrolment,
            models.EnrolmentMember,
            models.EnrolmentAmount,
            models.ReCheck,
            models.PaymentRoll,
            models.AssistanceStandard,
            models.DisabilityCertificate,
            models.TemporaryAdvance,
            models.LowIncomeHousehold,
            models.LowIncomeVisit,
            models.VagrantCase,
            models.WelfareInstitution,
        ):
            auditlog.register(model)
