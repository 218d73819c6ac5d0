"""Who may do what with the community registers (DESIGN §1; ``for_user`` bounds where).

County staff and admins keep the registers (facilities, stations, platform access, recognitions, social
organisations and their annual reports, incubation centres, social workers, the volunteer roster, donations,
lottery outlets and sales); leaders read them. Township users read their own township's records: the registers
are per village or township, and caseworkers are often asked about the facility or the outlet next door.
"""

from civilaffairs.choices import Role

MODELS = [
    "communityservicefacility",
    "volunteerstation",
    "communityplatformaccess",
    "ruralcommunitydesignation",
    "socialorganization",
    "socialorgannualreport",
    "incubationcentre",
    "socialworker",
    "volunteer",
    "charitydonation",
    "lotteryoutlet",
    "lotterysalesreturn",
]

VIEW = [f"community.view_{model}" for model in MODELS]
KEEP = [f"community.{action}_{model}" for model in MODELS for action in ("add", "change")]
SPECIAL = [
    "community.end_socialorganization",
    "community.review_socialorgannualreport",
    "community.import_volunteer",
]

PERMISSIONS = {
    Role.CASEWORKER: VIEW,
    Role.REVIEWER: VIEW,
    Role.COUNTY_STAFF: [*VIEW, *KEEP, *SPECIAL],
    Role.COUNTY_LEADER: VIEW,
    Role.ADMIN: [*VIEW, *KEEP, *SPECIAL, *(f"community.delete_{model}" for model in MODELS)],
}
