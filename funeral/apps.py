from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FuneralConfig(AppConfig):
    name = "funeral"
    verbose_name = _("Funeral and marriage")
    default_auto_field = "django.db.models.BigAutoField"
