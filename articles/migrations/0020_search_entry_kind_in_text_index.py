"""
On PostgreSQL, the search entries' text index (0017) also holds their kind (a GIN index of both
columns, through btree_gin), so that a search, which reads one kind at a time, finds the entries of
that kind holding its words in the index alone: a word common in pairs and facts is no longer
looked for in every one of them to find the few articles holding it (docs/performance.md). Without
the extension the index stays on the text alone. Reversed, it does too; the extension stays, as
other databases' objects may use it.
"""

from django.db import migrations

TABLE = "articles_searchentry"
INDEX = "searchentry_document_gin"


def has_btree_gin(schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'btree_gin'")
        return bool(cursor.fetchone()[0])


def index_kind(apps, schema_editor):
    if not has_btree_gin(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(f"DROP INDEX {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} USING gin (kind, document)")


def index_text_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} USING gin (document)")


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_admin_search_trigram_indexes")]

    operations = [migrations.RunPython(index_kind, index_text_only, elidable=False)]
