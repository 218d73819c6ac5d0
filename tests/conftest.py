"""Shared fixtures: a test county with townships A and B, and one user per role (three personas per page:
anonymous, no permission, in scope, other township — NetBox view tests, healthchecks' personas)."""

import os

import pytest
from django.test import Client

from civilaffairs.choices import Role
from tests.factories import PersonFactory, UserFactory, build_county


@pytest.fixture
def geo(db):
    return build_county()


@pytest.fixture
def township_a(geo):
    return geo["townships"][0]


@pytest.fixture
def township_b(geo):
    return geo["townships"][1]


@pytest.fixture
def village_a(geo, township_a):
    return geo["villages"][township_a.code][0]


@pytest.fixture
def village_b(geo, township_b):
    return geo["villages"][township_b.code][0]


@pytest.fixture
def caseworker_a(township_a):
    return UserFactory(username="cw_a", role=Role.CASEWORKER, jurisdiction=township_a)


@pytest.fixture
def reviewer_a(township_a):
    return UserFactory(username="rv_a", role=Role.REVIEWER, jurisdiction=township_a)


@pytest.fixture
def caseworker_b(township_b):
    return UserFactory(username="cw_b", role=Role.CASEWORKER, jurisdiction=township_b)


@pytest.fixture
def county_staff(geo):
    return UserFactory(username="staff", role=Role.COUNTY_STAFF, jurisdiction=geo["county"])


@pytest.fixture
def county_leader(geo):
    return UserFactory(username="leader", role=Role.COUNTY_LEADER, jurisdiction=geo["county"])


@pytest.fixture
def county_admin(geo):
    return UserFactory(username="admin1", role=Role.ADMIN, jurisdiction=geo["county"])


@pytest.fixture
def no_role_user(geo):
    """Logged in, in the county, but with no role: the "no permission" persona."""
    return UserFactory(username="nobody", role="", jurisdiction=geo["county"])


@pytest.fixture
def person_a(village_a):
    return PersonFactory(region=village_a, name="张甲")


@pytest.fixture
def person_b(village_b):
    return PersonFactory(region=village_b, name="李乙")


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def browser():
    """A real headless Chromium (Debian's) driven by Playwright."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}: run `make system-deps`")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()
        # With Playwright's loop running in this thread, Django keeps the connections of fixtures created during
        # the test in a context of their own; close them here, or PostgreSQL cannot drop the test database.
        from django.db import connections

        connections.close_all()
