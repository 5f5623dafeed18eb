import json
import logging
import os
import subprocess
import sys
from io import StringIO

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase


class MigrationTests(TestCase):
    def test_no_model_change_lacks_a_migration(self):
        out = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
        self.assertIn("No changes detected", out.getvalue())


def settings_error(**env):
    """Import the settings in a fresh interpreter with `env` and return what it printed on failure."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", "import kormex.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stderr


class SettingsTests(SimpleTestCase):
    def test_production_settings_refuse_to_start_without_a_secret_key(self):
        code, err = settings_error(DJANGO_ALLOWED_HOSTS="example.org")
        self.assertNotEqual(code, 0)
        self.assertIn("Set DJANGO_SECRET_KEY", err)

    def test_production_settings_refuse_to_start_without_allowed_hosts(self):
        code, err = settings_error(DJANGO_SECRET_KEY="x" * 50)
        self.assertNotEqual(code, 0)
        self.assertIn("Set DJANGO_ALLOWED_HOSTS", err)

    def test_unclear_booleans_are_refused(self):
        code, err = settings_error(DJANGO_DEBUG="maybe")
        self.assertNotEqual(code, 0)
        self.assertIn("DJANGO_DEBUG must be true or false", err)

    def test_development_settings_start_without_configuration(self):
        self.assertEqual(settings_error(DJANGO_DEBUG="true"), (0, ""))


class LoggingTests(SimpleTestCase):
    def test_logs_are_one_json_object_a_line(self):
        handler = logging.getLogger().handlers[0]
        record = logging.LogRecord("kormex", logging.WARNING, __file__, 1, "Saved %s", ("x",), None)
        entry = json.loads(handler.format(record))
        self.assertEqual((entry["level"], entry["logger"], entry["message"]), ("WARNING", "kormex", "Saved x"))
