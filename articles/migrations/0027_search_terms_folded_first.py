"""
The reader search's terms fold accents before stemming (search_text.word_terms), so that a word
typed without its accent finds the accented one ("energia", "energía"): every entry's terms are
made again from its heading and body, in batches (995,000 entries at 20,000 interviews: about
two minutes). On PostgreSQL the text-search vector follows
(a generated column); on SQLite the full-text index does (its update trigger, migration 0024).
"""

from django.db import migrations

from articles.search_text import terms

BATCH = 2000


def refresh_terms(apps, schema_editor):
    SearchEntry = apps.get_model("articles", "SearchEntry")
    entries = SearchEntry.objects.only("language", "heading", "body", "heading_terms", "body_terms").order_by("pk")
    changed = []
    for entry in entries.iterator(chunk_size=BATCH):
        # Folding leaves ASCII as it is: such an entry's terms stay.
        if entry.heading.isascii() and entry.body.isascii():
            continue
        heading, body = f" {terms(entry.heading, entry.language)} ", f" {terms(entry.body, entry.language)} "
        if (heading, body) != (entry.heading_terms, entry.body_terms):
            entry.heading_terms, entry.body_terms = heading, body
            changed.append(entry)
        if len(changed) >= BATCH:
            SearchEntry.objects.bulk_update(changed, ["heading_terms", "body_terms"])
            changed = []
    SearchEntry.objects.bulk_update(changed, ["heading_terms", "body_terms"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0026_fact_wording_trigram_indexes")]

    operations = [migrations.RunPython(refresh_terms, migrations.RunPython.noop, elidable=False)]
