"""Two reviewers approving at once, and a double-clicked submit: exactly one wins (PostgreSQL row locks; SQLite
serialises writers and the services retry). Real threads, real transactions."""

import threading
import uuid

import pytest
from django.db import connections

from assistance import services
from assistance.choices import ApplicationStatus
from assistance.models import Application, ApplicationStatusChange, Enrolment
from assistance.workflow import TransitionRefused
from tests.assistance.factories import submit, walk_to_confirmation

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    """Start the calls at the same moment in separate threads (each with its own connection)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except Exception as exc:  # the refused one
            outcomes[index] = ("refused", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.fixture
def delegated(settings, geo):
    """A county that has delegated 审核确认 to its townships, so both township reviewers may approve."""
    settings.CIVILAFFAIRS = {"counties": {geo["county"].code[:6]: {"township_confirms": True}}}


def test_two_reviewers_approving_at_once_exactly_one_succeeds(
    delegated, poor_household, caseworker_a, reviewer_a, reviewer_a2
):
    app = submit(caseworker_a, poor_household)
    walk_to_confirmation(app, caseworker_a, reviewer_a)
    outcomes = run_together(
        lambda: services.application_approve(actor=reviewer_a, application=app.pk),
        lambda: services.application_approve(actor=reviewer_a2, application=app.pk),
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    refused = next(value for kind, value in outcomes if kind == "refused")
    assert isinstance(refused, TransitionRefused)
    winner = next(value for kind, value in outcomes if kind == "ok")
    # The loser is told who approved it, in words a reviewer understands.
    assert str(winner.decided_by) in str(refused) and "已批准" in str(refused)
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.APPROVED
    assert ApplicationStatusChange.objects.filter(application=app, action="approve").count() == 1
    assert Enrolment.objects.filter(application=app).count() == 1


def test_double_clicked_submit_creates_one_application(poor_household, caseworker_a):
    key = uuid.uuid4().hex

    def submit_once():
        return services.application_submit(
            actor=caseworker_a,
            household=poor_household,
            kind="dibao",
            applicant=poor_household.head,
            reason="生活困难",
            idempotency_key=key,
        )

    outcomes = run_together(submit_once, submit_once)
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    (first, created_1), (second, created_2) = (value for _, value in outcomes)
    assert first.pk == second.pk and sorted([created_1, created_2]) == [False, True]
    assert Application.objects.count() == 1
    assert ApplicationStatusChange.objects.filter(action="submit").count() == 1


def test_two_generations_of_the_same_roll_make_one_roll(poor_household, caseworker_a, township_a):
    from assistance.models import PaymentRoll
    from tests.assistance.factories import next_month

    outcomes = run_together(
        lambda: services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month()),
        lambda: services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month()),
    )
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert PaymentRoll.objects.count() == 1


def test_two_reviewers_granting_an_advance_at_once_grant_it_once(
    village_a, standards, caseworker_a, reviewer_a, reviewer_a2
):
    from decimal import Decimal

    from assistance.models import TemporaryAdvance
    from tests.assistance.factories import make_household

    app = submit(
        caseworker_a, make_household(village_a, ["0"]), kind="temporary", temporary_type="emergency", temporary_months=1
    )

    def grant(reviewer):
        return lambda: services.application_grant_advance(
            actor=reviewer, application=app.pk, amount=Decimal("300"), method="cash", reason="房屋失火"
        )

    outcomes = run_together(grant(reviewer_a), grant(reviewer_a2))
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"], outcomes
    assert isinstance(next(v for k, v in outcomes if k == "refused"), TransitionRefused)
    assert TemporaryAdvance.objects.filter(application=app).count() == 1
    assert ApplicationStatusChange.objects.filter(application=app, action="grant_advance").count() == 1
