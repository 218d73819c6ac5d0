"""Report pages and endpoints: the permission matrix of every one (anonymous, no permission, a township user, in scope,
another county), the button on the dashboard, the progress fragment htmx polls, the list, the download, the API."""

import pytest

from civilaffairs.choices import Role
from indicators.choices import ReportStatus
from indicators.models import EvaluationReport
from tests.factories import UserFactory, build_county

pytestmark = pytest.mark.django_db

PLAN = "/indicators/plans/test-14/"
LIST = PLAN + "reports/"
NEW = PLAN + "reports/new/"
API = "/api/indicators/reports/"


def detail(report) -> str:
    return f"/indicators/reports/{report.pk}/"


def download(report) -> str:
    return f"/indicators/reports/{report.pk}/download/"


@pytest.fixture
def other_county_staff(db):
    other = build_county("990102", name="邻县", townships=1, villages=1)
    return UserFactory(username="staff_other", role=Role.COUNTY_STAFF, jurisdiction=other["county"])


def pages(report) -> list[str]:
    return [LIST, detail(report), download(report)]


def api_urls(report) -> list[str]:
    return [API, f"{API}{report.pk}/", f"{API}{report.pk}/download/"]


# --- permission matrix -------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login_or_refused_by_the_api(client, issued, as_of):
    for url in pages(issued):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    response = client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    for url in api_urls(issued):
        assert client.get(url).status_code in (401, 403), url
    assert client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()}).status_code in (401, 403)
    assert EvaluationReport.objects.count() == 1


@pytest.mark.parametrize("persona", ["no_role_user", "caseworker_a", "reviewer_a"])
def test_users_without_the_permission_get_403_township_users_included(client_for, issued, as_of, persona, request):
    """A township user reads the county's dashboard but never the report: it prints every township's figures."""
    client = client_for(request.getfixturevalue(persona))
    for url in pages(issued):
        assert client.get(url).status_code == 403, url
    assert client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"}).status_code == 403
    for url in api_urls(issued):
        assert client.get(url).status_code == 403, url
    assert client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()}).status_code == 403
    assert EvaluationReport.objects.count() == 1


@pytest.mark.parametrize("persona", ["county_staff", "county_admin", "county_leader"])
def test_county_users_read_and_download_the_reports_of_their_plan(client_for, issued, persona, request):
    client = client_for(request.getfixturevalue(persona))
    for url in pages(issued):
        assert client.get(url).status_code == 200, url
    for url in api_urls(issued):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["county_staff", "county_admin"])
def test_staff_and_admins_request_a_report(client_for, plan, as_of, persona, request):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(NEW, {"as_of": as_of.isoformat(), "kind": "final"})
    report = EvaluationReport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(report)
    assert (report.kind, report.as_of, report.status) == ("final", as_of, ReportStatus.QUEUED)
    response = client.post(API, {"plan": "test-14", "as_of": as_of.isoformat(), "kind": "midterm"})
    assert response.status_code == 202
    assert response.json()["id"] == EvaluationReport.objects.get(kind="midterm").pk


def test_a_leader_may_read_but_not_request(client_for, plan, as_of, county_leader):
    client = client_for(county_leader)
    assert client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"}).status_code == 403
    assert client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()}).status_code == 403
    assert not EvaluationReport.objects.exists()


def test_another_countys_staff_cannot_even_see_the_reports_exist(client_for, issued, as_of, other_county_staff):
    client = client_for(other_county_staff)
    for url in pages(issued):
        assert client.get(url).status_code == 404, url
    assert client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"}).status_code == 404
    assert client.get(API).json()["results"] == []
    assert client.get(f"{API}{issued.pk}/").status_code == 404
    assert client.get(f"{API}{issued.pk}/download/").status_code == 404
    assert client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()}).status_code == 404
    assert EvaluationReport.objects.count() == 1


def test_county_staff_posted_to_a_township_cannot_issue_or_read_the_county_report(client_for, issued, as_of, staff_b):
    client = client_for(staff_b)
    assert client.get(LIST).status_code == 404
    assert client.get(detail(issued)).status_code == 404
    assert client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"}).status_code == 404
    assert client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()}).status_code == 404


# --- what the pages show ------------------------------------------------------------------------------------------


