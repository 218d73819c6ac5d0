from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildwelfareConfig(AppConfig):
    name = "childwelfare"
    verbose_name = _("Child welfare")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from childwelfare import models, navigation  # noqa: F401 - nav items, to-dos, programmes

        for model in (models.MinorProtectionStation, models.ChildWelfareInstitution, models.ChildWorker):
            auditlog.register(model)
