"""
Every migration of the articles app applies and reverses, on SQLite and on PostgreSQL, whatever
migrations there are: the data migrations undo what they did, and the walk ends where it began.
"""

import importlib

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import TransactionTestCase

APP = "articles"
ROLES = importlib.import_module("articles.migrations.0003_editorial_roles")
SEARCH_INDEXES = [name for _, name, _, _ in importlib.import_module("articles.migrations.0006_search_index").INDEXES]
SEED_TRANSLATIONS = importlib.import_module("articles.migrations.0008_seed_theme_translations").SEED_THEME_TRANSLATIONS
STORED_SEARCH = "0010_search_documents"
SEARCH_DOCUMENTS = importlib.import_module(f"articles.migrations.{STORED_SEARCH}")
SEARCH_ENTRIES = "0017_search_entries"
WORDS = importlib.import_module("articles.migrations.0024_search_entry_words")
# SQLite's full-text index (0024): its table, and the tables FTS5 keeps it in.
SQLITE_WORDS_TABLES = {
    WORDS.WORDS: sorted(WORDS.COLUMNS.split(", ")),
    f"{WORDS.WORDS}_config": ["k", "v"],
    f"{WORDS.WORDS}_data": ["block", "id"],
    f"{WORDS.WORDS}_docsize": ["id", "sz"],
    f"{WORDS.WORDS}_idx": ["pgno", "segid", "term"],
}
TRANSLATED_FIELDS = [f"{field}_{code}" for code in ["es", "ko"] for field in ["name", "slug", "description"]]


def app_migrations():
    """Return the names of the app's migrations in the order they apply."""
    graph = MigrationExecutor(connection).loader.graph
    (leaf,) = graph.leaf_nodes(APP)
    return [name for app, name in graph.forwards_plan(leaf) if app == APP]


def migrate(name):
    """Migrate the app (and whatever depends on it) to migration `name`, None for none; return the models."""
    return MigrationExecutor(connection).migrate([(APP, name)]).apps


def schema():
    """Return every table of the database with its columns and the names of its constraints and indexes."""
    with connection.cursor() as cursor:
        return {
            table: (
                sorted(column.name for column in connection.introspection.get_table_description(cursor, table)),
                sorted(connection.introspection.get_constraints(cursor, table)),
            )
            for table in connection.introspection.table_names(cursor)
            if table != "django_migrations"
        }


def snapshot():
    """
    Return the schema, every row of every table (but the migration records) and the groups with
    their permissions, by name: a group made again gets another id.
    """
    rows = {}
    with connection.cursor() as cursor:
        for table in set(schema()) - {Group._meta.db_table, Group.permissions.through._meta.db_table}:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(map(repr, cursor.fetchall()))
    groups = Group.objects.values_list("name", "permissions__content_type__app_label", "permissions__codename")
    return schema(), rows, sorted(groups, key=repr)


def expected_tables(apps):
    """
    Return each table the app's models of `apps` need, with its columns, and on PostgreSQL the
    stored search vectors once 0010 has applied, until 0017 stores them in the search index's
    `document` instead: they are columns of the database, not fields; on SQLite the full-text
    index of search entries once 0024 has applied.
    """
    tables = {}
    for model in apps.get_app_config(APP).get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = [field.column for field in model._meta.local_concrete_fields]
    applied = MigrationRecorder(connection).applied_migrations()
    if connection.vendor == "postgresql" and (APP, SEARCH_ENTRIES) in applied:
        tables["articles_searchentry"].append("document")
    elif connection.vendor == "postgresql" and (APP, STORED_SEARCH) in applied:
        for model_name, *_ in SEARCH_DOCUMENTS.DOCUMENTS:
            tables[apps.get_model(APP, model_name)._meta.db_table].append(SEARCH_DOCUMENTS.COLUMN)
    if connection.vendor == "sqlite" and (APP, WORDS.__name__.rpartition(".")[2]) in applied:
        tables.update(SQLITE_WORDS_TABLES)
    return {table: sorted(columns) for table, columns in tables.items()}


