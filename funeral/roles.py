"""What each role may do with the funeral and marriage registers (the jurisdiction bounds where, via ``for_user``).

County staff and admins keep the registers; leaders read them; township users read the facilities, burial zones
and projects of their own township (the registers that are kept per township). Cremators and marriage
registration are county business.
"""

from civilaffairs.choices import Role

TOWNSHIP_VIEW = [
    "funeral.view_funeralfacility",
    "funeral.view_burialzone",
    "funeral.view_constructionproject",
]

VIEW = [
    *TOWNSHIP_VIEW,
    "funeral.view_cremator",
    "funeral.view_crematoremissiontest",
    "funeral.view_marriageregistrationoffice",
    "funeral.view_crossprovinceauthorisation",
    "funeral.view_marriageregistrationcount",
]

KEEP = [
    *VIEW,
    "funeral.add_funeralfacility",
    "funeral.change_funeralfacility",
    "funeral.add_burialzone",
    "funeral.add_cremator",
    "funeral.change_cremator",
    "funeral.add_crematoremissiontest",
    "funeral.add_constructionproject",
    "funeral.change_constructionproject",
    "funeral.add_marriageregistrationoffice",
    "funeral.change_marriageregistrationoffice",
    "funeral.add_crossprovinceauthorisation",
    "funeral.change_crossprovinceauthorisation",
    "funeral.add_marriageregistrationcount",
    "funeral.change_marriageregistrationcount",
    "funeral.import_marriageregistrationcount",
]

PERMISSIONS = {
    Role.CASEWORKER: TOWNSHIP_VIEW,
    Role.REVIEWER: TOWNSHIP_VIEW,
    Role.COUNTY_STAFF: KEEP,
    Role.COUNTY_LEADER: VIEW,
    Role.ADMIN: KEEP,
}
