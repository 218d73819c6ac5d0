from .jobs import JobRun, WorkCalendarDay
from .people import Person, PersonQuerySet, User
from .places import BoundaryLevel, BoundaryMarker, PlaceName, PlaceNameCategory, PlaceNameSign, PlaceNameStatus
from .regions import Region, RegionQuerySet, RegionStat

__all__ = [
    "BoundaryLevel",
    "BoundaryMarker",
    "JobRun",
    "Person",
    "PersonQuerySet",
    "PlaceName",
    "PlaceNameCategory",
    "PlaceNameSign",
    "PlaceNameStatus",
    "Region",
    "RegionQuerySet",
    "RegionStat",
    "User",
    "WorkCalendarDay",
]
