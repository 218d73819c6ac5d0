import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from civilaffairs.idnumber import mask_id_number, parse_id_number
from civilaffairs.models import Person
from tests.factories import make_id_number

VALID = "11010519491231002X"  # the GB 11643 example: a woman born 1949-12-31


def test_valid_number_gives_birth_date_and_sex():
    facts = parse_id_number(VALID)
    assert facts.birth_date == datetime.date(1949, 12, 31)
    assert facts.sex == "F"


def test_lowercase_x_is_accepted_as_uppercase():
    assert parse_id_number(VALID.lower()).number == VALID


def test_wrong_check_character_is_refused_in_chinese():
    bad = VALID[:-1] + "1"
    with pytest.raises(ValidationError) as exc:
        parse_id_number(bad)
    assert exc.value.code == "id_checksum"
    assert "校验码" in exc.value.messages[0]


def test_impossible_birth_date_is_refused():
    body = "51172519990231001"
    number = body + ric.calc_check_digit(body + "0")  # a correct check character on an impossible date
    with pytest.raises(ValidationError) as exc:
        parse_id_number(number)
    assert exc.value.code == "id_birth_date"
    assert "19990231" in exc.value.messages[0]


def test_seventeen_characters_are_refused():
    with pytest.raises(ValidationError) as exc:
        parse_id_number(VALID[:17])
    assert exc.value.code == "id_length"
    assert "18" in exc.value.messages[0] and "17" in exc.value.messages[0]


def test_future_birth_date_is_refused():
    with pytest.raises(ValidationError):
        parse_id_number(make_id_number(datetime.date.today() + datetime.timedelta(days=3)))


def test_address_code_is_lenient_for_elderly_born_before_their_county_code():
    # 渠县 511725 as a code is younger than a resident born in 1950; the number is still theirs.
    number = make_id_number(datetime.date(1950, 3, 1), area="511725")
    assert parse_id_number(number).birth_date == datetime.date(1950, 3, 1)


def test_mask_keeps_first_and_last_four():
    assert mask_id_number("500236198005170011") == "5002**********0011"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        (VALID[:-1] + "1", "校验码"),
        ("11010519990231" + "0013", "19990231"),
        (VALID[:17], "18"),
    ],
)
def test_person_form_refuses_bad_numbers_and_saves_nothing(client_for, caseworker_a, village_a, number, fragment):
    response = client_for(caseworker_a).post(
        "/persons/new/", {"id_number": number, "name": "王五", "region": village_a.code}
    )
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_person_form_accepts_lowercase_x_and_derives_birth_and_sex(client_for, caseworker_a, village_a):
    response = client_for(caseworker_a).post(
        "/persons/new/", {"id_number": VALID.lower(), "name": "王五", "region": village_a.code}
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.id_number == VALID
    assert (person.birth_date, person.sex) == (datetime.date(1949, 12, 31), "F")


@pytest.mark.django_db
def test_duplicate_number_in_other_township_is_refused_naming_the_township(
    client_for, caseworker_a, person_b, village_a
):
    response = client_for(caseworker_a).post(
        "/persons/new/", {"id_number": person_b.id_number, "name": "李乙", "region": village_a.code}
    )
    assert response.status_code == 200
    assert "乙镇" in response.content.decode()
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "110105 19491231 002X",
        "110105\u300019491231\u3000002x",  # full-width (ideographic) spaces
        "１１０１０５１９４９１２３１００２ｘ",  # full-width digits and ｘ from a Chinese input method
        "１１０１０５ １９４９１２３１ ００２Ｘ",
        " 11010519491231002X\t",
    ],
)
def test_spaces_and_full_width_characters_are_tolerated(typed):
    assert parse_id_number(typed).number == VALID


def test_a_number_still_wrong_after_tidying_names_its_length():
    with pytest.raises(ValidationError) as exc:
        parse_id_number("110105 19491231 002")
    assert exc.value.code == "id_length" and "17" in exc.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["110105 19491231 002X", "１１０１０５　１９４９１２３１　００２ｘ"])
def test_person_form_accepts_a_number_typed_with_spaces(client_for, caseworker_a, village_a, typed):
    response = client_for(caseworker_a).post(
        "/persons/new/", {"id_number": typed, "name": "王五", "region": village_a.code}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Person.objects.get().id_number == VALID


@pytest.mark.django_db
def test_person_form_names_the_length_not_a_generic_limit(client_for, caseworker_a, village_a):
    typed = "110105 19491231 0021 5"  # 19 characters once tidied
    response = client_for(caseworker_a).post(
        "/persons/new/", {"id_number": typed, "name": "王五", "region": village_a.code}
    )
    errors = response.context["form"].errors["id_number"]
    assert any("18" in e and "19" in e for e in errors), errors
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_api_accepts_a_number_typed_with_spaces(client_for, caseworker_a, village_a):
    response = client_for(caseworker_a).post(
        "/api/core/persons/", {"id_number": "１１０１０５ 19491231 　002x ", "name": "王五", "region": village_a.code}
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get().id_number == VALID


@pytest.mark.django_db
def test_admin_accepts_a_number_typed_with_spaces(client_for, county_staff, village_a):
    county_staff.is_staff = True
    county_staff.save()
    county_staff.user_permissions.add(Permission.objects.get(codename="add_person"))
    response = client_for(county_staff).post(
        "/admin/civilaffairs/person/add/",
        {"id_number": "110105 19491231 002X", "name": "王五", "region": village_a.code, "address": "", "phone": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Person.objects.get().id_number == VALID
