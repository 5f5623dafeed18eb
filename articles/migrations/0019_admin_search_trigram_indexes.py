"""
On PostgreSQL, a trigram index (pg_trgm, GIN) on the upper-cased text of each column the admin's
lists search, so that a search (icontains: UPPER(column) LIKE UPPER('%word%')) reads the index
instead of every row's text: a second or two a search of the pairs at 20,000 interviews. Nothing
on SQLite, nor where the extension is not available. Reversed, the indexes go; the extension
stays, as other databases' objects may use it.
"""

from django.db import migrations

SEARCHED = {
    "articles_article": ["title", "standfirst", "intro"],
    "articles_person": ["name"],
    "articles_qapair": ["prompt", "answer"],
    "articles_fact": ["statement", "quote"],
}


def index_name(table, column):
    return f"{table.removeprefix('articles_')}_{column}_trgm"


def has_trigrams(schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
        return bool(cursor.fetchone()[0])


def create_indexes(apps, schema_editor):
    if not has_trigrams(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name(table, column)}" ON "{table}"'
                f' USING gin (UPPER("{column}") gin_trgm_ops)'
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_article_published_at_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
