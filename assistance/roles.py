"""What each role may do in social assistance (DESIGN §1; the jurisdiction bounds where, via ``for_user``).

Caseworkers register, accept, survey, post notices, record objections, run re-checks and generate rolls;
township reviewers give the 审核意见, review and lock rolls, and confirm where the county has delegated
审核确认 (``township_confirms``; checked again in ``assistance.workflow``); county staff confirm otherwise and keep
the standards; leaders read.
"""

from civilaffairs.choices import Role

VIEW = [
    "assistance.view_household",
    "assistance.view_householdmember",
    "assistance.view_application",
    "assistance.view_applicationstatuschange",
    "assistance.view_objection",
    "assistance.view_obligor",
    "assistance.view_enrolment",
    "assistance.view_enrolmentmember",
    "assistance.view_enrolmentamount",
    "assistance.view_recheck",
    "assistance.view_paymentroll",
    "assistance.view_paymentline",
    "assistance.view_assistancestandard",
]

PERMISSIONS = {
    Role.CASEWORKER: [
        *VIEW,
        "assistance.add_household",
        "assistance.change_household",
        "assistance.view_full_bank_account",
        "assistance.add_application",
        "assistance.accept_application",
        "assistance.process_application",
        "assistance.recheck_enrolment",
        "assistance.add_paymentroll",
        "assistance.export_paymentroll",
    ],
    Role.REVIEWER: [
        *VIEW,
        "assistance.view_full_bank_account",
        "assistance.review_application",
        "assistance.confirm_application",
        "assistance.review_paymentroll",
        "assistance.export_paymentroll",
    ],
    Role.COUNTY_STAFF: [
        *VIEW,
        "assistance.view_full_bank_account",
        "assistance.confirm_application",
        "assistance.add_assistancestandard",
        "assistance.export_paymentroll",
        "assistance.import_assistance",
    ],
    Role.COUNTY_LEADER: [*VIEW],
    Role.ADMIN: [
        *VIEW,
        "assistance.add_assistancestandard",
        "assistance.import_assistance",
    ],
}
