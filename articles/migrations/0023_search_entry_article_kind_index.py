"""
On SQLite, search entries are indexed by their article and kind: a search goes through the
published articles and reads each one's entries of the kind it looks for, which with the index of
the article alone meant reading all 30-odd entries of each (docs/performance.md). PostgreSQL finds
the entries of a kind holding the words in the text index (0020); an index of the article and kind
there only offered its planner a worse way to them, by the kind alone.
"""

from django.db import migrations

TABLE = "articles_searchentry"
INDEX = "searchentry_article_kind"


def index_article_and_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} (article_id, kind)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_pictures")]

    operations = [migrations.RunPython(index_article_and_kind, drop_index, elidable=False)]
