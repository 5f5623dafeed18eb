"""What an article's version follows, prefetched so that saving a version reads it in a few queries."""

from django.db.models import Prefetch

from ..models import Fact, FactWording, QAPair, TaggedArticle, TaggedFact, TaggedQAPair

# What an article's version follows (its registration in models/article.py), read in six
# queries: followed one object at a time, each pair and fact cost a query, and each of their
# theme links two (its __str__ names its object and theme).
FOLLOWED = [
    Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
    Prefetch(
        "pairs",
        queryset=QAPair.objects.prefetch_related(
            Prefetch("tagged_items", queryset=TaggedQAPair.objects.select_related("tag"))
        ),
    ),
    Prefetch(
        "facts",
        queryset=Fact.objects.prefetch_related(
            Prefetch("tagged_items", queryset=TaggedFact.objects.select_related("tag"))
        ),
    ),
    Prefetch("wordings", queryset=FactWording.objects.all()),
]
