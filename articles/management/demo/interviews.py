"""
The interviews generate_demo makes: people, sources, and articles with their Q&A pairs and facts,
themed with the seed's themes, drawn from a random generator seeded with the run's seed, and
written in bulk, a chunk of articles at a time.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils.text import slugify

from articles.bulk import insert_objects, insert_rows
from articles.demo import (
    CITIES,
    CLAIMS_BY_THEME,
    FILLERS,
    HEADLINES,
    KOREAN_FAMILY,
    KOREAN_GIVEN,
    KOREAN_ROLES,
    LEADS,
    MEXICAN_FAMILY,
    MEXICAN_GIVEN,
    MEXICAN_ROLES,
    PROMPTS,
    SOURCES,
    THEME_WEIGHTS,
)
from articles.formatting import format_date, format_figure
from articles.models import (
    Article,
    Fact,
    Person,
    QAPair,
    Source,
    TaggedArticle,
    TaggedFact,
    TaggedQAPair,
    Theme,
    truncate_date,
)

PAIRS_PER_ARTICLE = 12
# One fact from the intro, the others spread over the answers.
FACTS_PER_ARTICLE = 20
ALREADY_HERE = "Content from --seed {seed} is already here: use another seed or a fresh database."


def and_join(words):
    """Return `words` as English lists them: "a, b and c"."""
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else words[0]


@dataclass
class Interview:
    """Article `number` of a run, unsaved, with its pairs and facts, each with the slugs of its themes."""

    number: int
    article: Article
    themes: list
    pairs: list = field(default_factory=list)
    facts: list = field(default_factory=list)


class Demo:
    """One run's content, drawn from a random generator seeded with `seed`; times are relative to `now`."""

    def __init__(self, seed, now):
        self.seed, self.now, self.rng = seed, now, random.Random(seed)
        self.themes, self.sources, self.people = {}, [], []

    def prepare(self, count, themes):
        """
        Create the themes (`themes`, the seed's), sources and people of a run of `count` articles;
        refuse a seed already used.
        """
        self.themes = {
            item["slug"]: Theme.objects.get_or_create(slug=item["slug"], defaults=item)[0] for item in themes
        }
        self.sources = self.find_sources()
        self.people = self.draw_people(max(count // 8, 1))
        # Slugs end in the seed and a number: a run with the same seed would repeat them.
        if Person.objects.filter(slug__in=[person.slug for person in self.people]).exists():
            raise CommandError(ALREADY_HERE.format(seed=self.seed))
        Person.objects.bulk_create(self.people)

    def create(self, first, last):
        """Create articles number `first` to `last` of the run with their pairs, facts and themes; return them."""
        interviews = [self.interview(number) for number in range(first, last + 1)]
        if Article.objects.filter(slug__in=[interview.article.slug for interview in interviews]).exists():
            raise CommandError(ALREADY_HERE.format(seed=self.seed))
        # Each bulk insert sets the primary keys the next one refers to.
        Article.objects.bulk_create([interview.article for interview in interviews])
        insert_objects([pair for interview in interviews for pair, _ in interview.pairs])
        insert_objects([fact for interview in interviews for fact, _ in interview.facts])
        themed = {
            TaggedArticle: [(interview.article, interview.themes) for interview in interviews],
            TaggedQAPair: [item for interview in interviews for item in interview.pairs],
            TaggedFact: [item for interview in interviews for item in interview.facts],
        }
        for through, items in themed.items():
            rows = [(obj.pk, self.themes[slug].pk) for obj, slugs in items for slug in slugs]
            insert_rows(through, ["content_object_id", "tag_id"], rows)
        return interviews

    def draw_people(self, count):
        people = []
        for number in range(1, count + 1):
            if self.rng.random() < 0.5:
                name = f"{self.rng.choice(KOREAN_FAMILY)} {self.rng.choice(KOREAN_GIVEN)}"
                role, country = self.rng.choice(KOREAN_ROLES), "South Korea"
            else:
                name = f"{self.rng.choice(MEXICAN_GIVEN)} {self.rng.choice(MEXICAN_FAMILY)}"
                role, country = self.rng.choice(MEXICAN_ROLES), "Mexico"
            people.append(Person(name=name, slug=f"{slugify(name)}-{self.seed}-{number}", role=role, country=country))
        return people

    def find_sources(self):
        """Return the demo sources, creating those that are missing."""
        return [
            Source.objects.get_or_create(name=name, defaults={"url": url, "language": language})[0]
            for name, url, language in SOURCES
        ]

    def focus(self):
        """Return two to four distinct theme slugs for an article, the more common themes more often."""
        wanted, slugs = self.rng.randint(2, 4), []
        while len(slugs) < wanted:
            slug = self.rng.choices(list(THEME_WEIGHTS), weights=list(THEME_WEIGHTS.values()))[0]
            if slug not in slugs:
                slugs.append(slug)
        return slugs

    def publication(self):
        """Return a status and publish time: mostly published, some scheduled, some drafts."""
        draw = self.rng.random()
        if draw < 0.1:
            return Article.Status.DRAFT, None
        if draw < 0.2:
            return Article.Status.PUBLISHED, self.now + timedelta(minutes=self.rng.randint(60, 90 * 24 * 60))
        return Article.Status.PUBLISHED, self.now - timedelta(minutes=self.rng.randint(60, 3 * 365 * 24 * 60))

    def interview(self, number):
        """Return article `number` of the run, with its pairs and facts, all unsaved."""
        rng, themes = self.rng, self.themes
        person, source, focus = rng.choice(self.people), rng.choice(self.sources), self.focus()
        status, published_at = self.publication()
        original = truncate_date((published_at or self.now).date() - timedelta(days=rng.randint(1, 20)), "month")
        title = f"{person.name}: {rng.choice(HEADLINES[focus[0]])}"
        slug = f"{slugify(title)[:150]}-{self.seed}-{number}"
        subjects = [themes[slug].name.lower() for slug in focus]
        city = rng.choice(CITIES)
        visit = f"during a visit to {city} in {format_date(original, 'month')}"
        article = Article(
            kind=rng.choices(Article.Kind.values, weights=[17, 2, 1])[0],
            title=title,
            slug=slug,
            standfirst=f"{person.name}, {person.role}, on {and_join(subjects)}.",
            intro=(
                f"{person.name}, {person.role} of {person.country}, spoke to {source.name} {visit}. "
                f"The conversation covered {and_join(subjects)}."
            ),
            interviewee=person,
            source=source,
            source_url=f"{source.url}{slug}/",
            original_date=original,
            original_date_precision="month",
            status=status,
            published_at=published_at,
        )
        interview = Interview(number, article, focus)
        # Intro words are the source's own: the fact is attributed to no one.
        intro_fact = Fact(
            article=article,
            statement=f"{person.name} visited {city} in {format_date(original, 'month')}.",
            quote=visit,
            date=original,
            date_precision="month",
        )
        interview.facts.append((intro_fact, ["diplomacy"]))
        # Every answer states a fact, and some two, to make FACTS_PER_ARTICLE in all.
        doubles = FACTS_PER_ARTICLE - 1 - PAIRS_PER_ARTICLE
        fact_counts = [2] * doubles + [1] * (PAIRS_PER_ARTICLE - doubles)
        rng.shuffle(fact_counts)
        anchors = set()
        for position, fact_count in enumerate(fact_counts, 1):
            pair, pair_themes = self.pair(article, position, focus, anchors)
            interview.pairs.append((pair, pair_themes))
            for _ in range(fact_count):
                claim = rng.choice(CLAIMS_BY_THEME[rng.choice(pair_themes)])
                fact = self.fact(article, pair, claim)
                fact.person = person
                fact_themes = [claim.theme]
                others = [slug for slug in pair_themes if slug != claim.theme]
                if others and rng.random() < 0.3:
                    fact_themes.append(others[0])
                interview.facts.append((fact, fact_themes))
            self.write_answer(pair, [fact for fact, _ in interview.facts if fact.pair is pair])
        return interview

    def pair(self, article, position, focus, anchors):
        """Return an unsaved pair on one or two of the `focus` themes, and their slugs; record its anchor."""
        theme = self.rng.choice(focus)
        slugs = [theme]
        if len(focus) > 1 and self.rng.random() < 0.4:
            slugs.append(self.rng.choice([slug for slug in focus if slug != theme]))
        pair = QAPair(article=article, position=position, prompt=self.rng.choice(PROMPTS[theme]))
        pair.anchor = pair.default_anchor(anchors)
        anchors.add(pair.anchor)
        return pair, slugs

    def write_answer(self, pair, facts):
        """Write the pair's answer: two paragraphs holding the quotes of `facts` among other sentences."""
        sentences = [f"{self.rng.choice(LEADS)}{fact.quote}." for fact in facts]
        sentences += self.rng.sample(FILLERS, self.rng.randint(2, 4))
        self.rng.shuffle(sentences)
        cut = self.rng.randint(1, len(sentences) - 1)
        pair.answer = f"{' '.join(sentences[:cut])}\n\n{' '.join(sentences[cut:])}"

    def fact(self, article, pair, claim):
        """Return an unsaved fact stating `claim`, with its figure and date drawn at random."""
        fact = Fact(article=article, pair=pair, unit=claim.unit)
        words = {}
        if claim.figure:
            fact.value = Decimal(self.rng.randrange(*claim.figure)) / claim.divisor
            fact.is_key_figure = self.rng.random() < 0.1
            words["figure"] = format_figure(fact.value, claim.unit)
        if claim.precision:
            drawn = date(self.rng.randrange(*claim.years), self.rng.randint(1, 12), self.rng.randint(1, 28))
            fact.date, fact.date_precision = truncate_date(drawn, claim.precision), claim.precision
            words["date"] = format_date(fact.date, claim.precision)
        fact.quote = claim.quote.format(**words)
        fact.statement = claim.statement.format(**words)
        return fact
