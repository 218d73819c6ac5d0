"""The ID-number search rule (civilaffairs.filters.id_number_search) checked on a list page and its API: a viewer who
sees numbers masked cannot rebuild one from a growing prefix."""

import datetime

from civilaffairs.models import Person
from tests.factories import make_id_number

# No other test person is born in 1962: the 10-digit prefix (area code + birth year) of a number from
# ``unique_number`` belongs to that person alone.
UNIQUE_BIRTH = datetime.date(1962, 3, 4)


def unique_number() -> str:
    return make_id_number(UNIQUE_BIRTH)


def renumber(person: Person) -> Person:
    """``person`` with a number from ``unique_number`` (birth date and sex follow, as on the page)."""
    person.id_number = unique_number()
    person.full_clean()
    person.save()
    return person


def page_rows(client, url: str, query: str) -> list[int]:
    response = client.get(url, {"q": query})
    assert response.status_code == 200, url
    return [obj.pk for obj in response.context["object_list"]]


def api_rows(client, url: str, query: str) -> list[int]:
    response = client.get(url, {"q": query})
    assert response.status_code == 200, url
    return [row["id"] for row in response.json()["results"]]


def assert_whole_numbers_only_when_masked(client_for, masked, full, holder, row, pages, apis=()):
    """On every page and API list: ``masked`` finds ``row`` by the whole number of ``holder`` (a person or a volunteer)
    and by the holder's name, and nothing by a 10-digit prefix of the number; ``full`` (who sees numbers whole) finds
    ``row`` by that prefix."""
    assert not masked.has_perm("civilaffairs.view_full_id_number")
    assert full.has_perm("civilaffairs.view_full_id_number")
    number, name, prefix = holder.id_number, holder.name, holder.id_number[:10]
    as_masked, as_full = client_for(masked), client_for(full)
    for url, rows in [*((url, page_rows) for url in pages), *((url, api_rows) for url in apis)]:
        assert rows(as_masked, url, prefix) == [], url
        assert rows(as_masked, url, number) == [row.pk], url
        assert rows(as_masked, url, name) == [row.pk], url
        assert rows(as_full, url, prefix) == [row.pk], url
