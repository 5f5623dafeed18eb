"""
Store each searchable row's weighted text-search vector on PostgreSQL, in a generated column
`search_document` with the GIN index, instead of indexing the expression (0006).

With only the expression indexed, PostgreSQL found the matches by the index but ranked them by
building each matching row's vector again from its text, and filtered articles by building every
published article's vector: a search at 2,000 articles rendered in 482 ms in make bench, 105 ms
with the stored vectors. The column is not a model field, so no query reads it but the search's
(articles/views/search.py). Other databases search without it, so nothing happens there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
COLUMN = "search_document"
# (model, index name, heading field weighted A, body fields weighted B), as in 0006.
DOCUMENTS = [
    ("article", "article_search_gin", "title", ["standfirst", "intro"]),
    ("qapair", "qapair_search_gin", "prompt", ["answer"]),
    ("fact", "fact_search_gin", "statement", ["quote"]),
]


def document_sql(quote_name, heading, body):
    """Return the SQL of the heading's words weighted A and the body fields' words weighted B."""
    text = " || ' ' || ".join(f"COALESCE({quote_name(field)}, '')" for field in body)
    return (
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({quote_name(heading)}, '')), 'A')"
        f" || setweight(to_tsvector('{CONFIG}'::regconfig, {text}), 'B')"
    )


def expression_index(heading, body, name):
    """Return 0006's index on the vector expression."""
    vector = SearchVector(heading, weight="A", config=CONFIG) + SearchVector(*body, weight="B", config=CONFIG)
    return GinIndex(vector, name=name)


def store_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote_name = schema_editor.quote_name
    for model_name, index, heading, body in DOCUMENTS:
        model = apps.get_model("articles", model_name)
        schema_editor.remove_index(model, expression_index(heading, body, index))
        table = quote_name(model._meta.db_table)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector"
            f" GENERATED ALWAYS AS ({document_sql(quote_name, heading, body)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {quote_name(index)} ON {table} USING gin ({COLUMN})")


def index_expressions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index, heading, body in DOCUMENTS:
        model = apps.get_model("articles", model_name)
        # Dropping the column drops its index.
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} DROP COLUMN {COLUMN}")
        schema_editor.add_index(model, expression_index(heading, body, index))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_editors_lift_signin_lockouts"),
    ]

    operations = [
        migrations.RunPython(store_documents, index_expressions),
    ]
