"""Child-welfare workers searched by ID number follow the core's rule on the page and the API: a county leader (who
sees numbers masked) finds a worker by the whole number only, never by a prefix; a caseworker by a prefix too."""

import pytest

from tests.childwelfare.factories import ChildWorkerFactory
from tests.factories import PersonFactory
from tests.id_search import assert_whole_numbers_only_when_masked, renumber

pytestmark = pytest.mark.django_db


def test_workers_by_the_persons_number(client_for, county_leader, caseworker_a, village_a):
    searched = renumber(PersonFactory(region=village_a, name="检索儿童主任"))
    worker = ChildWorkerFactory(person=searched, region=village_a)
    ChildWorkerFactory(person=PersonFactory(region=village_a, name="另一儿童主任"), region=village_a)
    pages, apis = ["/childwelfare/workers/"], ["/api/childwelfare/workers/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, searched, worker, pages, apis)
