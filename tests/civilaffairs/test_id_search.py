"""A viewer who sees ID numbers masked cannot rebuild them by searching on a growing prefix."""

import pytest

pytestmark = pytest.mark.django_db


def page_hits(client, query: str) -> list:
    return list(client.get("/persons/", {"q": query}).context["object_list"])


def api_hits(client, query: str) -> list:
    return [row["id"] for row in client.get("/api/core/persons/", {"q": query}).json()["results"]]


def test_masked_viewer_finds_nothing_by_a_prefix_on_the_page(client_for, county_leader, person_a):
    client = client_for(county_leader)
    for length in (4, 6, 10, 14, 17):
        assert page_hits(client, person_a.id_number[:length]) == [], length


def test_masked_viewer_finds_nothing_by_a_prefix_in_the_api(client_for, county_leader, person_a):
    client = client_for(county_leader)
    for length in (4, 10, 17):
        assert api_hits(client, person_a.id_number[:length]) == [], length


def test_masked_viewer_finds_by_the_whole_number_and_by_name(client_for, county_leader, person_a, person_b):
    client = client_for(county_leader)
    assert page_hits(client, person_a.id_number) == [person_a]
    assert api_hits(client, person_a.id_number) == [person_a.pk]
    assert page_hits(client, person_a.name[1:]) == [person_a]  # names stay searchable by any part
    assert api_hits(client, person_b.name) == [person_b.pk]


def test_masked_viewer_gets_nothing_for_a_whole_but_invalid_number(client_for, county_leader, person_a):
    wrong_check = person_a.id_number[:17] + ("1" if person_a.id_number[17] != "1" else "2")
    assert page_hits(client_for(county_leader), wrong_check) == []


def test_viewer_of_whole_numbers_still_finds_by_prefix(client_for, caseworker_a, person_a):
    client = client_for(caseworker_a)
    assert page_hits(client, person_a.id_number[:10]) == [person_a]
    assert api_hits(client, person_a.id_number[:10]) == [person_a.pk]


def test_admin_search_follows_the_same_rule(client_for, county_leader, county_staff, person_a):
    for user in (county_leader, county_staff):
        user.is_staff = True
        user.save()
    prefix = person_a.id_number[:10]

    def admin_hits(user, query):
        return list(client_for(user).get("/admin/civilaffairs/person/", {"q": query}).context["cl"].result_list)

    assert admin_hits(county_leader, prefix) == []
    assert admin_hits(county_leader, person_a.id_number) == [person_a]
    assert admin_hits(county_staff, prefix) == [person_a]  # staff see whole numbers


@pytest.mark.parametrize("term", ['"{prefix}"', "'{prefix}'", '{prefix} ""'])
def test_admin_search_gives_a_masked_viewer_no_way_around_the_rule(client_for, county_leader, person_a, term):
    # The admin's own search splits the term and unquotes each part, so a check of the whole term alone would let
    # "5002361980" (quoted, or followed by a part that matches everything) through as a substring search.
    county_leader.is_staff = True
    county_leader.save()
    query = term.format(prefix=person_a.id_number[:10])
    response = client_for(county_leader).get("/admin/civilaffairs/person/", {"q": query})
    assert list(response.context["cl"].result_list) == []
