from .elderly import ElderlyPerson, ElderlyVisit
from .sites import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderCareSite,
)

__all__ = [
    "CommunityElderCareFacility",
    "ElderCareBedInventory",
    "ElderCareInstitution",
    "ElderCareQualityAssessment",
    "ElderCareSite",
    "ElderlyPerson",
    "ElderlyVisit",
]
