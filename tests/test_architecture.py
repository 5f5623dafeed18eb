"""
The shape of the code, read from its syntax tree: every import, those inside functions too, goes
one way (the contracts in pyproject.toml, run by `make lint`, say the same with import-linter), and
no module grows past what a reader takes in at once.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["articles", "pagecache", "kormex"]
MAX_LINES = 400


def modules():
    """Yield (dotted name, path) of every Python module of the project's packages, migrations aside."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                yield name.removesuffix(".__init__"), path


def imports(package, source):
    """Return the absolute names of what `source`, a module of `package`, imports anywhere in its body."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in [base, node.module] if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def within(module, *packages):
    return any(module == package or module.startswith(package + ".") for package in packages)


class ImportTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.graph = {
            name: imports(name if path.name == "__init__.py" else name.rpartition(".")[0], path.read_text())
            for name, path in modules()
        }

    def offenders(self, importers, imported):
        return sorted(
            f"{name} imports {module}"
            for name, found in self.graph.items()
            if within(name, *importers)
            for module in found
            if within(module, *imported)
        )

    def test_the_models_import_no_page_cache_service_query_or_screen(self):
        forbidden = ["pagecache", "articles.services", "articles.queries", "articles.admin", "articles.views"]
        self.assertEqual(self.offenders(["articles.models"], forbidden), [])

    def test_the_app_and_the_page_cache_never_import_the_project_package(self):
        self.assertEqual(self.offenders(["articles", "pagecache"], ["kormex"]), [])

    def test_the_app_never_imports_the_page_cache(self):
        self.assertEqual(self.offenders(["articles"], ["pagecache"]), [])

    def test_no_view_module_imports_another(self):
        views = [name for name in self.graph if name.startswith("articles.views.")]
        offenders = [
            f"{name} imports {module}"
            for name in views
            for module in self.graph[name]
            if module != name and any(within(module, view) for view in views)
        ]
        self.assertEqual(offenders, [])

    def test_the_project_package_holds_wiring_only(self):
        self.assertEqual(
            sorted(path.name for path in (ROOT / "kormex").glob("*.py")),
            ["__init__.py", "asgi.py", "settings.py", "urls.py", "wsgi.py"],
        )

    def test_imports_inside_functions_and_relative_ones_are_seen(self):
        source = "import json\n\ndef f():\n    from pagecache import versions\n    from ..queries import published\n"
        self.assertEqual(
            imports("articles.models", source),
            {"json", "pagecache", "pagecache.versions", "articles.queries", "articles.queries.published"},
        )


class ModuleSizeTests(SimpleTestCase):
    def test_no_module_is_longer_than_the_limit(self):
        long = {name: lines for name, path in modules() if (lines := len(path.read_text().splitlines())) > MAX_LINES}
        self.assertEqual(long, {})


class TestSupportTests(SimpleTestCase):
    def test_test_modules_share_helpers_through_the_support_package_only(self):
        tests = Path(__file__).parent
        offenders = []
        for path in sorted(tests.rglob("*.py")):
            name = ".".join(path.relative_to(tests.parent).with_suffix("").parts)
            package = name if path.name == "__init__.py" else name.rpartition(".")[0]
            for module in imports(package, path.read_text()):
                if module.startswith("tests.") and module.rpartition(".")[2].startswith("test_"):
                    offenders.append(f"{name} imports {module}")
        self.assertEqual(offenders, [])
