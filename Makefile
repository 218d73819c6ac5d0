# Quick start: `make demo` (site on http://127.0.0.1:8000 with demo data) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-deps demo test test-fast bench lint messages check-messages clean-demo worker

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Debian packages: Chromium for browser tests, CJK fonts + HarfBuzz subsetting + Pango for WeasyPrint PDFs,
# poppler-utils to read PDFs back in tests, gettext for the translation catalogues.
system-deps:
	@scripts/system-deps.sh

demo: install system-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py seed_demo
	@scripts/run-demo.sh $(HOST) $(PORT)

test: install system-deps
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	DJANGO_SETTINGS_MODULE=civilaffairs.settings.test $(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	DJANGO_SETTINGS_MODULE=civilaffairs.settings.test $(BIN)/pytest -m "not browser and not worker" -x -q $(PYTEST_ARGS)

bench: install
	DJANGO_SETTINGS_MODULE=civilaffairs.settings.local $(BIN)/python manage.py bench $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

worker: install
	$(BIN)/celery -A civilaffairs worker -B -l info --concurrency 2

clean-demo:
	rm -rf var/demo.sqlite3* var/broker var/media
