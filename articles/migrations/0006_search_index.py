"""
GIN indexes for the reader search on PostgreSQL, on exactly the weighted text-search vectors
that articles/views/search.py queries: PostgreSQL uses an expression index only for the same
expression. Other databases search without them, so nothing happens there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
# (model, index name, heading field weighted A, body fields weighted B)
INDEXES = [
    ("article", "article_search_gin", "title", ["standfirst", "intro"]),
    ("qapair", "qapair_search_gin", "prompt", ["answer"]),
    ("fact", "fact_search_gin", "statement", ["quote"]),
]


def search_indexes(apps):
    for model_name, name, heading, body in INDEXES:
        vector = SearchVector(heading, weight="A", config=CONFIG) + SearchVector(*body, weight="B", config=CONFIG)
        yield apps.get_model("articles", model_name), GinIndex(vector, name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_import_digest"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes),
    ]
