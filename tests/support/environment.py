"""Settings as kormex/settings.py computes them from an environment, in a fresh interpreter."""

import json
import os
import subprocess
import sys

from django.conf import settings

BASE_DIR = settings.BASE_DIR
# A production-like environment: what the deploy checks and the HTTPS settings are run under.
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-" + "k" * 40 + "-0123456789!@#$%^&*(",
    "DJANGO_ALLOWED_HOSTS": "kormex.example.org",
    "DJANGO_HTTPS": "true",
}


def run_python(*args, **env):
    """Run this interpreter with `args` in the project, with the DJANGO_* environment replaced by `env`."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True, check=False
    )


def settings_under(env, names):
    """Return the settings `names` as kormex/settings.py computes them with environment `env`."""
    code = f"import json, kormex.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    result = run_python("-c", code, **env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    return {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
