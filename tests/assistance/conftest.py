"""Assistance fixtures: 奉节's 2020 standards on the test county, and reviewers of either level."""

import pytest

from civilaffairs.choices import Role
from tests.assistance.factories import make_household, standards_2020
from tests.factories import UserFactory


@pytest.fixture
def standards(geo):
    return standards_2020(geo["county"])


@pytest.fixture
def reviewer_a2(township_a):
    return UserFactory(username="rv_a2", role=Role.REVIEWER, jurisdiction=township_a)


@pytest.fixture
def reviewer_b(township_b):
    return UserFactory(username="rv_b", role=Role.REVIEWER, jurisdiction=township_b)


@pytest.fixture
def county_staff2(geo):
    return UserFactory(username="staff2", role=Role.COUNTY_STAFF, jurisdiction=geo["county"])


@pytest.fixture
def poor_household(village_a, standards):
    """Three members in a rural village earning 600 + 300 + 0 a month: 300 per person, below 496."""
    return make_household(village_a, ["600", "300", "0"], names=["张大山", "张小河", "张小溪"])


@pytest.fixture
def household_b(village_b, standards):
    return make_household(village_b, ["200", "0"], names=["李乙甲", "李乙乙"])


@pytest.fixture
def celery_worker_running():
    """A real Celery worker thread on the project's app (broker from settings), stopped after the test; its
    database connection is closed after each task so PostgreSQL can drop the test database."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from civilaffairs.celery import app

    def close_connection(**kwargs):
        from django.db import connection

        connection.close()

    app.loader.import_default_modules()
    task_postrun.connect(close_connection, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1, shutdown_timeout=30) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connection)
