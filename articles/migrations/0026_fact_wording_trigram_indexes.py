"""
On PostgreSQL, trigram indexes (pg_trgm, GIN) on the upper-cased statement and quote of fact
wordings, which the admin's fact list searches too (a fact is found by its wordings in
translations), as migration 0019 made them for the columns searched before. Nothing on SQLite,
nor where the extension is not available.
"""

from django.db import migrations

COLUMNS = ["statement", "quote"]


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
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "factwording_{column}_trgm" ON "articles_factwording"'
            f' USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "factwording_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0025_field_labels")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
