"""
On PostgreSQL, an index of the published articles by publication time that holds their key and
original too, so that joining a search's candidates to the articles that are public reads this
index alone, not every article's row (docs/search.md). SQLite joins them by key.
"""

from django.db import migrations

INDEX = "article_published_covering"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "articles_article" ("published_at")'
            ' INCLUDE ("id", "translation_of_id") WHERE "status" = \'published\''
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0028_person_slug_any_script")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
