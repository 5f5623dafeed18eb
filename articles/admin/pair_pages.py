"""
A long interview (hundreds of pairs, each with facts) is edited a page of pairs at a time, with the
facts of those pairs and those of the intro: a page opens and saves with as many queries whatever
the interview's length.
"""

from django.db.models import Count

PAIRS_PER_PAGE = 20
FACTS_PER_PAGE = 60


class PairPages:
    """
    The pairs of `article` cut into pages, in order, and page `number` of them (the first or last
    page if it is not one). A page holds at most PAIRS_PER_PAGE pairs and, after its first pair, at
    most FACTS_PER_PAGE facts of theirs: it costs about as much to open and save whatever the
    length of the interview and however its facts are spread.
    """

    def __init__(self, article, number):
        counts = article.pairs.order_by("position").values("pk").annotate(facts=Count("facts"))
        self.pages, facts_on_page = [[]], 0
        for pk, facts in counts.values_list("pk", "facts"):
            page = self.pages[-1]
            if page and (len(page) == PAIRS_PER_PAGE or facts_on_page + facts > FACTS_PER_PAGE):
                self.pages.append(page := [])
                facts_on_page = 0
            page.append(pk)
            facts_on_page += facts
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        self.number = min(max(number, 1), len(self.pages))
        self.pairs = self.pages[self.number - 1]

    @property
    def links(self):
        """Each page as (number, its first pair, its last pair), pairs counted from 1; none for a single page."""
        if len(self.pages) < 2:
            return []
        links, last = [], 0
        for number, page in enumerate(self.pages, start=1):
            links.append((number, last + 1, last + len(page)))
            last += len(page)
        return links

    @property
    def count(self):
        return sum(map(len, self.pages))

    @property
    def first(self):
        """The count of this page's first pair, from 1."""
        return sum(map(len, self.pages[: self.number - 1])) + 1

    @property
    def last(self):
        return self.first + len(self.pairs) - 1
