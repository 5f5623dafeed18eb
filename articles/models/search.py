"""The reader search's index: one entry a language version of each article, Q&A pair and fact wording."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy

from .article import Article
from .common import Language, PublishedQuerySet
from .fact import Fact
from .pair import QAPair


class SearchEntry(models.Model):
    """
    The words of one article, pair or fact wording in one language: its heading and body as
    written (for results and their highlights) and as searched (search_text.terms() in its
    language). Its article is the version it is written in, whose publication decides whether
    readers find it; themes are its original's. On PostgreSQL the table also has the column
    `document`, its terms' text-search vector (heading weighted A, body B) under a GIN index
    (migration 0017), which no model field reads. articles/search_index.py keeps it up to date.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", gettext_lazy("Article")
        PAIR = "pair", gettext_lazy("Q&A pair")
        FACT = "fact", gettext_lazy("Fact")

    kind = models.CharField(max_length=10, choices=Kind)
    language = models.CharField(max_length=10, choices=Language)
    # On SQLite also indexed with the kind, which a search reads an article's entries of (migration 0023).
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="search_entries")
    original_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    pair = models.ForeignKey(QAPair, on_delete=models.CASCADE, null=True, related_name="search_entries")
    # Null for a translated pair whose original was deleted: it has no themes then.
    original_pair = models.ForeignKey(QAPair, on_delete=models.SET_NULL, null=True, related_name="+")
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, null=True, related_name="search_entries")
    heading = models.TextField()
    body = models.TextField()
    # search_text.terms() of heading and body, with a space at each end so that a term is found
    # whole with LIKE where there is no text-search vector (SQLite).
    heading_terms = models.TextField()
    body_terms = models.TextField()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("search entry")
        verbose_name_plural = gettext_lazy("search entries")
        # Made from the content, never edited: no one needs a permission on it.
        default_permissions = ()

    def __str__(self):
        return self.heading


# The column of each entry's text-search vector on PostgreSQL (migration 0017_search_entries).
DOCUMENT_COLUMN = "document"


def entry_document():
    """
    Return the text-search vector of each entry on PostgreSQL, named without its table so that
    it is the entries' of the query it is in, a subquery's included: no table a search joins
    has a column of that name.
    """
    return RawSQL(DOCUMENT_COLUMN, [], output_field=SearchVectorField())
