# Kormex: `make run` to serve the site locally, `make test` for the whole suite (what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

DEV_ENV := DJANGO_DEBUG=true
TEST_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=test-only-not-secret DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1 DJANGO_HTTPS=false
# Production-like settings for the deploy checks; the values only need to look like production's.
DEPLOY_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c 'from django.core.management.utils import get_random_secret_key as k; print(k() + k())') DJANGO_ALLOWED_HOSTS=kormex.example.org DJANGO_HTTPS=true
# `make serve` runs production settings on this machine: plain HTTP on 127.0.0.1, a local random key.
SERVE_ENV = DJANGO_DEBUG=false DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(VENV)/secret_key)}" DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" DJANGO_HTTPS="$${DJANGO_HTTPS:-false}"

.PHONY: install chromium run serve lint format check test test-sqlite test-postgres

$(VENV)/installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/installed

$(VENV)/secret_key: | $(VENV)/installed
	$(PY) -c 'from django.core.management.utils import get_random_secret_key as k; print(k())' > $@

# Browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seed
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

serve: install $(VENV)/secret_key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py load_seed
	$(SERVE_ENV) $(BIN)/gunicorn kormex.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile -

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) manage.py check
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: install chromium
	$(TEST_ENV) $(PY) -m pytest

test-postgres: install chromium
	$(TEST_ENV) DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest

test: lint check test-sqlite test-postgres
