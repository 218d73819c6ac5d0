from .cremators import EMISSION_STANDARD, Cremator, CrematorEmissionTest
from .facilities import BurialZone, FuneralFacility, in_use_q
from .marriage import CrossProvinceAuthorisation, MarriageRegistrationCount, MarriageRegistrationOffice
from .projects import PROGRESS_FIGURE, ConstructionProject

__all__ = [
    "EMISSION_STANDARD",
    "PROGRESS_FIGURE",
    "BurialZone",
    "ConstructionProject",
    "Cremator",
    "CrematorEmissionTest",
    "CrossProvinceAuthorisation",
    "FuneralFacility",
    "MarriageRegistrationCount",
    "MarriageRegistrationOffice",
    "in_use_q",
]
