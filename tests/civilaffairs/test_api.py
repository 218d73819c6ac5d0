import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_docs_render(client_for, county_staff):
    client = client_for(county_staff)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/core/persons/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()  # Swagger UI is served from the vendored sidecar


def test_token_authentication(client, caseworker_a, person_a):
    token = Token.objects.create(user=caseworker_a)
    response = client.get("/api/core/persons/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_api_refuses_bad_id_number_in_chinese(client_for, caseworker_a, village_a):
    response = client_for(caseworker_a).post(
        "/api/core/persons/", {"id_number": "11010519491231002", "name": "王", "region": village_a.code}
    )
    assert response.status_code == 400
    assert "18" in response.json()["id_number"][0]


def test_regions_are_readable_reference_data(client_for, caseworker_a, geo):
    data = client_for(caseworker_a).get("/api/core/regions/", {"level": "township"}).json()
    assert data["count"] == 2


def test_api_404_is_in_chinese_and_names_no_model(client_for, caseworker_a, person_b):
    client = client_for(caseworker_a)
    for url in (f"/api/core/persons/{person_b.pk}/", "/api/core/persons/999999/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到。"}, url
