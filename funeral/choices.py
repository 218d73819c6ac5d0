"""Choices of funeral and marriage registers. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityType(models.TextChoices):
    """The layout rule of the plans: 县级有殡仪馆/殡仪服务中心（火葬场）、城市公益性公墓，乡镇有殡仪服务站、农村公益性
    公墓，村级有农村安葬点 (奉节 第五章第四节; 民政部《殡葬管理条例》第八、九条 on 公墓 and 公益性墓地)."""

    FUNERAL_HOME = "funeral_home", _("Funeral home")
    SERVICE_CENTRE = "service_centre", _("Funeral service centre")
    SERVICE_STATION = "service_station", _("Funeral service station")
    URBAN_PUBLIC_CEMETERY = "urban_public_cemetery", _("Urban public-welfare cemetery")
    RURAL_PUBLIC_CEMETERY = "rural_public_cemetery", _("Rural public-welfare cemetery")
    COLUMBARIUM = "columbarium", _("Columbarium")
    RURAL_BURIAL_SITE = "rural_burial_site", _("Rural burial site")
    COMMERCIAL_CEMETERY = "commercial_cemetery", _("Commercial cemetery")


# 安葬（放）设施: where remains or ashes are buried or placed. Counted in the coverage indicators when 公益性.
BURIAL_TYPES = frozenset(
    {
        FacilityType.URBAN_PUBLIC_CEMETERY,
        FacilityType.RURAL_PUBLIC_CEMETERY,
        FacilityType.COLUMBARIUM,
        FacilityType.RURAL_BURIAL_SITE,
        FacilityType.COMMERCIAL_CEMETERY,
    }
)
# 公益性安葬（放）设施 when flagged public-welfare: a 经营性公墓 never counts (definitions.yaml).
PUBLIC_BURIAL_TYPES = BURIAL_TYPES - {FacilityType.COMMERCIAL_CEMETERY}
# Public-welfare by their nature (《殡葬管理条例》第八条: 农村公益性墓地 serve villagers, not for sale).
ALWAYS_PUBLIC_TYPES = frozenset(
    {FacilityType.URBAN_PUBLIC_CEMETERY, FacilityType.RURAL_PUBLIC_CEMETERY, FacilityType.RURAL_BURIAL_SITE}
)
# Where cremators are installed (火化车间 of a 殡仪馆 / 殡仪服务中心).
CREMATION_TYPES = frozenset({FacilityType.FUNERAL_HOME, FacilityType.SERVICE_CENTRE})


class BurialZoneKind(models.TextChoices):
    """《殡葬管理条例》第四条: 人口稠密、耕地较少、交通方便的地区应当实行火葬；暂不具备条件的地区可以实行土葬。"""

    CREMATION = "cremation", _("Cremation zone")
    BURIAL_REFORM = "burial_reform", _("Burial reform zone")


class Fuel(models.TextChoices):
    LIGHT_DIESEL = "light_diesel", _("Light diesel")
    NATURAL_GAS = "natural_gas", _("Natural gas")
    LPG = "lpg", _("Liquefied petroleum gas")
    ELECTRIC = "electric", _("Electricity")
    COAL = "coal", _("Coal")
    OTHER = "other", _("Other")


CLEAN_FUELS = frozenset({Fuel.NATURAL_GAS, Fuel.LPG, Fuel.ELECTRIC})


class CrematorKind(models.TextChoices):
    FLAT = "flat", _("Flat-bed cremator")
    TROLLEY = "trolley", _("Trolley cremator")
    OTHER = "other", _("Other")


class ProjectNature(models.TextChoices):
    NEW = "new", _("New construction")
    RENOVATION = "renovation", _("Renovation and extension")
    EXTENSION = "extension", _("Extension")
    RELOCATION = "relocation", _("Relocation")


class ProjectStatus(models.TextChoices):
    """Derived from the dates on a project (as of a date), never stored: an as-of figure needs the dates."""

    NOT_STARTED = "not_started", _("Not started")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    COMPLETED = "completed", _("Completed and in use")


class RegistrationKind(models.TextChoices):
    """《婚姻登记条例》: 结婚登记, 离婚登记, 补办结婚登记 (第八条), 补领婚姻登记证 (第十七条); 撤销婚姻 (historic:
    since the 民法典 of 2021 a coerced marriage is annulled by a court, but registries still record old cases)."""

    MARRIAGE = "marriage", _("Marriage registration")
    DIVORCE = "divorce", _("Divorce registration")
    SUPPLEMENTARY_MARRIAGE = "supplementary_marriage", _("Supplementary marriage registration")
    CERTIFICATE_REISSUE = "certificate_reissue", _("Certificate reissue")
    ANNULMENT = "annulment", _("Annulment")


class CrossProvinceBusiness(models.TextChoices):
    """The two businesses opened to 跨省通办: the State Council's 2021 pilot (辽宁、山东、广东、重庆、四川), extended in
    2023; an office counts as implementing it only when both are open (definitions.yaml)."""

    MARRIAGE = "marriage", _("Marriage registration")
    DIVORCE = "divorce", _("Divorce registration")
