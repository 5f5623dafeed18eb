"""Content built for tests beyond the factories: interviews of any length."""

from articles.models import Fact, QAPair, TaggedFact, TaggedQAPair

from .factories import ArticleFactory


def interview(pairs, facts_per_pair, themes=(), person=None, **values):
    """Create an interview of `pairs` pairs of `facts_per_pair` facts each, themed, and one intro fact."""
    article = ArticleFactory(intro="The minister spoke in Seoul about trade worth $19.8 billion.", **values)
    rows = QAPair.objects.bulk_create(
        QAPair(
            article=article,
            position=n,
            anchor=f"sector-{n}",
            prompt=f"What about sector {n}?",
            answer=" ".join(f"Sector {n} exported ${n}.{k} billion." for k in range(facts_per_pair)) or "Nothing.",
        )
        for n in range(1, pairs + 1)
    )
    facts = Fact.objects.bulk_create(
        Fact(
            article=article,
            pair=pair,
            statement=f"Sector {pair.position} exported ${pair.position}.{k} billion.",
            quote=f"${pair.position}.{k} billion",
            person=person if k == 0 else None,
        )
        for pair in rows
        for k in range(facts_per_pair)
    )
    if themes:
        TaggedQAPair.objects.bulk_create(TaggedQAPair(content_object=pair, tag=themes[0]) for pair in rows)
        TaggedFact.objects.bulk_create(TaggedFact(content_object=fact, tag=themes[-1]) for fact in facts)
    Fact.objects.create(article=article, statement="Trade was worth $19.8 billion.", quote="$19.8 billion")
    return article
