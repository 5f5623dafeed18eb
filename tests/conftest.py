import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Build the hashed static manifest that {% static %} needs with DEBUG off, as in production."""
    call_command("collectstatic", "--noinput", verbosity=0)
