"""What each role may do in social assistance (DESIGN §1; the jurisdiction bounds where, via ``for_user``).

Caseworkers register, accept, survey, post notices, record objections, run re-checks and generate rolls;
township reviewers give the 审核意见 (and the 两项补贴 初审), grant 先行救助, review and lock rolls, and confirm where
the county has delegated 审核确认 (``township_confirms``; checked again in ``assistance.workflow``); county staff
confirm otherwise, record the disabled persons' federation's review, keep the standards and the county registers
(残疾人证, 流浪乞讨救助 — the station is county-level —, welfare institutions); caseworkers keep the 低保边缘 /
低收入 register and its visits; leaders read.
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
    "assistance.view_disabilitycertificate",
    "assistance.view_lowincomehousehold",
    "assistance.view_lowincomevisit",
    "assistance.view_temporaryadvance",
    "assistance.view_vagrantcase",
    "assistance.view_welfareinstitution",
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
        "assistance.add_disabilitycertificate",
        "assistance.add_lowincomehousehold",
        "assistance.change_lowincomehousehold",
        "assistance.add_lowincomevisit",
    ],
    Role.REVIEWER: [
        *VIEW,
        "assistance.view_full_bank_account",
        "assistance.review_application",
        "assistance.confirm_application",
        "assistance.grant_advance",
        "assistance.review_paymentroll",
        "assistance.export_paymentroll",
    ],
    Role.COUNTY_STAFF: [
        *VIEW,
        "assistance.view_full_bank_account",
        "assistance.confirm_application",
        "assistance.record_federation_review",
        "assistance.add_assistancestandard",
        "assistance.export_paymentroll",
        "assistance.import_assistance",
        "assistance.add_disabilitycertificate",
        "assistance.change_disabilitycertificate",
        "assistance.add_vagrantcase",
        "assistance.change_vagrantcase",
        "assistance.add_welfareinstitution",
        "assistance.change_welfareinstitution",
    ],
    Role.COUNTY_LEADER: [*VIEW],
    Role.ADMIN: [
        *VIEW,
        "assistance.add_assistancestandard",
        "assistance.import_assistance",
        "assistance.add_welfareinstitution",
        "assistance.change_welfareinstitution",
    ],
}
