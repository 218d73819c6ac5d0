"""Social workers and volunteers searched by ID number follow the core's rule on the page, the API and the admin: a
county leader (who sees numbers masked) finds a row by the whole number only, never by a prefix; a caseworker or
county staff by a prefix too."""

import pytest

from tests.community.factories import SocialWorkerFactory, VolunteerFactory
from tests.factories import PersonFactory
from tests.id_search import assert_whole_numbers_only_when_masked, renumber, unique_number

pytestmark = pytest.mark.django_db


def test_social_workers_by_the_persons_number(client_for, county_leader, caseworker_a, village_a):
    searched = renumber(PersonFactory(region=village_a, name="检索社工"))
    worker = SocialWorkerFactory(person=searched, region=village_a)
    SocialWorkerFactory(region=village_a)
    pages, apis = ["/community/social-workers/"], ["/api/community/social-workers/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, searched, worker, pages, apis)


@pytest.fixture
def volunteers(village_a):
    searched = VolunteerFactory(region=village_a, name="检索志愿者", id_number=unique_number())
    VolunteerFactory(region=village_a)
    return searched


def test_volunteers_by_number(client_for, county_leader, caseworker_a, volunteers):
    pages, apis = ["/community/volunteers/"], ["/api/community/volunteers/"]
    assert_whole_numbers_only_when_masked(client_for, county_leader, caseworker_a, volunteers, volunteers, pages, apis)


def test_volunteer_admin_search_follows_the_same_rule(client_for, county_leader, county_staff, volunteers):
    for user in (county_leader, county_staff):
        user.is_staff = True
        user.save()
    prefix = volunteers.id_number[:10]

    def admin_rows(user, query):
        response = client_for(user).get("/admin/community/volunteer/", {"q": query})
        return list(response.context["cl"].result_list)

    for query in (prefix, f'"{prefix}"', f'{prefix} ""'):
        assert admin_rows(county_leader, query) == [], query
    assert admin_rows(county_leader, volunteers.id_number) == [volunteers]
    assert admin_rows(county_leader, volunteers.name) == [volunteers]
    assert admin_rows(county_staff, prefix) == [volunteers]  # staff see whole numbers
