from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from indicators import conf, models, navigation, schedules  # noqa: F401 - registers defaults, nav, loader

        auditlog.register(models.ManualInput)
