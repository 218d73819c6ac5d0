"""Manual figures: entered by county staff, approved by an admin other than the enterer, evidence served through
a permission-checked view, scoped to the jurisdiction; only approved figures count."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from civilaffairs.choices import Role
from indicators.choices import ManualInputStatus
from indicators.models import ManualInput
from indicators.services import manual_input_approve, manual_input_create
from tests.factories import UserFactory
from tests.indicators.factories import ManualInputFactory

pytestmark = pytest.mark.django_db

LIST = "/indicators/manual-inputs/"
NEW = LIST + "new/"


@pytest.fixture
def second_admin(geo):
    return UserFactory(username="admin2", role=Role.ADMIN, jurisdiction=geo["county"])


@pytest.fixture
def draft(geo, growth_type, county_staff):
    return ManualInputFactory(
        type=growth_type,
        region=geo["county"],
        entered_by=county_staff,
        status=ManualInputStatus.DRAFT,
        approved_at=None,
        evidence=SimpleUploadedFile("公报.pdf", b"%PDF-1.4 statistics"),
    )


def test_county_staff_enter_a_figure_with_evidence(client_for, geo, growth_type, county_staff):
    response = client_for(county_staff).post(
        NEW,
        {
            "type": growth_type.pk,
            "region": geo["county"].pk,
            "period_year": "2023",
            "value": "6.2",
            "source": "《2023年测试县统计公报》",
            "evidence": SimpleUploadedFile("公报.pdf", b"%PDF-1.4"),
        },
    )
    entry = ManualInput.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{entry.pk}/"
    assert entry.status == ManualInputStatus.DRAFT and entry.entered_by == county_staff
    assert entry.value == D("6.2") and entry.effective_on == datetime.date(2023, 12, 31) and entry.evidence


def test_a_figure_without_a_value_or_period_is_refused_with_a_clear_message(client_for, geo, growth_type, county_staff):
    response = client_for(county_staff).post(NEW, {"type": growth_type.pk, "region": geo["county"].pk, "source": "x"})
    page = response.content.decode()
    assert response.status_code == 200 and "请填写" in page
    assert not ManualInput.objects.exists()


def test_a_percentage_over_100_is_refused(geo, availability_type, growth_type, county_staff):
    growth_type.value_type = "percent"
    growth_type.save()
    with pytest.raises(ValidationError):
        manual_input_create(
            actor=county_staff, type=growth_type, region=geo["county"], period_year=2023, value=D(120), source="x"
        )


def test_a_township_region_outside_the_jurisdiction_is_not_offered(client_for, geo, growth_type, caseworker_a):
    # Township users have no permission to enter figures at all.
    assert client_for(caseworker_a).get(NEW).status_code == 403


@pytest.mark.parametrize("user,status", [("county_leader", 403), ("caseworker_a", 403), ("no_role_user", 403)])
def test_only_staff_and_admins_enter_figures(client_for, user, status, request, geo):
    assert client_for(request.getfixturevalue(user)).get(NEW).status_code == status


def test_an_admin_approves_a_figure_someone_else_entered(client_for, draft, county_admin):
    response = client_for(county_admin).post(f"{LIST}{draft.pk}/approve/")
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == ManualInputStatus.APPROVED
    assert draft.approved_by == county_admin and draft.approved_at


def test_nobody_approves_their_own_figure(geo, growth_type, county_admin):
    entry = manual_input_create(
        actor=county_admin, type=growth_type, region=geo["county"], period_year=2023, value=D(5), source="x"
    )
    with pytest.raises(ValidationError, match="填报人以外"):
        manual_input_approve(actor=county_admin, manual_input=entry)
    with pytest.raises(IntegrityError), transaction.atomic():
        ManualInput.objects.filter(pk=entry.pk).update(approved_by=county_admin)


def test_staff_cannot_approve(client_for, draft, county_staff):
    assert client_for(county_staff).post(f"{LIST}{draft.pk}/approve/").status_code == 403


def test_a_second_approval_does_not_approve_twice(draft, county_admin, second_admin):
    manual_input_approve(actor=county_admin, manual_input=draft)
    with pytest.raises(ValidationError, match="不在待审核状态"):
        manual_input_approve(actor=second_admin, manual_input=draft)
    draft.refresh_from_db()
    assert draft.approved_by == county_admin


def test_approving_a_correction_supersedes_the_previous_figure(geo, growth_type, county_staff, county_admin, draft):
    manual_input_approve(actor=county_admin, manual_input=draft)
    correction = manual_input_create(
        actor=county_staff, type=growth_type, region=geo["county"], period_year=2023, value=D("6.9"), source="更正"
    )
    manual_input_approve(actor=county_admin, manual_input=correction)
    draft.refresh_from_db()
    assert draft.status == ManualInputStatus.SUPERSEDED
    assert ManualInput.objects.approved().get().value == D("6.9")


def test_an_admin_rejects_with_a_reason(client_for, draft, county_admin):
    client = client_for(county_admin)
    client.post(f"{LIST}{draft.pk}/reject/", {"reason": ""})
    draft.refresh_from_db()
    assert draft.status == ManualInputStatus.DRAFT
    client.post(f"{LIST}{draft.pk}/reject/", {"reason": "数据口径错误"})
    draft.refresh_from_db()
    assert draft.status == ManualInputStatus.REJECTED and "数据口径错误" in draft.note


def test_the_evidence_is_served_only_to_permitted_users_in_scope(client_for, draft, county_leader, caseworker_a):
    url = f"{LIST}{draft.pk}/evidence/"
    response = client_for(county_leader).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 statistics"
    assert client_for(caseworker_a).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_another_countys_staff_get_404_for_a_figure(client_for, draft):
    from tests.factories import build_county

    other = build_county("990102", name="邻县", townships=1, villages=1)
    stranger = UserFactory(username="stranger", role=Role.ADMIN, jurisdiction=other["county"])
    client = client_for(stranger)
    assert client.get(f"{LIST}{draft.pk}/").status_code == 404
    assert client.get(f"{LIST}{draft.pk}/evidence/").status_code == 404
    assert client.post(f"{LIST}{draft.pk}/approve/").status_code == 404


def test_the_list_answers_within_a_query_budget(
    client_for, geo, growth_type, county_staff, county_admin, django_assert_max_num_queries
):
    for year in range(2015, 2040):
        ManualInputFactory(
            type=growth_type, region=geo["county"], period_year=year, entered_by=county_staff, approved_by=county_admin
        )
    client = client_for(county_admin)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200 and "上年度居民人均消费支出增速" in response.content.decode()


def test_the_approval_todo_reaches_admins(draft, county_admin, county_staff):
    from civilaffairs.registry import todos_for

    assert any("待审核" in str(t.title) for t in todos_for(county_admin))
    assert not any("待审核" in str(t.title) for t in todos_for(county_staff))


def test_the_enterer_may_correct_a_draft_but_not_an_approved_figure(client_for, draft, county_staff, county_admin):
    client = client_for(county_staff)
    assert client.get(f"{LIST}{draft.pk}/edit/").status_code == 200
    manual_input_approve(actor=county_admin, manual_input=draft)
    assert client.get(f"{LIST}{draft.pk}/edit/").status_code == 404
