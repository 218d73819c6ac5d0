from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "civilaffairs"
    label = "civilaffairs"
    verbose_name = _("Core registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from civilaffairs import models, navigation, roles  # noqa: F401 - registers navigation and to-dos

        auditlog.register(models.Person)
        auditlog.register(models.Region)
        auditlog.register(models.RegionStat)
        auditlog.register(models.PlaceName)
        auditlog.register(models.PlaceNameSign)
        auditlog.register(models.BoundaryMarker)
        auditlog.register(models.WorkCalendarDay)
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        roles.discover()