class MigrationTests(TransactionTestCase):
    def assertSchemaMatches(self, apps, name):
        """Assert that the app's tables, columns, constraints and indexes are those of its models in `apps`."""
        found = schema()
        expected = expected_tables(apps)
        self.assertEqual(
            {table: columns for table, (columns, _) in found.items() if table.startswith(f"{APP}_")},
            expected,
            f"tables and columns after {name}",
        )
        for model in apps.get_app_config(APP).get_models():
            declared = {item.name for item in [*model._meta.constraints, *model._meta.indexes]}
            self.assertLessEqual(declared, set(found[model._meta.db_table][1]), f"{model.__name__} after {name}")

    def assertAppliedEffects(self, apps, name):
        """Assert what the data migration `name` (if it is one) did."""
        Group = apps.get_model("auth", "Group")
        if name == "0003_editorial_roles":
            self.assertEqual(
                set(Group.objects.get(name="Contributor").permissions.values_list("codename", flat=True)),
                set(ROLES.CONTRIBUTOR["articles"]),
            )
            self.assertTrue(Group.objects.get(name="Editor").permissions.filter(codename="publish_article").exists())
        elif name == "0004_theme_tools":
            editor = Group.objects.get(name="Editor")
            for model in ["thememerge", "themeredirect"]:
                self.assertTrue(editor.permissions.filter(codename=f"delete_{model}").exists())
        elif name == "0006_search_index":
            indexes = {index for _, constraints in schema().values() for index in constraints}
            expected = set(SEARCH_INDEXES) if connection.vendor == "postgresql" else set()
            self.assertEqual(set(SEARCH_INDEXES) & indexes, expected)
        elif name == "0008_seed_theme_translations":
            Theme = apps.get_model(APP, "Theme")
            trade = Theme.objects.get(slug="trade-and-the-fta")
            self.assertEqual(
                {field: getattr(trade, field) for field in TRANSLATED_FIELDS},
                {field: SEED_TRANSLATIONS["trade-and-the-fta"][field] for field in TRANSLATED_FIELDS},
            )
            culture = Theme.objects.get(slug="culture")
            self.assertEqual((culture.name_es, culture.slug_es), ("Cultura", "cultura"), "an editor's own is kept")
            self.assertEqual(culture.name_ko, SEED_TRANSLATIONS["culture"]["name_ko"])

    def prepare(self, apps, name):
        """Give the data migration `name` (if it is one) something to work on."""
        if name == "0008_seed_theme_translations":
            Theme = apps.get_model(APP, "Theme")
            Theme.objects.create(name="Trade and the FTA", slug="trade-and-the-fta")
            Theme.objects.create(name="Culture", slug="culture", name_es="Cultura", slug_es="cultura")

    def test_every_migration_reverses_to_exactly_the_state_before_it(self):
        names = app_migrations()
        self.addCleanup(migrate, names[-1])
        self.assertEqual(names[0], "0001_initial")

        previous_apps = migrate(None)
        self.assertEqual([table for table in schema() if table.startswith(f"{APP}_")], [])
        self.assertFalse(Group.objects.exists())

        previous = None
        for name in names:
            with self.subTest(name):
                self.prepare(previous_apps, name)
                before = snapshot()
                apps = migrate(name)
                self.assertSchemaMatches(apps, name)
                self.assertAppliedEffects(apps, name)
                applied = snapshot()

                migrate(previous)
                self.assertEqual(snapshot(), before, f"reversing {name} left the database changed")
                previous_apps = migrate(name)
                self.assertEqual(snapshot(), applied, f"applying {name} again gave another result")
            previous = name

    def test_reversing_everything_and_migrating_again_restores_the_schema_and_the_roles(self):
        """Other tests rely on the groups 0003 makes: migrating forward again recreates them."""
        names = app_migrations()
        self.addCleanup(migrate, names[-1])
        found = schema()
        migrate(None)
        apps = migrate(names[-1])
        self.assertEqual(schema(), found)
        self.assertSchemaMatches(apps, names[-1])
        Group = apps.get_model("auth", "Group")
        self.assertEqual(set(Group.objects.values_list("name", flat=True)), {"Contributor", "Editor"})
        editor = Group.objects.get(name="Editor")
        # The search index (SearchEntry) is made from the content, never edited: it has no permissions.
        for model in (model for model in apps.get_app_config(APP).get_models() if model._meta.default_permissions):
            with self.subTest(model._meta.model_name):
                codename = f"change_{model._meta.model_name}"
                self.assertTrue(editor.permissions.filter(codename=codename).exists(), codename)


