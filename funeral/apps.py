from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FuneralConfig(AppConfig):
    name = "funeral"
    verbose_name = _("Funeral and marriage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from funeral import conf, models, navigation  # noqa: F401 - settings, nav items, to-dos

        # The registers the indicators are computed from: every change is someone's decision, kept with who made it.
        auditlog.register(models.FuneralFacility, m2m_fields={"served_villages"})
        for model in (
            models.BurialZone,
            models.Cremator,
            models.CrematorEmissionTest,
            models.ConstructionProject,
            models.MarriageRegistrationOffice,
            models.CrossProvinceAuthorisation,
            models.MarriageRegistrationCount,
        ):
            auditlog.register(model)
