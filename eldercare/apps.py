from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EldercareConfig(AppConfig):
    name = "eldercare"
    verbose_name = _("Elder care")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from eldercare import conf, models, navigation  # noqa: F401 - settings, nav items, to-dos, programmes

        for model in (
            models.ElderCareInstitution,
            models.CommunityElderCareFacility,
            models.ElderCareBedInventory,
            models.ElderCareQualityAssessment,
            models.ElderlyPerson,
            models.ElderlyVisit,
        ):
            auditlog.register(model)
