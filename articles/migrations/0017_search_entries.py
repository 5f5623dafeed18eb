"""
The reader search reads one index, SearchEntry, instead of the articles, pairs and facts
themselves: one entry a language version of each article, pair and fact wording, its words
normalised in its own language (articles/search_text.py). On PostgreSQL each entry's terms are
stored as a text-search vector in the generated column `document` (the 'simple' configuration:
the terms are already stemmed or cut into syllable pairs), heading weighted A and body B, under a
GIN index; the English vectors that 0010 stored on the three tables go. The entries are made from
the existing content; reversed, 0010's columns come back and the index goes.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from articles.search_text import terms

STORED_ENGLISH = importlib.import_module("articles.migrations.0010_search_documents")
TABLE = "articles_searchentry"
DOCUMENT = (
    "setweight(to_tsvector('simple'::regconfig, heading_terms), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')"
)


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ADD COLUMN document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED")
        schema_editor.execute(f"CREATE INDEX searchentry_document_gin ON {TABLE} USING gin (document)")


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN document")


def drop_english_documents(apps, schema_editor):
    """Drop 0010's columns (and with them their indexes)."""
    if schema_editor.connection.vendor == "postgresql":
        for model_name, _, _, _ in STORED_ENGLISH.DOCUMENTS:
            table = schema_editor.quote_name(apps.get_model("articles", model_name)._meta.db_table)
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {STORED_ENGLISH.COLUMN}")


def add_english_documents(apps, schema_editor):
    """Make 0010's columns and their indexes again."""
    if schema_editor.connection.vendor == "postgresql":
        quote_name = schema_editor.quote_name
        for model_name, index, heading, body in STORED_ENGLISH.DOCUMENTS:
            table = quote_name(apps.get_model("articles", model_name)._meta.db_table)
            document = STORED_ENGLISH.document_sql(quote_name, heading, body)
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN {STORED_ENGLISH.COLUMN} tsvector GENERATED ALWAYS AS ({document}) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {quote_name(index)} ON {table} USING gin ({STORED_ENGLISH.COLUMN})")


def entry(SearchEntry, kind, article, heading, body, **related):
    return SearchEntry(
        kind=kind,
        language=article.language,
        article_id=article.pk,
        original_article_id=article.translation_of_id or article.pk,
        heading=heading,
        body=body,
        heading_terms=f" {terms(heading, article.language)} ",
        body_terms=f" {terms(body, article.language)} ",
        **related,
    )


def fill_index(apps, schema_editor):
    SearchEntry = apps.get_model("articles", "SearchEntry")
    entries = []
    for article in apps.get_model("articles", "Article").objects.prefetch_related("pairs", "facts", "wordings"):
        body = "\n\n".join(text for text in [article.standfirst, article.intro] if text)
        entries.append(entry(SearchEntry, "article", article, article.title, body))
        for pair in article.pairs.all():
            entries.append(
                entry(SearchEntry, "pair", article, pair.prompt, pair.answer, pair_id=pair.pk,
                      original_pair_id=pair.original_id or pair.pk)
            )
        for fact in article.facts.all():
            entries.append(entry(SearchEntry, "fact", article, fact.statement, fact.quote, fact_id=fact.pk))
        for wording in article.wordings.all():
            entries.append(entry(SearchEntry, "fact", article, wording.statement, wording.quote, fact_id=wording.fact_id))
    SearchEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_person_translations'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('article', 'Article'), ('pair', 'Q&A pair'), ('fact', 'Fact')], max_length=10)),
                ('language', models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('ko', 'Korean')], max_length=10)),
                ('heading', models.TextField()),
                ('body', models.TextField()),
                ('heading_terms', models.TextField()),
                ('body_terms', models.TextField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_entries', to='articles.article')),
                ('fact', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='search_entries', to='articles.fact')),
                ('original_article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
                ('original_pair', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.qapair')),
                ('pair', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='search_entries', to='articles.qapair')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'default_permissions': (),
            },
        ),
        migrations.RunPython(add_document, drop_document),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
        migrations.RunPython(drop_english_documents, add_english_documents),
    ]
