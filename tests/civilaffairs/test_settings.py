import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_production(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "civilaffairs.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_production({"DATABASE_URL": "postgres://x@127.0.0.1/x", "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_database_and_broker():
    result = run_production({"DJANGO_SECRET_KEY": "k" * 50})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "REDIS_URL" in result.stderr


def test_production_refuses_a_development_key():
    result = run_production(
        {
            "DJANGO_SECRET_KEY": "insecure-local-demo-key-do-not-use-in-production",
            "DATABASE_URL": "postgres://x@127.0.0.1/x",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        }
    )
    assert result.returncode != 0


def test_production_starts_with_its_secrets():
    result = run_production(
        {
            "DJANGO_SECRET_KEY": "k" * 50,
            "DATABASE_URL": "postgres://x@127.0.0.1/x",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        }
    )
    assert result.returncode == 0, result.stderr


def test_site_defaults_to_chinese_and_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
