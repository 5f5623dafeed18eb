import json
from collections import Counter
from io import StringIO
from unittest import mock

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings

from articles.management.commands.generate_demo import GIN_INDEXES
from articles.management.commands.load_seed import SEED_FILE
from articles.management.demo.interviews import FACTS_PER_ARTICLE, PAIRS_PER_ARTICLE
from articles.models import Article, Fact, FactWording, Person, QAPair, SearchEntry, Source, Theme
from articles.search_index import rebuild
from articles.services.translations import original_text
from articles.versions import VERSION_KEY

ARTICLES = 20


def generate(articles, seed=1, *args, **options):
    out = StringIO()
    call_command("generate_demo", *args, articles=articles, seed=seed, stdout=out, **options)
    return out.getvalue()


def originals():
    return Article.objects.filter(translation_of=None)


def translations():
    return Article.objects.exclude(translation_of=None)


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
            a.language,
            a.translation_of.slug if a.translation_of else None,
            a.translated_by,
            a.translated_on,
            sorted(a.themes.names()),
        )
        for a in Article.objects.select_related("interviewee", "source", "translation_of").order_by("slug")
    ]
    pairs = [
        (
            p.article.slug,
            p.position,
            p.anchor,
            p.original.article.slug if p.original else None,
            p.prompt,
            p.answer,
            sorted(p.themes.names()),
        )
        for p in QAPair.objects.select_related("article", "original__article").order_by("article__slug", "position")
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
    wordings = [
        (w.article.slug, w.fact.statement, w.statement, w.quote)
        for w in FactWording.objects.select_related("article", "fact").order_by("article__slug", "fact__pk")
    ]
    return articles, pairs, facts, wordings


def delete_content():
    # Facts first: a fact protects the pair it quotes; translations protect their original.
    for queryset in [Fact.objects.all(), translations(), Article.objects.all(), Person.objects.all()]:
        queryset.delete()


@override_settings(DEBUG=True)
class GenerateDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = generate(ARTICLES)

    def test_creates_articles_with_their_pairs_and_facts(self):
        self.assertEqual(originals().count(), ARTICLES)
        self.assertEqual(QAPair.objects.filter(article__translation_of=None).count(), ARTICLES * PAIRS_PER_ARTICLE)
        self.assertEqual(Fact.objects.count(), ARTICLES * FACTS_PER_ARTICLE)
        self.assertEqual(Person.objects.count(), ARTICLES // 8)
        self.assertGreater(Source.objects.count(), 1)
        for article in originals():
            with self.subTest(article=article.slug):
                self.assertEqual(article.pairs.count(), PAIRS_PER_ARTICLE)
                self.assertEqual(article.facts.count(), FACTS_PER_ARTICLE)
        self.assertIn(f"Created {ARTICLES} articles", self.output)

    def test_mixes_published_scheduled_and_draft_articles(self):
        states = [article.state for article in originals()]
        self.assertEqual(set(states), {"published", "scheduled", "draft"})
        self.assertGreater(states.count("published"), ARTICLES / 2)
        self.assertEqual(originals().published().count(), states.count("published"))

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
        for queryset, low, high in [
            (originals(), 2, 4),
            (QAPair.objects.filter(article__translation_of=None), 1, 2),
            (Fact.objects.all(), 1, 2),
        ]:
            with self.subTest(model=queryset.model.__name__):
                counts = [obj.themes.count() for obj in queryset[:60]]
                self.assertGreaterEqual(min(counts), low)
                self.assertLessEqual(max(counts), high)
        self.assertTrue(Theme.objects.with_counts().filter(pair_count__gt=0, fact_count__gt=0).exists())

    def test_a_sample_of_every_state_passes_full_clean_unchanged(self):
        """Bulk inserts skip validation: content that breaks a model rule must not be generated."""
        sample = [
            originals().filter(status="draft").first(),
            originals().scheduled().first(),
            originals().published().first(),
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

    def test_translates_a_share_of_the_articles_into_spanish_and_korean(self):
        counts = Counter(translations().values_list("language", flat=True))
        self.assertEqual(set(counts), {"es", "ko"})
        # A quarter by default, of each language.
        self.assertLess(counts.total(), ARTICLES)
        self.assertIn(f"{counts['es']} Spanish and {counts['ko']} Korean translations", self.output)

    def test_translations_are_shaped_as_the_translation_admin_makes_them(self):
        """Translations the admin would refuse, or shows out of date, would have benchmarks measure broken pages."""
        self.assertFalse(originals().out_of_date().exists())
        for version in translations().select_related("translation_of"):
            original = version.translation_of
            with self.subTest(translation=version.slug):
                pairs = list(version.pairs.select_related("original"))
                self.assertEqual(
                    [(pair.position, pair.anchor, pair.original.article_id) for pair in pairs],
                    [(pair.position, pair.anchor, original.pk) for pair in original.pairs.all()],
                )
                self.assertEqual(
                    sorted(version.wordings.values_list("fact", flat=True)),
                    sorted(original.facts.values_list("pk", flat=True)),
                )
                self.assertEqual(version.reviewed_original, original_text(original))
                self.assertFalse(version.is_out_of_date)
                self.assertEqual((version.status, version.published_at), (original.status, original.published_at))
                self.assertNotEqual(version.language, original.language)

    def test_a_sample_of_translations_passes_full_clean_unchanged(self):
        """Bulk inserts skip validation: a wording must quote its translated answer or intro verbatim."""
        for version in [translations().filter(language="es").first(), translations().filter(language="ko").first()]:
            wordings = list(version.wordings.select_related("article", "fact"))
            self.assertIn(None, [wording.fact.pair_id for wording in wordings])
            for obj in [version, *version.pairs.all(), *wordings]:
                with self.subTest(obj=repr(obj)):
                    before = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
                    obj.full_clean()
                    after = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
                    self.assertEqual(after, before)

    def test_indexes_every_language_version_as_a_rebuild_would(self):
        """Bulk inserts send no signals: without its own indexing, generated content would never be found."""
        fields = [field.attname for field in SearchEntry._meta.concrete_fields if field.attname != "id"]
        written = sorted(SearchEntry.objects.values_list(*fields), key=repr)
        self.assertEqual(len(written), Article.objects.count() * (1 + PAIRS_PER_ARTICLE + FACTS_PER_ARTICLE))
        self.assertEqual({entry[fields.index("language")] for entry in written}, {"en", "es", "ko"})
        rebuild()
        self.assertEqual(sorted(SearchEntry.objects.values_list(*fields), key=repr), written)

    def test_the_same_seed_makes_the_same_content_and_another_seed_other_content(self):
        """Content is drawn a chunk of articles at a time: the chunks' size must not change what is drawn."""
        first = snapshot()
        delete_content()
        with mock.patch("articles.management.commands.generate_demo.CHUNK", 7):
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
        self.assertEqual(originals().count(), ARTICLES)


@override_settings(DEBUG=True)
class GinPendingListTests(TransactionTestCase):
    def test_leaves_no_entries_pending_in_postgresqls_gin_indexes(self):
        """
        Regression: with autovacuum off, the search index of 200 generated interviews was all in
        its GIN pending list, which the planner priced as a list to read through: it read the
        whole table, 42 ms a search instead of 23.
        """
        if connection.vendor != "postgresql":
            return
        generate(2)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT sum(gin_clean_pending_list(oid)) FROM ({GIN_INDEXES}) AS gin")
            self.assertEqual(cursor.fetchone()[0], 0)


@override_settings(DEBUG=True)
class TranslatedShareTests(TestCase):
    def test_a_share_of_zero_translates_nothing(self):
        self.assertIn("0 Spanish and 0 Korean translations", generate(5, seed=3, translated=0))
        self.assertFalse(translations().exists())

    def test_a_share_of_one_translates_every_article_into_both_languages(self):
        generate(5, seed=3, translated=1)
        self.assertEqual(Counter(translations().values_list("language", flat=True)), {"es": 5, "ko": 5})

    def test_the_originals_of_a_seed_do_not_depend_on_the_share(self):
        """Translations draw from their own generator: asking for more of them must not change the originals."""
        generate(5, seed=3, translated=0)
        alone = [row for row in snapshot()[0] if row[-5] == "en"]
        delete_content()
        generate(5, seed=3, translated=1)
        self.assertEqual([row for row in snapshot()[0] if row[-5] == "en"], alone)

    def test_refuses_a_share_outside_zero_to_one(self):
        with self.assertRaisesMessage(CommandError, "invalid share value"):
            call_command("generate_demo", "--translated", "1.5")


class ProductionRefusalTests(TestCase):
    def test_refuses_to_run_with_debug_off(self):
        """A benchmark helper run against production by mistake would flood the site with fake interviews."""
        with self.assertRaisesMessage(CommandError, "DJANGO_DEBUG=true"):
            generate(2)
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Person.objects.exists())
