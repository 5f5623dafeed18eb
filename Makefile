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

.PHONY: install card-font test-tools bench-tools run serve lint format check messages test test-sqlite test-postgres bench bench-importer bench-suggestions bench-admin bench-admin-lists bench-search bench-facets loadtest

$(VENV)/installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The share cards' font (docs/cards.md): Debian's fonts-noto-cjk, installed when the font file named
# by KORMEX_CARD_FONT (default: Noto Sans CJK) is missing (needs root for apt-get).
CARD_FONT := $${KORMEX_CARD_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
card-font:
	@[ -f "$(CARD_FONT)" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }

install: $(VENV)/installed card-font

$(VENV)/secret_key: | $(VENV)/installed
	$(PY) -c 'from django.core.management.utils import get_random_secret_key as k; print(k())' > $@

# The tests need Debian packages: Chromium for the browser tests, gettext (xgettext, msgmerge,
# msgfmt) for the check that the translation catalogues match the source. Install what is missing.
DEBIAN_TEST_PACKAGES = $$(command -v chromium >/dev/null || echo chromium) $$(command -v msgfmt >/dev/null || echo gettext)
test-tools:
	@packages="$(DEBIAN_TEST_PACKAGES)"; [ -z "$$(echo $$packages)" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$packages >/dev/null; }

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seed
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

serve: install $(VENV)/secret_key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py load_seed
	$(SERVE_ENV) $(BIN)/gunicorn --config gunicorn.conf.py

# ruff, then the import contracts in pyproject.toml (the direction of every import, no circle).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Bring the Spanish and Korean catalogues up to date with the source, then compile them: translate
# what is new in locale/*/LC_MESSAGES/django.po (no entry may stay empty or fuzzy) and commit both files.
MAKEMESSAGES_OPTIONS := --locale es --locale ko --add-location file --ignore staticfiles
messages: install test-tools
	$(DEV_ENV) $(PY) manage.py makemessages $(MAKEMESSAGES_OPTIONS) --no-obsolete
	$(DEV_ENV) $(PY) manage.py compilemessages --locale es --locale ko --ignore '.*' --ignore staticfiles

check: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) manage.py check
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# pytest-xdist runs the suite in one process a core, each with its own test database (pytest-django
# names them per worker) and, on Redis, its own cache key prefix (tests/conftest.py). --dist loadscope
# keeps each test class on one worker, so its setUpTestData runs once; --no-loadscope-reorder keeps
# pytest-django's order on each worker (TestCase classes before the transactional tests, whose flush
# empties the groups and other rows the data migrations made).
PYTEST := $(PY) -m pytest -n auto --dist loadscope --no-loadscope-reorder
test-sqlite: install test-tools
	$(TEST_ENV) $(PYTEST)

test-postgres: install test-tools
	$(TEST_ENV) DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(PYTEST)

test: lint check test-sqlite test-postgres

# The benchmark and the load test drive gunicorn with wrk (Debian package wrk): install it if it is missing.
bench-tools:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# Production settings under gunicorn on 127.0.0.1, over the seed alone and with generate_demo's 200, 2,000 and
# 20,000 interviews, on scratch SQLite files and then on PostgreSQL and Redis (BENCH_DATABASE_URL dropped and
# created again, BENCH_REDIS_URL emptied, for each size): one table a database of requests/s, render time,
# queries and worker memory against the targets (docs/performance.md). BENCH_OPTIONS passes options, e.g.
# --databases sqlite, --sizes seed,200 or --seconds 10.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kormex_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/2
bench: install bench-tools
	$(PY) -m bench.run --database-url $(BENCH_DATABASE_URL) --redis-url $(BENCH_REDIS_URL) $(BENCH_OPTIONS)

# 30 s of 64 connections on 127.0.0.1 across public pages, on scratch PostgreSQL and Redis databases (dropped
# and emptied first); fails on any answer other than 2xx/3xx and on any socket error.
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kormex_loadtest
LOADTEST_REDIS_URL ?= redis://127.0.0.1:6379/14
# The interview importer on texts as large as an import may be, one row a text (docs/performance.md); then the
# Suggest facts page of a 150-pair interview (900 suggestions) rendered and accepted in full, in a scratch SQLite file.
bench-importer: install
	$(DEV_ENV) $(PY) -m bench.import_texts
	$(DEV_ENV) $(PY) -m bench.suggest_page

# Precision and recall of the fact suggester on the importer corpus (tests/importer_corpus), per text, per
# language and overall. BENCH_OPTIONS=--parse suggests from the importer's own reading of each text.
bench-suggestions: install
	$(DEV_ENV) $(PY) -m bench.suggestions $(BENCH_OPTIONS)

# The article change page of an interview of 300 pairs and 900 facts and of a 12-pair one, opened and saved
# in-process with production settings in a scratch SQLite database; BENCH_ADMIN_OPTIONS passes options, e.g.
# --database-url postgres://postgres@127.0.0.1:5432/kormex_bench_admin
bench-admin: install
	$(PY) -m bench.admin $(BENCH_ADMIN_OPTIONS)

# Every admin changelist (unfiltered, through each sidebar filter, searched) and every autocomplete, in-process with
# production settings over generate_demo's interviews in a scratch SQLite file: time, queries and filter options;
# BENCH_ADMIN_LISTS_OPTIONS passes options, e.g. --articles 20000 --database-url postgres://postgres@127.0.0.1:5432/kormex_bench_admin
# (dropped and created again), --existing to measure that database as it is, --search korean to search every list for a word too.
bench-admin-lists: install
	$(PY) -m bench.admin_lists $(BENCH_ADMIN_LISTS_OPTIONS)

# The reader search over 1,000 interviews with 1,000 Spanish and 1,000 Korean translations, in a scratch SQLite
# file: index rebuild, page times per language, Korean words by syllable pairs and by ILIKE (docs/search.md);
# BENCH_SEARCH_OPTIONS passes options, e.g. --database-url postgres://postgres@127.0.0.1:5432/kormex_bench_search
# (dropped and created again; pg_trgm is compared there when the extension is available).
bench-search: install
	$(PY) -m bench.search $(BENCH_SEARCH_OPTIONS)

# The facet index over generate_demo's interviews in a scratch SQLite file: its build time, size and load time;
# the faceted pages with it and while it is missing; bitmaps against summary tables (docs/facets.md);
# BENCH_FACETS_OPTIONS passes options, e.g. --articles 20000 --database-url postgres://postgres@127.0.0.1:5432/kormex_bench_facets
# (dropped and created again), or --existing to measure that database as it is.
bench-facets: install
	$(PY) -m bench.facets $(BENCH_FACETS_OPTIONS)

loadtest: install bench-tools
	$(PY) -m bench.loadtest --database-url $(LOADTEST_DATABASE_URL) --redis-url $(LOADTEST_REDIS_URL)
