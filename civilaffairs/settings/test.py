"""Settings for the test suite: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI), else embedded."""

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_url, env

DEBUG = False
SECRET_KEY = "test-only-key"
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": database_from_url(env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'test.sqlite3'}"))}
# Live-server and worker threads must not keep connections open past their request, or PostgreSQL refuses to
# drop the test database at the end of the run ("being accessed by other users").
DATABASES["default"]["CONN_MAX_AGE"] = 0
if env("TEST_DATABASE_NAME", default=""):
    # Lets several suites share one PostgreSQL server without clobbering each other's test database.
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_BROKER_URL = env("REDIS_URL", default="memory://")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = str(VAR_DIR / "test-media")
AXES_FAILURE_LIMIT = 5
