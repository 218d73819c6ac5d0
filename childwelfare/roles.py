"""What each role may do in child welfare: county staff and admins keep the registers, everyone else reads (township
users their own township's stations and workers, via ``for_user``)."""

from civilaffairs.choices import Role

VIEW = [
    "childwelfare.view_minorprotectionstation",
    "childwelfare.view_childwelfareinstitution",
    "childwelfare.view_childworker",
]
KEEP = [
    "childwelfare.add_minorprotectionstation",
    "childwelfare.change_minorprotectionstation",
    "childwelfare.add_childwelfareinstitution",
    "childwelfare.change_childwelfareinstitution",
    "childwelfare.add_childworker",
    "childwelfare.change_childworker",
]

PERMISSIONS = {
    Role.CASEWORKER: [*VIEW],
    Role.REVIEWER: [*VIEW],
    Role.COUNTY_STAFF: [*VIEW, *KEEP],
    Role.COUNTY_LEADER: [*VIEW],
    Role.ADMIN: [*VIEW, *KEEP],
}
