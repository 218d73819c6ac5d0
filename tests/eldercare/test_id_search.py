"""The roster, the visits due and the visits searched by ID number follow the core's rule on the page and the API: a
county leader (who sees numbers masked) finds a person's row by the whole number only, never by a prefix; a
caseworker by a prefix too."""

import datetime

import pytest

from tests.eldercare.factories import ElderlyFactory, VisitFactory, elderly_person
from tests.id_search import UNIQUE_BIRTH, assert_whole_numbers_only_when_masked

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(village_a):
    """The searched old person (their number prefix is theirs alone) and another, neither visited yet."""
    searched = ElderlyFactory(person=elderly_person(village_a, born=UNIQUE_BIRTH, name="检索老人"))
    return searched, ElderlyFactory(person=elderly_person(village_a, name="另一老人"))


def test_roster_and_visits_due_by_the_persons_number(client_for, county_leader, caseworker_a, roster):
    searched, _ = roster
    pages, apis = ["/eldercare/elderly/", "/eldercare/visits/due/"], ["/api/eldercare/elderly/"]
    assert_whole_numbers_only_when_masked(
        client_for, county_leader, caseworker_a, searched.person, searched, pages, apis
    )


def test_visits_by_the_persons_number(client_for, county_leader, caseworker_a, roster):
    visited_on = datetime.date.today() - datetime.timedelta(days=3)
    visit, _ = (VisitFactory(elderly=elderly, visited_on=visited_on) for elderly in roster)
    pages, apis = ["/eldercare/visits/"], ["/api/eldercare/visits/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, roster[0].person, visit, pages, apis)
