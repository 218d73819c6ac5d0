"""Statutory time limits of an application, in working days (Chinese holidays and make-up days count properly).

Two dates are kept on each application and recomputed at every transition:

- ``decision_due_on``: the whole 审核确认 from acceptance — 低保 30 working days, extendable once to 45
  (民发〔2021〕57号); 特困 and 临时救助 from their own settings;
- ``stage_due_on``: the current step's own limit (受理, 调查, 评议, 审核意见, 公示, 确认), never later than the
  decision date. The to-do lists and the application list sort by it; past it, the case is overdue (red).
"""

from __future__ import annotations

import datetime

from assistance.choices import SUBSIDY_KINDS, ApplicationKind, ApplicationStatus
from assistance.conf import county_setting
from civilaffairs.workdays import add_workdays

S = ApplicationStatus

DECISION_SETTING = {
    ApplicationKind.DIBAO: ("dibao_decision_workdays", "dibao_decision_extended_workdays"),
    ApplicationKind.TEKUN: ("tekun_decision_workdays", "tekun_decision_extended_workdays"),
    ApplicationKind.TEMPORARY: ("temporary_decision_workdays", "temporary_decision_extended_workdays"),
    ApplicationKind.LIVING_SUBSIDY: ("subsidy_decision_workdays", "subsidy_decision_extended_workdays"),
    ApplicationKind.CARE_SUBSIDY: ("subsidy_decision_workdays", "subsidy_decision_extended_workdays"),
}


def decision_due(application) -> datetime.date | None:
    if not application.accepted_on:
        return None
    normal, extended = DECISION_SETTING[application.kind]
    name = extended if application.decision_extended else normal
    return add_workdays(application.accepted_on, county_setting(name, application.county_code))


def stage_due(application, entered_on: datetime.date) -> datetime.date | None:
    """The limit of the step the application has just entered (on ``entered_on``)."""
    county = application.county_code

    def after(setting: str) -> datetime.date:
        return add_workdays(entered_on, county_setting(setting, county))

    status = application.status
    if application.kind in SUBSIDY_KINDS:
        # 乡镇初审 → 残联审核 (where used) → 县民政局审批.
        if status == S.ACCEPTED:
            return after("subsidy_initial_review_workdays")
        if status == S.REVIEWED:
            federation = application.review_recommends and county_setting("disability_federation_review", county)
            return after("subsidy_federation_review_workdays" if federation else "subsidy_confirm_workdays")
        if status == S.FEDERATION_REVIEWED:
            return after("subsidy_confirm_workdays")
    if status == S.SUBMITTED:
        return add_workdays(application.received_on, county_setting("accept_workdays", county))
    if status == S.ACCEPTED:
        return after("survey_workdays")
    if status == S.SURVEYED:
        required = application.kind == ApplicationKind.DIBAO and county_setting("appraisal_required", county)
        return after("appraisal_workdays" if required else "review_workdays")
    if status == S.APPRAISED:
        return after("review_workdays")
    if status == S.REVIEWED:
        if application.kind != ApplicationKind.TEMPORARY and application.review_recommends:
            return after("notice_start_workdays")
        return after("confirm_workdays")
    if status == S.IN_NOTICE:
        # Closed on the first working day after the notice ends.
        return add_workdays(application.notice_end or entered_on, 1)
    if status == S.AWAITING_CONFIRMATION:
        return after("confirm_workdays")
    return None


def refresh_deadlines(application, entered_on: datetime.date) -> None:
    """Set both dates on the (locked) application for its current status; the caller saves."""
    application.decision_due_on = decision_due(application) if application.is_open else None
    due = stage_due(application, entered_on) if application.is_open else None
    if due and application.decision_due_on:
        due = min(due, application.decision_due_on)
    application.stage_due_on = due
