FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . \
 && DJANGO_SETTINGS_MODULE=civilaffairs.settings.local python manage.py compilemessages --ignore=.venv -v0
# Static files are collected here, at build time, with the production settings (WhiteNoise's compressed manifest
# storage): /app stays root-owned and read-only for the runtime user, and gunicorn serves /static/ through
# WhiteNoise with DEBUG off. The values below exist only for this step (collectstatic touches neither the
# database nor the broker); the containers get the real ones from docker-compose.yml.
RUN DJANGO_SETTINGS_MODULE=civilaffairs.settings.production \
    DJANGO_SECRET_KEY=build-time-only-collectstatic-placeholder-never-served \
    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \
    REDIS_URL=redis://build-only:6379/0 \
    python manage.py collectstatic --noinput -v0
RUN useradd --create-home app && mkdir -p var/media && chown -R app var
USER app
ENV DJANGO_SETTINGS_MODULE=civilaffairs.settings.production
EXPOSE 8000
CMD ["gunicorn", "civilaffairs.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
