"""Embedded defaults for the demo and for development: an SQLite file and a broker on the file system.

Every value can still be overridden from the environment (DATABASE_URL, REDIS_URL, ...).
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_url, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A development-only key: production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-demo-key-do-not-use-in-production")

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": database_from_url(env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'demo.sqlite3'}"))}

# Without Redis, long jobs still run: kombu's file-system transport is an embedded broker, and `make demo`
# starts a worker beside the web server.
if not CELERY_BROKER_URL:  # noqa: F405
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "data_folder_processed": str(_broker_dir / "processed"),
    }