def test_the_dashboard_offers_the_button_to_staff_and_the_list_to_leaders_but_neither_to_townships(
    client_for, plan, county_staff, county_leader, caseworker_a
):
    staff_page = client_for(county_staff).get(PLAN).content.decode()
    assert "生成评估报告" in staff_page and 'name="kind"' in staff_page and "中期评估" in staff_page
    assert f'href="{LIST}"' in staff_page
    leader_page = client_for(county_leader).get(PLAN).content.decode()
    assert "生成评估报告" not in leader_page and f'href="{LIST}"' in leader_page
    township_page = client_for(caseworker_a).get(PLAN).content.decode()
    assert "生成评估报告" not in township_page and LIST not in township_page


def test_a_double_click_on_the_button_queues_one_report_and_both_land_on_it(client_for, plan, as_of, county_staff):
    client = client_for(county_staff)
    first = client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"})
    second = client.post(NEW, {"as_of": as_of.isoformat(), "kind": "midterm"}, follow=True)
    report = EvaluationReport.objects.get()
    assert first["Location"] == detail(report) and second.redirect_chain[-1][0] == detail(report)
    assert "正在生成，以下为其进度" in second.content.decode()
    api = client.post(API, {"plan": "test-14", "as_of": as_of.isoformat()})
    assert api.status_code == 202 and api.json()["id"] == report.pk and api.json()["created"] is False


def test_a_future_date_is_refused_on_the_dashboard(client_for, plan, county_staff):
    import datetime

    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client_for(county_staff).post(NEW, {"as_of": future, "kind": "midterm"}, follow=True)
    assert response.redirect_chain[-1][0] == PLAN
    assert "未来" in response.content.decode() or "将来" in response.content.decode()
    assert not EvaluationReport.objects.exists()
    api = client_for(county_staff).post(API, {"plan": "test-14", "as_of": future})
    assert api.status_code == 400 and "as_of" in api.json()


def test_the_progress_fragment_polls_until_the_report_is_done(client_for, plan, as_of, county_staff, issued):
    queued = EvaluationReport.objects.create(
        plan=plan, as_of=as_of, kind="final", requested_by=county_staff, progress_done=3, progress_total=12
    )
    client = client_for(county_staff)
    fragment = client.get(detail(queued), headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="queued"' in fragment and 'hx-trigger="every 2s"' in fragment and "25%" in fragment
    assert "<html" not in fragment
    done = client.get(detail(issued), headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="done"' in done and "hx-trigger" not in done
    assert issued.sha256 in done and download(issued) in done


def test_a_failed_report_shows_its_error_and_no_download(client_for, plan, as_of, county_staff):
    failed = EvaluationReport.objects.create(
        plan=plan,
        as_of=as_of,
        requested_by=county_staff,
        status=ReportStatus.FAILED,
        message="失败，未出具文件。",
        error="RuntimeError: 附表数据损坏",
    )
    client = client_for(county_staff)
    page = client.get(detail(failed)).content.decode()
    assert "报告生成失败" in page and "附表数据损坏" in page and download(failed) not in page
    assert client.get(download(failed)).status_code == 404
    assert client.get(f"{API}{failed.pk}/download/").status_code == 404


def test_the_download_is_the_stored_pdf_with_its_hash(client_for, issued, county_leader):
    response = client_for(county_leader).get(download(issued))
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"] and ".pdf" in response["Content-Disposition"]
    assert response["X-Content-SHA256"] == issued.sha256
    api = client_for(county_leader).get(f"{API}{issued.pk}/download/")
    assert b"".join(api.streaming_content) == content


def test_the_list_shows_every_version_newest_first_within_a_query_budget(
    client_for, plan, as_of, county_staff, issued, django_assert_max_num_queries
):
    for version in range(2, 12):
        EvaluationReport.objects.create(
            plan=plan, as_of=as_of, requested_by=county_staff, version=version, status=ReportStatus.FAILED
        )
    client = client_for(county_staff)
    with django_assert_max_num_queries(12):
        page = client.get(LIST).content.decode()
    assert page.count("data-report=") == 11 and "第11版" in page and "第1版" in page
    assert page.index("第11版") < page.index("第1版<")
    with django_assert_max_num_queries(8):
        data = client.get(API).json()
    assert data["count"] == 11 and data["results"][-1]["sha256"] == issued.sha256
    assert data["results"][-1]["download_url"] == f"{API}{issued.pk}/download/"
