"""What each role may do in elder care (the jurisdiction bounds where, via ``for_user``).

County staff keep the registers of institutions, facilities, inventories and quality inspections; township
caseworkers keep their township's roster of special-difficulty elderly and record visits (county staff may too);
reviewers and leaders read; admins keep everything and import.
"""

from civilaffairs.choices import Role

VIEW = [
    "eldercare.view_eldercareinstitution",
    "eldercare.view_communityeldercarefacility",
    "eldercare.view_eldercarebedinventory",
    "eldercare.view_eldercarequalityassessment",
    "eldercare.view_elderlyperson",
    "eldercare.view_elderlyvisit",
]
KEEP_SITES = [
    "eldercare.add_eldercareinstitution",
    "eldercare.change_eldercareinstitution",
    "eldercare.add_communityeldercarefacility",
    "eldercare.change_communityeldercarefacility",
    "eldercare.add_eldercarebedinventory",
    "eldercare.add_eldercarequalityassessment",
    "eldercare.change_eldercarequalityassessment",
]
KEEP_ROSTER = [
    "eldercare.add_elderlyperson",
    "eldercare.change_elderlyperson",
    "eldercare.add_elderlyvisit",
    "eldercare.import_eldercare",
]

PERMISSIONS = {
    Role.CASEWORKER: [*VIEW, *KEEP_ROSTER],
    Role.REVIEWER: [*VIEW],
    Role.COUNTY_STAFF: [*VIEW, *KEEP_SITES, *KEEP_ROSTER],
    Role.COUNTY_LEADER: [*VIEW],
    Role.ADMIN: [*VIEW, *KEEP_SITES, *KEEP_ROSTER],
}
