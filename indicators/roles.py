"""Who may do what with the indicators (DESIGN §1): leaders and staff read the dashboards, townships read their own
township's figures, staff and admins enter manual figures, admins approve them, staff and admins recompute.

Evaluation reports (docs/decisions/0008): admins and county staff issue and download them, leaders download them;
township roles get neither — a report prints every township's figures."""

from civilaffairs.choices import Role

READ = [
    "indicators.view_plan",
    "indicators.view_planrow",
    "indicators.view_snapshot",
    "indicators.view_indicatordefinition",
]
READ_MANUAL = ["indicators.view_manualinput", "indicators.view_manualinputtype"]
ENTER_MANUAL = ["indicators.add_manualinput", "indicators.change_manualinput", "indicators.delete_manualinput"]
READ_REPORTS = ["indicators.view_evaluationreport"]
ISSUE_REPORTS = ["indicators.add_evaluationreport"]

PERMISSIONS = {
    Role.CASEWORKER: READ,
    Role.REVIEWER: READ,
    Role.COUNTY_LEADER: READ + READ_MANUAL + READ_REPORTS,
    Role.COUNTY_STAFF: READ + READ_MANUAL + ENTER_MANUAL + READ_REPORTS + ISSUE_REPORTS + ["indicators.recompute_plan"],
    Role.ADMIN: READ
    + READ_MANUAL
    + ENTER_MANUAL
    + READ_REPORTS
    + ISSUE_REPORTS
    + ["indicators.recompute_plan", "indicators.approve_manualinput", "indicators.change_plan"],
}
