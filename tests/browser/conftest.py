"""
Fixtures for the real-browser tests: a live server that serves the collected, hashed static
files as production does, one Chromium for the package, and a fresh context per test.
"""

import importlib
import os
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# How long an action or navigation may take: a restore of the seed interview, under a CI machine's
# full load, has taken more than 10 seconds.
TIMEOUT_MS = 30_000


def let_whitenoise_serve(application):
    """Wrap nothing: leave /static/ requests to the WhiteNoiseMiddleware of `application`."""
    return application


@pytest.fixture(scope="session")
def live_server(request, collected_static):
    """
    pytest-django's live server, minus its static-files handler.

    That handler serves /static/ through the staticfiles finders, which know only the source
    names (css/site.css), while with DEBUG off {% static %} renders the hashed names of the
    manifest (css/site.ef49ab7a3962.css): every stylesheet request got a 404 and the pages were
    tested unstyled. Without it the requests reach WhiteNoiseMiddleware, which serves
    STATIC_ROOT (filled by the `collected_static` fixture before the server starts) exactly as
    in production.
    """
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(addr, start=False)
    server.thread.static_handler = let_whitenoise_serve
    server.start()
    yield server
    server.stop()


@pytest.fixture
def seed(live_server, transactional_db):
    """
    Load the curated seed content where the live server's requests can see it. Each live-server
    test empties the database, which then gets new content types: forget the cached ones, or
    the history that loading records points at types that no longer exist.
    """
    ContentType.objects.clear_cache()
    call_command("load_seed", stdout=StringIO())


@pytest.fixture
def roles(transactional_db):
    """
    Create the Contributor and Editor groups again: they come from data migrations, and the
    live-server tests empty the database after each test.
    """
    importlib.import_module("articles.migrations.0003_editorial_roles").create_roles(apps, None)
    importlib.import_module("articles.migrations.0004_theme_tools").grant_editors(apps, None)
    importlib.import_module("articles.migrations.0015_translations_share_claims").grant_roles(apps, None)
    importlib.import_module("articles.migrations.0022_pictures").grant_roles(apps, None)


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """
    Let the browser tests use the ORM while Playwright runs.

    Playwright's sync API runs an asyncio event loop in the test thread for as long as it is
    started, so Django believes the ORM is called from async code and raises
    SynchronousOnlyOperation (in the seed fixture, in the tests' own queries, in the database
    flush after each test). Those calls are in fact synchronous and never run inside the loop,
    so allowing them is safe. The setting is undone after this package, so the rest of the
    suite keeps Django's check.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(allow_orm_beside_playwright):
    """One Chromium for the browser tests, stopped (with Playwright's loop) once they are done."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Return a function opening a page in a fresh browser context (options as for new_context)."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
