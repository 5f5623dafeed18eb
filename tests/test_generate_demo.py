import json
from io import StringIO

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from articles.management.commands.generate_demo import FACTS_PER_ARTICLE, PAIRS_PER_ARTICLE
from articles.management.commands.load_seed import SEED_FILE
from articles.models import Article, Fact, Person, QAPair, Source, Theme
from pagecache.versions import VERSION_KEY

ARTICLES = 20


def generate(articles, seed=1):
    out = StringIO()
    call_command("generate_demo", articles=articles, seed=seed, stdout=out)
    return out.getvalue()


def snapshot():
    """Return everything generated content says, without the times that depend on when it ran."""
    articles = [
        (
            a.slug,
            a.kind,
            a.title,
            a.standfirst,
            a.intro,
            a.interviewee.slug,
            a.source.name,
            a.source_url,
            a.original_date,
            a.state,
            sorted(a.themes.names()),
        )
        for a in Article.objects.select_related("interviewee", "source").order_by("slug")
    ]
    pairs = [
        (p.article.slug, p.position, p.anchor, p.prompt, p.answer, sorted(p.themes.names()))
        for p in QAPair.objects.select_related("article").order_by("article__slug", "position")
    ]
    facts = [
        (
            f.article.slug,
            f.pair.position if f.pair else None,
            f.statement,
            f.quote,
            f.value,
            f.unit,
            f.date,
            f.date_precision,
            f.person.slug if f.person else None,
            f.is_key_figure,
            sorted(f.themes.names()),
        )
        for f in Fact.objects.select_related("article", "pair", "person").order_by("article__slug", "pk")
    ]
    return articles, pairs, facts


def delete_content():
    # Facts first: a fact protects the pair it quotes.
    for model in [Fact, Article, Person]:
        model.objects.all().delete()


@override_settings(DEBUG=True)
class GenerateDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = generate(ARTICLES)

    def test_creates_articles_with_their_pairs_and_facts(self):
        self.assertEqual(Article.objects.count(), ARTICLES)
        self.assertEqual(QAPair.objects.count(), ARTICLES * PAIRS_PER_ARTICLE)
        self.assertEqual(Fact.objects.count(), ARTICLES * FACTS_PER_ARTICLE)
        self.assertEqual(Person.objects.count(), ARTICLES // 8)
        self.assertGreater(Source.objects.count(), 1)
        for article in Article.objects.all():
            with self.subTest(article=article.slug):
                self.assertEqual(article.pairs.count(), PAIRS_PER_ARTICLE)
                self.assertEqual(article.facts.count(), FACTS_PER_ARTICLE)
        self.assertIn(f"Created {ARTICLES} articles", self.output)

    def test_mixes_published_scheduled_and_draft_articles(self):
        states = [article.state for article in Article.objects.all()]
        self.assertEqual(set(states), {"published", "scheduled", "draft"})
        self.assertGreater(states.count("published"), ARTICLES / 2)
        self.assertEqual(Article.objects.published().count(), states.count("published"))

    def test_facts_state_figures_and_dates_as_the_seed_does(self):
        facts = Fact.objects.all()
        self.assertTrue(facts.filter(value__isnull=False, unit="USD").exists())
        self.assertTrue(facts.filter(value__isnull=False, unit="%").exists())
        self.assertTrue(facts.filter(is_key_figure=True).exists())
        self.assertEqual(
            set(facts.exclude(date=None).values_list("date_precision", flat=True)),
            {"decade", "year", "month", "day"},
        )
        self.assertEqual(facts.filter(pair=None).count(), ARTICLES)

    def test_themes_are_the_seeds_attached_through_the_typed_tables(self):
        seed_slugs = {item["slug"] for item in json.loads(SEED_FILE.read_text(encoding="utf-8"))["themes"]}
        self.assertEqual(set(Theme.objects.values_list("slug", flat=True)), seed_slugs)
        for model, low, high in [(Article, 2, 4), (QAPair, 1, 2), (Fact, 1, 2)]:
            with self.subTest(model=model.__name__):
                counts = [obj.themes.count() for obj in model.objects.all()[:60]]
                self.assertGreaterEqual(min(counts), low)
                self.assertLessEqual(max(counts), high)
        self.assertTrue(Theme.objects.with_counts().filter(pair_count__gt=0, fact_count__gt=0).exists())

    def test_a_sample_of_every_state_passes_full_clean_unchanged(self):
        """Bulk inserts skip validation: content that breaks a model rule must not be generated."""
        sample = [
            Article.objects.filter(status="draft").first(),
            Article.objects.scheduled().first(),
            Article.objects.published().first(),
        ]
        for article in sample:
            pairs, facts = list(article.pairs.all()), list(article.facts.select_related("article", "pair"))
            objects = [
                article,
                *pairs,
                *facts,
                article.interviewee,
                article.source,
                *(item for obj in [article, *pairs, *facts] for item in obj.tagged_items.all()),
            ]
            for obj in objects:
                with self.subTest(obj=repr(obj)):
                    before = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
                    obj.full_clean()
                    after = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
                    self.assertEqual(after, before)

    def test_every_quote_is_verbatim_in_its_answer_or_the_intro(self):
        for fact in Fact.objects.select_related("article", "pair"):
            text = fact.pair.answer if fact.pair else fact.article.intro
            self.assertIn(fact.quote, text, fact.statement)

    def test_the_same_seed_makes_the_same_content_and_another_seed_other_content(self):
        first = snapshot()
        delete_content()
        generate(ARTICLES)
        self.assertEqual(snapshot(), first)
        delete_content()
        generate(ARTICLES, seed=2)
        self.assertNotEqual(snapshot()[0], first[0])

    def test_marks_cached_pages_stale(self):
        """Bulk inserts send no signals: cached pages would go on hiding the new articles."""
        cache.set(VERSION_KEY, "before", None)
        generate(1, seed=9)
        self.assertIsNone(cache.get(VERSION_KEY))

    def test_refuses_to_add_what_the_same_seed_added_before(self):
        with self.assertRaisesMessage(CommandError, "--seed 1 is already here"):
            generate(3)
        self.assertEqual(Article.objects.count(), ARTICLES)


class ProductionRefusalTests(TestCase):
    def test_refuses_to_run_with_debug_off(self):
        """A benchmark helper run against production by mistake would flood the site with fake interviews."""
        with self.assertRaisesMessage(CommandError, "DJANGO_DEBUG=true"):
            generate(2)
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Person.objects.exists())
