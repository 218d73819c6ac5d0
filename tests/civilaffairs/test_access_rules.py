"""Every URL declares an access rule, and every non-public one turns anonymous users away."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from civilaffairs.access import access_rule_of

# The Django admin enforces its own staff login; the admin's catch-all URLs are covered by that rule.
ADMIN_PREFIX = "admin/"
# The API's token endpoint is a login (credentials in, token out), throttled like the login page.
PUBLIC_URLS = {"login/", "health/", "api/core/token/"}


def iter_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def concrete_path(route: str) -> str:
    """Turn a route into a path a client can request (``<int:pk>`` → 1, regex groups → 1)."""
    path = re.sub(r"<(?:int:)?[a-z_]+>", "1", route)
    path = re.sub(r"<str:[a-z_]+>", "1", path)
    path = re.sub(r"<[a-z_]+:[a-z_]+>", "1", path)
    path = re.sub(r"\(\?P<format>[^)]*\)", "", path)
    path = re.sub(r"\(\?P<[a-z_]+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


def app_routes():
    return [(route, cb) for route, cb in iter_patterns() if not route.startswith(ADMIN_PREFIX)]


def test_every_url_declares_an_access_rule():
    missing = [route for route, callback in app_routes() if access_rule_of(callback) is None]
    assert missing == [], f"URLs without an access rule: {missing}"


def test_only_login_and_health_are_public():
    public = {route for route, callback in app_routes() if access_rule_of(callback) == "public"}
    assert public == PUBLIC_URLS


@pytest.mark.django_db
def test_anonymous_users_are_turned_away_everywhere_but_the_public_urls(client):
    let_through = []
    for route, _callback in app_routes():
        if route in PUBLIC_URLS:
            continue
        path = concrete_path(route)
        response = client.get(path)
        if response.status_code not in (301, 302, 401, 403, 404, 405):
            let_through.append((path, response.status_code))
        if response.status_code == 302:
            assert "/login/" in response["Location"], path
    assert let_through == []


@pytest.mark.django_db
def test_health_answers_without_login(client):
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_login_page_is_in_chinese(client):
    html = client.get("/login/").content.decode()
    assert "登录" in html and "用户名" in html and "密码" in html
