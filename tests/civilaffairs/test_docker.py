"""The docker stack as written can start: services, their environment, static files served by gunicorn.

Docker itself is not available where the suite runs; these tests read docker-compose.yml and the Dockerfile,
and run the production settings' static pipeline (collectstatic + WhiteNoise) the way the image build does.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")
REQUIRED_ENV = ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def command_of(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_compose_has_the_five_services(compose):
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    assert "gunicorn" in command_of(services["web"])
    assert "celery" in command_of(services["worker"]) and " worker" in command_of(services["worker"])
    assert "celery" in command_of(services["beat"]) and " beat" in command_of(services["beat"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_what_production_settings_require(compose, name):
    service = compose["services"][name]
    env = service["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "civilaffairs.settings.production"
    missing = [var for var in REQUIRED_ENV if not env.get(var)]
    assert missing == [], f"{name} lacks {missing}"
    assert "@postgres:" in env["DATABASE_URL"] and "redis://redis:" in env["REDIS_URL"]


def test_migrations_run_once_before_the_app_starts(compose):
    services = compose["services"]
    migrating = [name for name, service in services.items() if "manage.py migrate" in command_of(service)]
    assert len(migrating) == 1, migrating
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends[migrating[0]]["condition"] == "service_completed_successfully", name


def test_web_is_healthchecked_on_health(compose):
    test = compose["services"]["web"]["healthcheck"]["test"]
    script = ROOT / test[-1]
    assert script.exists() and "/health/" in script.read_text()


def test_beat_uses_the_schedulers_the_settings_name(compose, settings):
    assert settings.CELERY_BEAT_SCHEDULER in command_of(compose["services"]["beat"])


def test_static_files_are_collected_at_build_time_not_at_start(compose, dockerfile):
    # The runtime user cannot write /app: collectstatic at container start fails and gunicorn never runs.
    runs = re.findall(r"^RUN (?:.*\\\n)*.*$", dockerfile, flags=re.MULTILINE)
    assert any("collectstatic" in run for run in runs)
    assert dockerfile.index("collectstatic") < dockerfile.index("USER app")
    assert not any("collectstatic" in command_of(service) for service in compose["services"].values())


def test_production_serves_static_files_through_whitenoise(tmp_path):
    """What the image build and gunicorn do: collect with the production storage, then serve /static/ with
    DEBUG off (the hashed name the templates link to, and the vendored asset by its plain name)."""
    script = """
import django
from django.core.management import call_command
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
from django.test import Client
from django.templatetags.static import static
client = Client()
hashed = static("vendor/htmx/htmx.min.js")
assert hashed != "/static/vendor/htmx/htmx.min.js", hashed
for url in (hashed, "/static/vendor/bootstrap/bootstrap.min.css", "/static/admin/css/base.css"):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    response.close()
print("ok")
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "civilaffairs.settings.production",
        "DJANGO_SECRET_KEY": "t" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_DEBUG": "false",
    }
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


def test_healthcheck_script_sends_an_allowed_host():
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": ".mzj.example.gov.cn,localhost"}
    code = "import runpy; m = runpy.run_path('scripts/healthcheck.py'); print(m['host_header']())"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "mzj.example.gov.cn"
