"""
The README and docs/ state what is true of the code: every `manage.py` command they show runs as
written, every `make` target exists, every path and link points at a file, and the configuration
table names exactly the variables the settings read.
"""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.test import TestCase, override_settings

from articles.models import Article, Person, Source

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP_LEVEL = ("articles/", "pagecache/", "kormex/", "templates/", "static/", "tests/", "bench/", "docs/", "locale/")

# Commands the docs show that a test cannot run as written, and why.
NOT_RUN = {
    "check": "make check runs it with production-like settings",
    "collectstatic": "make serve and the deployment run it; it writes the static root",
    "createsuperuser": "Django's own, interactive",
    "migrate": "the test database is migrated before any test runs",
}


def documents_text():
    return {path.relative_to(ROOT).as_posix(): path.read_text() for path in DOCUMENTS}


def code_spans(text):
    """Yield the text of each inline code span and each line of each fenced block."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)
    for block in blocks:
        yield from block.splitlines()
    for span in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        yield " ".join(span.split())


def documented_commands():
    """Return each `manage.py` invocation the docs show, as (document, argument list)."""
    found = []
    for name, text in documents_text().items():
        for span in code_spans(text):
            for invocation in re.findall(r"manage\.py ((?:(?!&&|manage\.py)[^`])+)", span):
                found.append((name, invocation.strip()))
    return found


def documented_make_targets():
    return {
        target
        for text in documents_text().values()
        for span in code_spans(text)
        for target in re.findall(r"\bmake ([a-z][a-z-]*)", span)
    }


class DocumentShapeTests(TestCase):
    def test_the_readme_is_an_entry_point_of_at_most_150_lines(self):
        lines = (ROOT / "README.md").read_text().splitlines()
        self.assertLessEqual(len(lines), 150)
        for heading in ("## The two commands", "## Architecture", "## Configuration", "## Roles", "## Documentation"):
            self.assertIn(heading, lines)

    def test_the_docs_do_not_narrate_history(self):
        for name, text in documents_text().items():
            for phrase in ("before/after", "since that change", "used to ", "no longer", "now renders", "went from"):
                self.assertNotIn(phrase, text.lower(), f"{name} narrates history: {phrase!r}")

    def test_every_make_target_shown_exists(self):
        makefile = (ROOT / "Makefile").read_text()
        targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
        shown = documented_make_targets()
        self.assertTrue({"run", "test"} <= shown)
        self.assertEqual(shown - targets, set())

    def test_every_local_link_and_path_exists(self):
        for name, text in documents_text().items():
            base = (ROOT / name).parent
            for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
                if not re.match(r"[a-z]+:", target):
                    self.assertTrue((base / target).exists(), f"{name} links to {target}, which does not exist")
            for span in code_spans(text):
                for token in span.split():
                    token = token.strip(".,;:()")
                    if token.startswith(TOP_LEVEL) and not re.search(r"[<>*…|{]", token):
                        self.assertTrue((ROOT / token).exists(), f"{name} names {token}, which does not exist")

    def test_the_configuration_table_names_what_the_settings_read(self):
        readme = (ROOT / "README.md").read_text()
        table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
        documented = set(re.findall(r"^\| `([A-Z_]+)`", table, flags=re.M))
        read = set()
        for source in (ROOT / "kormex" / "settings.py", ROOT / "gunicorn.conf.py"):
            text = source.read_text()
            read |= set(re.findall(r"""(?:environ\.get\(|environ\[|env_[a-z]+\(|env=)["']([A-Z_]+)["']""", text))
        self.assertEqual(documented - read, set(), "documented but never read")
        self.assertEqual(read - documented, set(), "read but undocumented")


class DocumentedCommandTests(TestCase):
    """Run each `manage.py` command the docs show, its placeholders filled in."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def fill(self, arguments, tmp):
        seed_text = ROOT / "articles" / "seed" / "el-economista-2024-10.txt"
        values = {
            "USERNAME": "docs-editor",
            "E": "docs-editor@example.org",
            "FILE": str(seed_text),
            "SLUG": Person.objects.order_by("pk").first().slug,
            "NAME": Source.objects.order_by("pk").first().name,
            "YYYY-MM-DD": "2024-10-01",
            "kormex.json.gz": str(tmp / "kormex.json.gz"),
            "kormex.tar.gz": str(tmp / "kormex.tar.gz"),
        }
        # An alternative (a|b) takes its first choice; an optional part ([--email E]) is kept.
        arguments = re.sub(r"\[([^\]]+)\]", r"\1", arguments)
        arguments = re.sub(r"(\S+)\|\S+", r"\1", arguments)
        return [values.get(word, word) for word in shlex.split(arguments)]

    @pytest.fixture(autouse=True)
    def temporary_directory(self, tmp_path, monkeypatch):
        self.tmp = tmp_path
        monkeypatch.setenv("KORMEX_STAFF_PASSWORD", "a long docs password 42")

    def test_every_documented_command_runs_as_written(self):
        commands = get_commands()
        ran = set()
        invocations = documented_commands()
        self.assertTrue(invocations)
        for document, invocation in invocations:
            name, *rest = self.fill(invocation, self.tmp)
            with self.subTest(document=document, command=invocation):
                self.assertIn(name, commands, f"{document} shows a command that does not exist")
                if name in NOT_RUN:
                    continue
                parser = load_command_class(commands[name], name).create_parser("manage.py", name)
                parser.parse_args(rest)
                if name == "create_staff":
                    # The same username twice is refused on purpose: each documented form gets its own user.
                    rest[0] = f"{rest[0]}-{len(ran)}"
                if name == "generate_demo":
                    rest = [*rest[:1], "3", *rest[2:]] if rest[:1] == ["--articles"] else rest
                    with override_settings(DEBUG=True):
                        call_command(name, *rest, verbosity=0)
                else:
                    call_command(name, *rest, verbosity=0)
                ran.add(name)
        self.assertTrue({"create_staff", "import_article", "load_seed", "backup", "restore"} <= ran)
        self.assertTrue(Article.objects.filter(title__icontains="FTA").exists())
