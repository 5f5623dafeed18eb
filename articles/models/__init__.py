from .article import Article
from .common import (
    DatePrecision,
    Language,
    PublishedQuerySet,
    State,
    Status,
    name_key,
    paragraphs,
    prefetch_themes,
    published_q,
    truncate_date,
)
from .fact import Fact, FactWording
from .pair import QAPair
from .people import Person, Source
from .pictures import Picture
from .search import SearchEntry
from .tagged_items import TaggedArticle, TaggedFact, TaggedQAPair, tagged_ids
from .theme_merges import ThemeMerge
from .themes import Theme, ThemeRedirect

__all__ = [
    "Article",
    "DatePrecision",
    "Fact",
    "FactWording",
    "Language",
    "Person",
    "Picture",
    "PublishedQuerySet",
    "QAPair",
    "SearchEntry",
    "Source",
    "State",
    "Status",
    "TaggedArticle",
    "TaggedFact",
    "TaggedQAPair",
    "Theme",
    "ThemeMerge",
    "ThemeRedirect",
    "paragraphs",
    "prefetch_themes",
    "published_q",
    "tagged_ids",
    "name_key",
    "truncate_date",
]
