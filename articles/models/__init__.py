from .content import (
    Article,
    DatePrecision,
    Fact,
    Language,
    Person,
    PublishedQuerySet,
    QAPair,
    Source,
    paragraphs,
    published_q,
    truncate_date,
)
from .themes import TaggedArticle, TaggedFact, TaggedQAPair, Theme

__all__ = [
    "Article",
    "DatePrecision",
    "Fact",
    "Language",
    "Person",
    "PublishedQuerySet",
    "QAPair",
    "Source",
    "TaggedArticle",
    "TaggedFact",
    "TaggedQAPair",
    "Theme",
    "paragraphs",
    "published_q",
    "truncate_date",
]
