import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Build the hashed static manifest that {% static %} needs with DEBUG off, as in production."""
    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /es/ or /ko/ leaves its language active in the thread: start each test in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