class TranslationsShareClaimsMigrationTests(TransactionTestCase):
    """0015 turns a translation's own facts into wordings of its original's claims, and back."""

    BEFORE, AFTER = "0014_translations_aligned", "0015_translations_share_claims"

    def test_a_translations_facts_become_wordings_and_come_back(self):
        names = app_migrations()
        self.addCleanup(migrate, names[-1])
        apps = migrate(self.BEFORE)
        Article, QAPair, Fact = (apps.get_model(APP, name) for name in ("Article", "QAPair", "Fact"))
        Theme, TaggedFact, TaggedArticle = (
            apps.get_model(APP, name) for name in ("Theme", "TaggedFact", "TaggedArticle")
        )
        trade = Theme.objects.create(name="Trade", slug="trade")
        original = Article.objects.create(title="Trade", slug="trade", language="en")
        pair = QAPair.objects.create(
            article=original, position=1, anchor="trade", prompt="Trade?", answer="It is $2 billion."
        )
        claim = Fact.objects.create(
            article=original, pair=pair, statement="Trade.", quote="$2 billion", value=2, unit="USD"
        )
        spanish = Article.objects.create(title="Comercio", slug="comercio", language="es", translation_of=original)
        TaggedArticle.objects.create(content_object=spanish, tag=trade)
        translated = QAPair.objects.create(
            article=spanish, position=1, anchor="comercio", prompt="¿Y?", answer="Son 2 mil millones."
        )
        own = Fact.objects.create(
            article=spanish, pair=translated, statement="Comercio.", quote="2 mil millones", value=2, unit="USD"
        )
        TaggedFact.objects.create(content_object=own, tag=trade)
        lone = Fact.objects.create(article=spanish, pair=translated, statement="Otro.", quote="Son", value=None)

        apps = migrate(self.AFTER)
        Fact, FactWording, QAPair = (apps.get_model(APP, name) for name in ("Fact", "FactWording", "QAPair"))
        wording = FactWording.objects.get()
        self.assertEqual((wording.article_id, wording.fact_id), (spanish.pk, claim.pk))
        self.assertEqual((wording.statement, wording.quote), ("Comercio.", "2 mil millones"))
        self.assertEqual(sorted(Fact.objects.values_list("pk", flat=True)), sorted([claim.pk, lone.pk]))
        tags = apps.get_model(APP, "TaggedFact").objects.filter(content_object=claim.pk)
        self.assertEqual(list(tags.values_list("tag__name", flat=True)), ["Trade"])
        aligned = QAPair.objects.get(pk=translated.pk)
        self.assertEqual((aligned.original_id, aligned.anchor), (pair.pk, "trade"))
        self.assertFalse(apps.get_model(APP, "TaggedArticle").objects.filter(content_object=spanish.pk).exists())
        self.assertTrue(apps.get_model(APP, "TaggedArticle").objects.filter(content_object=original.pk).exists())

        apps = migrate(self.BEFORE)
        Fact = apps.get_model(APP, "Fact")
        restored = Fact.objects.get(article=spanish.pk, statement="Comercio.")
        self.assertEqual(
            (restored.quote, restored.pair_id, restored.value, restored.unit),
            ("2 mil millones", translated.pk, 2, "USD"),
        )
        tags = apps.get_model(APP, "TaggedFact").objects.filter(content_object=restored.pk)
        self.assertEqual(list(tags.values_list("tag__name", flat=True)), ["Trade"])
        self.assertEqual(Fact.objects.filter(article=original.pk).count(), 1)


