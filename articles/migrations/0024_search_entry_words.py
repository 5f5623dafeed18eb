"""
On SQLite, the terms of search entries are in a full-text index (FTS5) with their kind and
language: a search reads the entries holding its words from it, up to its bound, instead of
reading the entries of every published article with LIKE (docs/search.md). Triggers take deleted
and changed entries out of it; new entries are added by the code that writes them
(search_index.add_entries), in one statement for many, which a trigger a row would make 3.6
times slower. The index of entries by article and kind (0023) served that reading only.
PostgreSQL has its text index (0020).
"""

from django.db import migrations

TABLE = "articles_searchentry"
WORDS = "articles_searchentry_words"
COLUMNS = "kind, language, heading_terms, body_terms"
OLD = ", ".join(f"old.{column}" for column in COLUMNS.split(", "))
NEW = ", ".join(f"new.{column}" for column in COLUMNS.split(", "))


def index_words(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    statements = [
        "DROP INDEX searchentry_article_kind",
        # Terms are single tokens as search_text.py writes them: kept as they are, accents included.
        f"""CREATE VIRTUAL TABLE {WORDS} USING fts5({COLUMNS}, content='{TABLE}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0', prefix='1')""",
        f"""CREATE TRIGGER {WORDS}_delete AFTER DELETE ON {TABLE} BEGIN
            INSERT INTO {WORDS} ({WORDS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END""",
        f"""CREATE TRIGGER {WORDS}_update AFTER UPDATE ON {TABLE} BEGIN
            INSERT INTO {WORDS} ({WORDS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD});
            INSERT INTO {WORDS} (rowid, {COLUMNS}) VALUES (new.id, {NEW}); END""",
        f"INSERT INTO {WORDS} ({WORDS}) VALUES ('rebuild')",
    ]
    for statement in statements:
        schema_editor.execute(statement)


def drop_words(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [
        *(f"DROP TRIGGER {WORDS}_{event}" for event in ("delete", "update")),
        f"DROP TABLE {WORDS}",
        f"CREATE INDEX searchentry_article_kind ON {TABLE} (article_id, kind)",
    ]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_search_entry_article_kind_index")]

    operations = [migrations.RunPython(index_words, drop_words, elidable=False)]
