import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def private_cache_files(tmp_path_factory):
    """Keep the suite's file cache apart from that of a server running from this checkout."""
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("FileBasedCache"):
        with override_settings(CACHES={"default": {**default, "LOCATION": str(tmp_path_factory.mktemp("cache"))}}):
            yield
    else:
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
