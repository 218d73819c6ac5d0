"""Place-name to-dos: the link shows exactly what the count counts; boundary markers due for joint inspection."""

import datetime

import pytest

from civilaffairs.models import BoundaryMarker, PlaceName, PlaceNameSign

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def signs(village_a, village_b):
    road = PlaceName.objects.create(name="甲村路", category="road", region=village_a)
    return {
        condition: PlaceNameSign.objects.create(
            place_name=road, region=village, location=f"{condition}处", condition=condition
        )
        for condition, village in (("damaged", village_a), ("missing", village_b), ("good", village_a))
    }


def marker(number: str, township, inspected: datetime.date | None) -> BoundaryMarker:
    return BoundaryMarker.objects.create(
        number=number,
        boundary_name="测试县—邻县县界",
        boundary_level="county",
        region=township,
        location="山口",
        last_joint_inspection_on=inspected,
    )


@pytest.fixture
def markers(township_a, township_b):
    return {
        "never": marker("001", township_a, None),
        "six_years_ago": marker("002", township_b, TODAY.replace(year=TODAY.year - 6, day=1)),
        "last_year": marker("003", township_a, TODAY.replace(year=TODAY.year - 1, day=1)),
    }


def todo(client, fragment: str):
    matches = [t for t in client.get("/").context["todos"] if fragment in str(t.title)]
    assert len(matches) == 1, [str(t.title) for t in client.get("/").context["todos"]]
    return matches[0]


def test_sign_todo_link_lists_exactly_the_damaged_and_missing_signs(client_for, county_staff, signs):
    client = client_for(county_staff)
    item = todo(client, "地名标志")
    assert "2" in str(item.title)
    listed = set(client.get(item.url).context["object_list"])
    assert listed == {signs["damaged"], signs["missing"]}


def test_marker_todo_counts_never_inspected_and_overdue(client_for, county_staff, markers):
    client = client_for(county_staff)
    item = todo(client, "界桩")
    assert "2" in str(item.title)
    assert "5" in str(item.detail)
    listed = set(client.get(item.url).context["object_list"])
    assert listed == {markers["never"], markers["six_years_ago"]}


def test_inspection_interval_is_a_county_setting(client_for, county_staff, markers, settings):
    settings.CIVILAFFAIRS = {"counties": {"990101": {"boundary_joint_inspection_years": 10}}}
    client = client_for(county_staff)
    item = todo(client, "界桩")
    assert "1" in str(item.title) and "10" in str(item.detail)
    assert set(client.get(item.url).context["object_list"]) == {markers["never"]}


def test_no_marker_todo_when_all_were_inspected_recently(client_for, county_staff, township_a):
    marker("009", township_a, TODAY.replace(day=1))
    assert not [t for t in client_for(county_staff).get("/").context["todos"] if "界桩" in str(t.title)]


def test_caseworkers_get_no_place_name_todos(client_for, caseworker_a, signs, markers):
    assert not [t for t in client_for(caseworker_a).get("/").context["todos"] if "地名" in str(t.category)]
