"""
On SQLite, an FTS5 index of the search entries' terms (articles_searchentry_fts, an external-content
table over articles_searchentry), kept up to date by triggers on every insert, update and delete,
whatever writes them (search_index.py writes rows with plain SQL), and filled from the existing
entries. A search asks it for the entries that may match before LIKE checks each one
(views/search.py). PostgreSQL has its own (migration 0017).
"""

from django.db import migrations

from articles.search_text import FULL_TEXT_TABLE as FTS

TABLE = "articles_searchentry"
COLUMNS = "heading_terms, body_terms"
DELETE_OLD = f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, old.heading_terms, old.body_terms);"
INSERT_NEW = f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, new.heading_terms, new.body_terms);"
CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}', content_rowid='id')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN {INSERT_NEW} END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN {DELETE_OLD} END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN {DELETE_OLD} {INSERT_NEW} END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
DROP = [f"DROP TRIGGER {FTS}_{event}" for event in ("insert", "delete", "update")] + [f"DROP TABLE {FTS}"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_pictures")]

    operations = [migrations.RunPython(run(CREATE), run(DROP), elidable=False)]
