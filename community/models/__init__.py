from .facilities import CommunityPlatformAccess, CommunityServiceFacility, RuralCommunityDesignation, VolunteerStation
from .funds import CharityDonation, LotteryOutlet, LotterySalesReturn
from .organisations import IncubationCentre, SocialOrganization, SocialOrgAnnualReport, validate_org_uscc
from .people import SocialWorker, Volunteer

__all__ = [
    "CharityDonation",
    "CommunityPlatformAccess",
    "CommunityServiceFacility",
    "IncubationCentre",
    "LotteryOutlet",
    "LotterySalesReturn",
    "RuralCommunityDesignation",
    "SocialOrgAnnualReport",
    "SocialOrganization",
    "SocialWorker",
    "Volunteer",
    "VolunteerStation",
    "validate_org_uscc",
]
