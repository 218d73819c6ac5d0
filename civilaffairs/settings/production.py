"""Production: every secret comes from the environment, and the process refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import database_from_url, env

_missing = [name for name in ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL") if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings refuse to start: set " + ", ".join(_missing) + " in the environment "
        "(生产环境缺少必需的环境变量，拒绝启动)."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too short or a development key (密钥过短或为开发用密钥).")
DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
CELERY_BROKER_URL = env("REDIS_URL")

SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# gunicorn serves /static/ itself through WhiteNoise (DEBUG is off, and the docker stack has no separate web
# server): files collected at image build time, hashed names cached forever, gzip/brotli precompressed.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(STATIC_ROOT))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
