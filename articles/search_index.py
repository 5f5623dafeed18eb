"""
The reader search's index (SearchEntry): what it holds of each article, and keeping it up to
date. Saves of articles, pairs, facts and wordings update it through the signals connected in
apps.py; writes that bypass save() (bulk_create in the importer and generate_demo) index their
articles with index_articles(); `manage.py rebuild_search_index` rebuilds it all.
"""

from collections import namedtuple

from django.db import connection, transaction

from .bulk import insert_rows, inserted_keys
from .models import Article, FactWording, SearchEntry
from .search_text import terms
from .signals import content_changed

# SQLite's full-text index of the entries (migration 0024) and the columns it indexes.
WORDS_TABLE = "articles_searchentry_words"
WORDS_COLUMNS = "kind, language, heading_terms, body_terms"
# Article fields whose change alters its entries: their words, or how they are read and themed.
INDEXED_ARTICLE_FIELDS = {"title", "standfirst", "intro", "language", "translation_of", "translation_of_id"}
BATCH = 500
# A SearchEntry's row, as insert_rows() writes it.
Entry = namedtuple(
    "Entry",
    [
        "kind",
        "language",
        "article_id",
        "original_article_id",
        "pair_id",
        "original_pair_id",
        "fact_id",
        "heading",
        "body",
        "heading_terms",
        "body_terms",
    ],
)


def entry(kind, article, heading, body, pair_id=None, original_pair_id=None, fact_id=None):
    """Return the entry of `heading` and `body`, words of `article` (a version), of `kind`."""
    return Entry(
        kind=kind,
        language=article.language,
        article_id=article.pk,
        original_article_id=article.translation_of_id or article.pk,
        pair_id=pair_id,
        original_pair_id=original_pair_id,
        fact_id=fact_id,
        heading=heading,
        body=body,
        heading_terms=f" {terms(heading, article.language)} ",
        body_terms=f" {terms(body, article.language)} ",
    )


def article_entry(article):
    body = "\n\n".join(text for text in [article.standfirst, article.intro] if text)
    return entry(SearchEntry.Kind.ARTICLE, article, article.title, body)


def pair_entry(pair, article):
    return entry(
        SearchEntry.Kind.PAIR,
        article,
        pair.prompt,
        pair.answer,
        pair_id=pair.pk,
        original_pair_id=pair.original_id or pair.pk,
    )


def fact_entry(wording, article):
    """Return the entry of a fact's own wording (a Fact) or of its wording in a translation (a FactWording)."""
    fact_id = wording.fact_id if isinstance(wording, FactWording) else wording.pk
    return entry(SearchEntry.Kind.FACT, article, wording.statement, wording.quote, fact_id=fact_id)


def entries_of(article, pairs, wordings):
    """Return the entries of `article`: its own, its `pairs`' and its facts' or, in a translation, `wordings`'."""
    return [article_entry(article), *(pair_entry(pair, article) for pair in pairs)] + [
        fact_entry(wording, article) for wording in wordings
    ]


@transaction.atomic
def add_entries(entries):
    """
    Write `entries` (Entry rows) to the index. On SQLite, add them to the full-text index too,
    in one statement: through a trigger a row, adding 300,000 entries took 47.5 s instead of 13.1.
    """
    if not entries:
        return
    insert_rows(SearchEntry, Entry._fields, entries)
    if connection.vendor == "sqlite":
        keys = inserted_keys(len(entries))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {WORDS_TABLE} (rowid, {WORDS_COLUMNS}) SELECT id, {WORDS_COLUMNS} "
                f"FROM {SearchEntry._meta.db_table} WHERE id BETWEEN %s AND %s",
                [keys[0], keys[-1]],
            )


def index_new(versions):
    """
    Index articles that have no entries yet from what is in memory: `versions` holds (article,
    pairs, wordings) of each, the wordings being its facts in an original. For bulk writes of new
    content (generate_demo), which need not read back what they just wrote.
    """
    add_entries([found for article, pairs, wordings in versions for found in entries_of(article, pairs, wordings)])


def drop(condition, params):
    """
    Delete the entries meeting the SQL `condition`, in one statement: a queryset's delete() would
    read them first to send post_delete for each, and the page cache would drop its version as
    many times, though the index only follows content whose change already dropped it.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(SearchEntry._meta.db_table)} WHERE {condition}", params)


@transaction.atomic
def index_articles(articles):
    """Index `articles` (a queryset) anew: drop their entries, then make them from what they hold now."""
    articles = articles.order_by("pk").prefetch_related("pairs", "facts", "wordings")
    ids = list(articles.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        drop(f"article_id IN ({', '.join(['%s'] * len(batch))})", batch)
    entries = []
    for article in articles.iterator(chunk_size=BATCH):
        wordings = article.wordings.all() if article.translation_of_id else article.facts.all()
        entries.extend(entries_of(article, article.pairs.all(), wordings))
        if len(entries) >= BATCH * 20:
            add_entries(entries)
            entries = []
    add_entries(entries)


@transaction.atomic
def rebuild():
    """Index every article anew; return the number of entries."""
    drop("1 = 1", [])
    index_articles(Article.objects.all())
    # Cached search pages show the old index: make the page cache drop them.
    content_changed.send(sender=SearchEntry)
    return SearchEntry.objects.count()


def replace(new, condition, params):
    """Put entry `new` in place of the one meeting `condition` (created without signals, as drop() deletes)."""
    drop(f"kind = %s AND {condition}", [new.kind, *params])
    add_entries([new])


def article_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """
    Receive post_save of articles. Raw saves (loaddata, version restores) are left out: rows may
    arrive before the ones they refer to; `restore` rebuilds the index, and a version restore
    ends in the change form's own save.
    """
    if raw or (update_fields is not None and not INDEXED_ARTICLE_FIELDS & set(update_fields)):
        return
    index_articles(Article.objects.filter(pk=instance.pk))


def pair_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        replace(pair_entry(instance, instance.article), "pair_id = %s", [instance.pk])


def fact_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        new = fact_entry(instance, instance.article)
        replace(new, "article_id = %s AND fact_id = %s", [new.article_id, new.fact_id])


def wording_deleted(sender, instance, **kwargs):
    """Receive post_delete of fact wordings: their entry refers to the fact and the article, which stay."""
    params = [SearchEntry.Kind.FACT, instance.article_id, instance.fact_id]
    drop("kind = %s AND article_id = %s AND fact_id = %s", params)
