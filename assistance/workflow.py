"""The application workflow as one explicit table: action → from-states → to-state, permission, programmes.

The 低保 path (民发〔2021〕57号): 申请 → 受理 → 家庭经济状况调查 → 民主评议 (where used) → 审核意见 → 公示 →
审核确认 (批准 / 不予批准) → 发放. 特困 (民发〔2021〕43号) runs the same path without 民主评议; 临时救助 has no 公示
and is decided right after the township's opinion (分级审批). 撤回 and 终止 are possible while the case is open.

Only ``assistance.services`` changes a status, through ``TRANSITIONS``; pages and the API list the actions a user
may take now with ``available_actions``. Later programmes add rows with ``register_transition`` (e.g. the
临时救助 先行救助 path) without touching the services that run them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from assistance.choices import (
    MEANS_TESTED_KINDS,
    SUBSIDY_KINDS,
    ApplicationKind,
    ApplicationStatus,
    ObjectionOutcome,
    TemporaryType,
)
from assistance.conf import county_setting

S = ApplicationStatus
K = ApplicationKind
ALL_KINDS = frozenset(K.values)
BEFORE_DECISION = frozenset(
    {
        S.SUBMITTED,
        S.ACCEPTED,
        S.SURVEYED,
        S.APPRAISED,
        S.REVIEWED,
        S.FEDERATION_REVIEWED,
        S.IN_NOTICE,
        S.AWAITING_CONFIRMATION,
    }
)
UNDER_EXAMINATION = BEFORE_DECISION - {S.SUBMITTED}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: str | None  # None: the status stays (an event on the timeline)
    permission: str
    kinds: frozenset[str] = ALL_KINDS
    # "confirm": only the level that holds 审核确认 authority (county, or the township where delegated).
    authority: str = ""
    # Shown as a button on the application page (system transitions such as 发放 are not).
    manual: bool = True
    style: str = "primary"


TRANSITIONS: dict[str, Transition] = {}


def register_transition(transition: Transition) -> Transition:
    TRANSITIONS[transition.action] = transition
    return transition


for _t in [
    Transition(
        "accept",
        pgettext_lazy("workflow action", "Accept"),
        frozenset({S.SUBMITTED}),
        S.ACCEPTED,
        "assistance.accept_application",
    ),
    Transition(
        "refuse_acceptance",
        pgettext_lazy("workflow action", "Refuse to accept"),
        frozenset({S.SUBMITTED}),
        S.NOT_ACCEPTED,
        "assistance.accept_application",
        style="outline-danger",
    ),
    Transition(
        "record_survey",
        pgettext_lazy("workflow action", "Record household survey"),
        frozenset({S.ACCEPTED}),
        S.SURVEYED,
        "assistance.process_application",
        kinds=MEANS_TESTED_KINDS,
    ),
    Transition(
        "record_appraisal",
        pgettext_lazy("workflow action", "Record democratic appraisal"),
        frozenset({S.SURVEYED}),
        S.APPRAISED,
        "assistance.process_application",
        kinds=frozenset({K.DIBAO}),
        style="outline-primary",
    ),
    Transition(
        "review",
        pgettext_lazy("workflow action", "Give township opinion"),
        frozenset({S.SURVEYED, S.APPRAISED}),
        S.REVIEWED,
        "assistance.review_application",
        kinds=MEANS_TESTED_KINDS,
    ),
    Transition(
        "start_notice",
        pgettext_lazy("workflow action", "Post public notice"),
        frozenset({S.REVIEWED}),
        S.IN_NOTICE,
        "assistance.process_application",
        kinds=frozenset({K.DIBAO, K.TEKUN}),
    ),
    Transition(
        "record_objection",
        pgettext_lazy("workflow action", "Record an objection"),
        frozenset({S.IN_NOTICE}),
        None,
        "assistance.process_application",
        kinds=frozenset({K.DIBAO, K.TEKUN}),
        style="outline-warning",
    ),
    Transition(
        "decide_objection",
        pgettext_lazy("workflow action", "Record the outcome of an objection"),
        frozenset({S.IN_NOTICE}),
        None,  # upheld: back to ACCEPTED (re-survey); dismissed: stays in notice — decided in the service
        "assistance.process_application",
        kinds=frozenset({K.DIBAO, K.TEKUN}),
        style="outline-warning",
    ),
    Transition(
        "close_notice",
        pgettext_lazy("workflow action", "Close the notice and submit for confirmation"),
        frozenset({S.IN_NOTICE}),
        S.AWAITING_CONFIRMATION,
        "assistance.process_application",
        kinds=frozenset({K.DIBAO, K.TEKUN}),
    ),
    Transition(
        "approve",
        pgettext_lazy("workflow action", "Approve"),
        frozenset({S.AWAITING_CONFIRMATION, S.REVIEWED, S.FEDERATION_REVIEWED}),
        S.APPROVED,
        "assistance.confirm_application",
        authority="confirm",
        style="success",
    ),
    Transition(
        "reject",
        pgettext_lazy("workflow action", "Do not approve"),
        frozenset({S.AWAITING_CONFIRMATION, S.REVIEWED, S.FEDERATION_REVIEWED}),
        S.REJECTED,
        "assistance.confirm_application",
        authority="confirm",
        style="danger",
    ),
    Transition(
        "extend_deadline",
        pgettext_lazy("workflow action", "Extend the time limit"),
        UNDER_EXAMINATION,
        None,
        "assistance.review_application",
        style="outline-secondary",
    ),
    Transition(
        "withdraw",
        pgettext_lazy("workflow action", "Record withdrawal by the applicant"),
        BEFORE_DECISION,
        S.WITHDRAWN,
        "assistance.process_application",
        style="outline-secondary",
    ),
    Transition(
        "terminate",
        pgettext_lazy("workflow action", "Terminate the procedure"),
        UNDER_EXAMINATION,
        S.TERMINATED,
        "assistance.process_application",
        style="outline-danger",
    ),
    Transition(
        "pay",
        pgettext_lazy("workflow action", "Paid"),
        frozenset({S.APPROVED}),
        S.PAID,
        "assistance.review_paymentroll",
        manual=False,
    ),
]:
    register_transition(_t)

# --- Later programmes, added to the same table ---------------------------------------------------------------

# 残疾人两项补贴 (国发〔2015〕52号): 乡镇（街道）初审 right after acceptance (no survey or notice), then the
# disabled persons' federation's review where the county uses it (南川: "区残联审核"), then 县民政局审批 (approve).
register_transition(
    Transition(
        "initial_review",
        pgettext_lazy("workflow action", "Township initial review"),
        frozenset({S.ACCEPTED}),
        S.REVIEWED,
        "assistance.review_application",
        kinds=SUBSIDY_KINDS,
    )
)
register_transition(
    Transition(
        "federation_review",
        pgettext_lazy("workflow action", "Record the federation's review"),
        frozenset({S.REVIEWED}),
        S.FEDERATION_REVIEWED,
        "assistance.record_federation_review",
        kinds=SUBSIDY_KINDS,
    )
)
# 临时救助 先行救助 (急难型): the township pays a small amount at once, at any step before the decision; the status
# stays and the case goes on through the normal path (regularisation, 补齐审核审批手续).
register_transition(
    Transition(
        "grant_advance",
        pgettext_lazy("workflow action", "Grant assistance in advance"),
        BEFORE_DECISION - {S.IN_NOTICE, S.AWAITING_CONFIRMATION},
        None,
        "assistance.grant_advance",
        kinds=frozenset({K.TEMPORARY}),
        style="outline-danger",
    )
)


class TransitionRefused(Exception):
    """A transition that may not happen now; the message says why in Chinese, for the user."""


def confirm_authority_error(user, application) -> str | None:
    """Who may decide (审核确认): the county, or the township where delegated; 临时救助 by amount (分级审批)."""
    if user.is_superuser:
        return None
    county = application.county_code
    if application.kind in SUBSIDY_KINDS:
        # 县民政局审批发放 (南川 notes/002.md §4); 奉节 may delegate it to the townships (notes/001.md §4.1).
        delegated = county_setting("subsidy_township_confirms", county)
        if user.is_township_user and not delegated:
            return _("The county civil-affairs bureau approves disability subsidies; the township cannot.")
        if not user.is_township_user and delegated:
            return _("Approval of disability subsidies is delegated to the townships in this county.")
        return None
    if application.kind == K.TEMPORARY:
        if user.is_township_user:
            limit = county_setting("temporary_township_limit", county)
            if application.amount is not None and application.amount > limit:
                return _(
                    "The amount of %(amount)s yuan exceeds the township's approval limit of %(limit)s yuan; "
                    "the county civil-affairs bureau decides."
                ) % {"amount": application.amount, "limit": limit}
        return None
    delegated = county_setting("township_confirms", county)
    if user.is_township_user and not delegated:
        return _("In this county the county civil-affairs bureau confirms applications; the township cannot approve.")
    if not user.is_township_user and delegated:
        return _("Confirmation is delegated to the townships in this county; the township reviewer decides.")
    return None


def precondition_error(transition: Transition, application, today: datetime.date | None = None) -> str | None:
    """Business preconditions beyond the from-state (notice over, objections settled, opinion given…)."""
    today = today or timezone.localdate()
    action = transition.action
    if action == "review" and application.kind == K.DIBAO and application.status == S.SURVEYED:
        if county_setting("appraisal_required", application.county_code):
            return _("This county requires a democratic appraisal before the township opinion.")
    if action == "start_notice" and not application.review_recommends:
        return _("The township did not recommend approval; there is nothing to post. Submit it for a decision.")
    if action == "close_notice":
        if application.objections.filter(outcome=ObjectionOutcome.PENDING).exists():
            return _("An objection is still being checked; record its outcome first.")
        if application.notice_end and today <= application.notice_end:
            return _("The notice runs until %(date)s; it can be closed from the next day.") % {
                "date": f"{application.notice_end.year}年{application.notice_end.month}月{application.notice_end.day}日"
            }
    if action == "decide_objection" and not application.objections.filter(outcome=ObjectionOutcome.PENDING).exists():
        return _("There is no objection waiting for an outcome.")
    subsidy = application.kind in SUBSIDY_KINDS
    federation = subsidy and county_setting("disability_federation_review", application.county_code)
    if action == "federation_review" and not federation:
        return _("This county does not use a federation review step; the county approves directly.")
    if action == "approve" and subsidy:
        if not application.review_recommends:
            return _("The township did not recommend this subsidy.")
        if federation and application.status != S.FEDERATION_REVIEWED:
            return _("The disabled persons' federation reviews the application before the county approves it.")
        return None
    if action == "reject" and subsidy:
        return None
    if action == "approve":
        if application.kind != K.TEMPORARY and application.status != S.AWAITING_CONFIRMATION:
            return _("Dibao and extreme-poverty applications are approved only after the public notice.")
        if application.kind == K.TEMPORARY and not application.review_recommends:
            return _("The township did not recommend this grant.")
    if action == "reject" and application.status == S.REVIEWED and application.kind != K.TEMPORARY:
        if application.review_recommends:
            return _("The township recommends approval: post the public notice first.")
    if action == "grant_advance":
        if application.temporary_type != TemporaryType.EMERGENCY:
            return _("Advance assistance is for emergency (急难型) cases only.")
        if application.has_advance:
            return _("Advance assistance has already been granted on this application.")
    if action == "extend_deadline" and application.decision_extended:
        return _("The time limit has already been extended once.")
    return None


def refusal(transition: Transition, user, application, today: datetime.date | None = None) -> str | None:
    """Why ``user`` may not take ``transition`` on ``application`` now (None: they may)."""
    if application.kind not in transition.kinds:
        return _("“%(action)s” does not apply to %(kind)s applications.") % {
            "action": transition.label,
            "kind": application.get_kind_display(),
        }
    if application.status not in transition.sources:
        return _("This application is “%(status)s”; “%(action)s” is not possible now.") % {
            "status": application.get_status_display(),
            "action": transition.label,
        }
    if not user.has_perm(transition.permission):
        return _("Your role may not “%(action)s”.") % {"action": transition.label}
    if transition.authority == "confirm":
        error = confirm_authority_error(user, application)
        if error:
            return error
    return precondition_error(transition, application, today)


def available_actions(user, application) -> list[Transition]:
    """The actions ``user`` may take on ``application`` right now — the page shows exactly these buttons."""
    return [t for t in TRANSITIONS.values() if t.manual and refusal(t, user, application) is None]