class SearchEntriesMigrationTests(TransactionTestCase):
    """0017 indexes every language version of the existing content for the search, and takes it back."""

    BEFORE, AFTER = "0016_person_translations", SEARCH_ENTRIES

    def columns(self, table):
        with connection.cursor() as cursor:
            return [column.name for column in connection.introspection.get_table_description(cursor, table)]

    def test_existing_content_is_indexed_in_its_language_and_the_english_vectors_go_and_come_back(self):
        names = app_migrations()
        self.addCleanup(migrate, names[-1])
        apps = migrate(self.BEFORE)
        Article, QAPair, Fact, FactWording = (
            apps.get_model(APP, name) for name in ("Article", "QAPair", "Fact", "FactWording")
        )
        original = Article.objects.create(title="Cooperation", slug="cooperation", language="en")
        pair = QAPair.objects.create(
            article=original, position=1, anchor="ties", prompt="Ties?", answer="Investments grew."
        )
        claim = Fact.objects.create(article=original, pair=pair, statement="Investments grew.", quote="Investments")
        korean = Article.objects.create(title="경제협력", slug="hyeomnyeok", language="ko", translation_of=original)
        translated = QAPair.objects.create(
            article=korean, original=pair, position=1, anchor="ties", prompt="관계는?", answer="투자가 늘었다."
        )
        FactWording.objects.create(article=korean, fact=claim, statement="투자가 늘었다.", quote="투자가")

        apps = migrate(self.AFTER)
        SearchEntry = apps.get_model(APP, "SearchEntry")
        entries = {(entry.kind, entry.language): entry for entry in SearchEntry.objects.all()}
        self.assertEqual(len(entries), 6)
        self.assertEqual(entries["article", "en"].heading_terms, " cooper ")
        self.assertEqual(entries["article", "ko"].heading_terms, " 경제 제협 협력 력 ")
        self.assertEqual(entries["article", "ko"].original_article_id, original.pk)
        self.assertEqual((entries["pair", "en"].body_terms, entries["pair", "en"].pair_id), (" invest grew ", pair.pk))
        self.assertEqual(
            (entries["pair", "ko"].pair_id, entries["pair", "ko"].original_pair_id), (translated.pk, pair.pk)
        )
        self.assertEqual((entries["fact", "ko"].article_id, entries["fact", "ko"].fact_id), (korean.pk, claim.pk))
        self.assertEqual(entries["fact", "ko"].heading, "투자가 늘었다.")
        if connection.vendor == "postgresql":
            self.assertIn("document", self.columns("articles_searchentry"))
            self.assertNotIn(SEARCH_DOCUMENTS.COLUMN, self.columns("articles_article"))
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT heading FROM articles_searchentry WHERE document @@ to_tsquery('simple', 'cooper')"
                )
                self.assertEqual(cursor.fetchall(), [("Cooperation",)])

        migrate(self.BEFORE)
        with connection.cursor() as cursor:
            self.assertNotIn("articles_searchentry", connection.introspection.table_names(cursor))
        if connection.vendor == "postgresql":
            self.assertIn(SEARCH_DOCUMENTS.COLUMN, self.columns("articles_article"))


class FoldedTermsMigrationTests(TransactionTestCase):
    """0027 makes every search entry's terms again, accents folded before stemming, and the full-text indexes follow."""

    BEFORE, AFTER = "0026_fact_wording_trigram_indexes", "0027_search_terms_folded_first"

    def test_entries_indexed_with_accents_stemmed_first_are_found_without_them(self):
        names = app_migrations()
        self.addCleanup(migrate, names[-1])
        apps = migrate(self.BEFORE)
        Article, SearchEntry = apps.get_model(APP, "Article"), apps.get_model(APP, "SearchEntry")
        article = Article.objects.create(title="Energía", slug="energia", language="es")
        entry = SearchEntry.objects.create(
            kind="article",
            language="es",
            article=article,
            original_article=article,
            heading="Energía",
            body="La tecnología",
            heading_terms=" energ ",
            body_terms=" la tecnolog ",
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {WORDS.WORDS} (rowid, {WORDS.COLUMNS}) "
                    "SELECT id, kind, language, heading_terms, body_terms FROM articles_searchentry"
                )

        migrate(self.AFTER)
        entry = apps.get_model(APP, "SearchEntry").objects.get(pk=entry.pk)
        self.assertEqual((entry.heading_terms, entry.body_terms), (" energi ", " la tecnologi "))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT id FROM articles_searchentry WHERE document @@ to_tsquery('simple', 'energi')")
            else:
                cursor.execute(f"SELECT rowid FROM {WORDS.WORDS} WHERE {WORDS.WORDS} MATCH 'energi'")
            self.assertEqual(cursor.fetchall(), [(entry.pk,)])
