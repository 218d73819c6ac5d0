from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from community import conf, models, navigation  # noqa: F401 - settings, nav items, to-dos, programmes

        # Every register a citizen or an organisation could dispute. The served villages of a facility are part of
        # what it counts for, so their changes are logged too.
        auditlog.register(models.CommunityServiceFacility, m2m_fields={"served_villages"})
        for model in (
            models.VolunteerStation,
            models.CommunityPlatformAccess,
            models.RuralCommunityDesignation,
            models.SocialOrganization,
            models.SocialOrgAnnualReport,
            models.IncubationCentre,
            models.SocialWorker,
            models.Volunteer,
            models.CharityDonation,
            models.LotteryOutlet,
            models.LotterySalesReturn,
        ):
            auditlog.register(model)
