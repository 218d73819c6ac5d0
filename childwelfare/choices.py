"""Choices of the child-welfare registers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StationKind(models.TextChoices):
    """未成年人保护工作站（点）: the township station, and the village-level points of the three-level platform
    (notes/001.md §4.2: 县级中心 → 乡镇工作站 → 村（社区）服务站; notes/003.md §4.3: 儿童之家)."""

    TOWNSHIP_STATION = "township_station", _("Township minor-protection station")
    VILLAGE_POINT = "village_point", _("Village minor-protection point")
    CHILDRENS_HOME = "childrens_home", _("Children's home (儿童之家)")


VILLAGE_KINDS = (StationKind.VILLAGE_POINT, StationKind.CHILDRENS_HOME)


class InstitutionKind(models.TextChoices):
    CHILD_WELFARE = "child_welfare", _("Child welfare institution (儿童福利院)")
    RESCUE_CENTRE = "rescue_centre", _("Minor rescue and protection centre")
    COMBINED = "combined", _("Child welfare institution also designated a minor rescue and protection centre")


class WorkerRole(models.TextChoices):
    """儿童督导员 work at township level, 儿童主任 at village level (民发〔2019〕34号; notes/003.md §4.3)."""

    SUPERVISOR = "supervisor", _("Child supervisor (儿童督导员)")
    DIRECTOR = "director", _("Child director (儿童主任)")
