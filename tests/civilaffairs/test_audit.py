import pytest
from auditlog.models import LogEntry

pytestmark = pytest.mark.django_db


def test_person_change_is_audited_with_before_and_after(client_for, caseworker_a, person_a):
    client_for(caseworker_a).post(
        f"/persons/{person_a.pk}/edit/",
        {"id_number": person_a.id_number, "name": "张甲改", "region": person_a.region_id, "phone": "13800000000"},
    )
    entry = LogEntry.objects.get_for_object(person_a).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == caseworker_a
    assert entry.changes_dict["name"] == ["张甲", "张甲改"]


def test_county_staff_sees_audit_of_own_county_only(client_for, county_staff, person_a, caseworker_a):
    from civilaffairs.models import Person, Region
    from tests.factories import PersonFactory, build_county

    other = build_county("990202", "外县")
    stranger = PersonFactory(region=other["villages"][other["townships"][0].code][0], name="外县人")
    html = client_for(county_staff).get("/audit/").content.decode()
    assert person_a.name in html
    assert stranger.name not in html
    assert Person.objects.count() == 2 and Region.objects.filter(name="外县").exists()


def test_caseworker_cannot_read_the_audit_log(client_for, caseworker_a):
    assert client_for(caseworker_a).get("/audit/").status_code == 403


def test_person_page_shows_history_to_county_staff(client_for, county_staff, person_a):
    person_a.phone = "13900000000"
    person_a.save()
    html = client_for(county_staff).get(f"/persons/{person_a.pk}/").content.decode()
    assert "13900000000" in html and "修改记录" in html
