from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory, worker_id):
    """
    Give the suite a cache of its own: files apart from those of a server running from this
    checkout; on Redis, one database per pytest-xdist worker (the URL's database, then the ones
    below it), as each test empties the cache it uses.
    """
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("FileBasedCache"):
        location = str(tmp_path_factory.mktemp("cache"))
    else:
        url = urlsplit(default["LOCATION"])
        database = int(url.path.strip("/") or 0) - (0 if worker_id == "master" else int(worker_id.removeprefix("gw")))
        location = urlunsplit(url._replace(path=f"/{database}"))
    with override_settings(CACHES={"default": {**default, "LOCATION": location}}):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with an empty cache: the database is rolled back, so cached pages are stale."""
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """
    Build the hashed static manifest that {% static %} needs with DEBUG off, as in production, in
    a directory of this run's own: a run collecting into the checkout's staticfiles/ replaced the
    files another run (or a server from this checkout) was serving.
    """
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /es/ or /ko/ leaves its language active in the thread: start each test in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
