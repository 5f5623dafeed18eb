import hashlib
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from articles.models import Article, Fact, Person, QAPair, Source, TaggedFact, Theme

SEED_TEXT = Path(__file__).resolve().parents[1] / "articles" / "seed" / "el-economista-2024-10.txt"
# The SHA-256 of the interview's text exactly as El Economista's October 2024 text was delivered.
SEED_TEXT_SHA256 = "b28cce04caf92ddf0f0d81a5caabad34102daed3878fe3935d85669b0fa82033"
PROMPTS = [
    "What message did he bring to President Claudia Sheinbaum from the President of Korea, Yoon Suk Yeol?",
    "How do you evaluate the strategic relationship?",
    "What would be the areas of opportunity for cooperation between the two countries with the new Mexican government?",
    "What are your expectations regarding an FTA negotiation between Korea and Mexico?",
    "The Government of Claudia Sheinbaum desires progress in digitalization. "
    "Korea has made significant strides in this area.",
    "How has your ministry implemented this type of technology?",
    "Among other topics on the bilateral agenda is space.",
]


def load_seed():
    out = StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue()


def source_paragraphs():
    text = SEED_TEXT.read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


class SeedTextTests(SimpleTestCase):
    def test_the_seed_text_is_the_delivered_text_byte_for_byte(self):
        self.assertEqual(hashlib.sha256(SEED_TEXT.read_bytes()).hexdigest(), SEED_TEXT_SHA256)


class SeedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.article = Article.objects.originals().get()

    def test_article_is_published_with_its_metadata(self):
        article = self.article
        self.assertEqual(article.title, "South Korea desires an FTA with Mexico")
        self.assertTrue(article.standfirst.startswith("The Minister of the Interior and Security, Sang Min Lee"))
        self.assertIn("was sent by President Yoon Suk Yeol", article.intro)
        self.assertEqual(article.interviewee.name, "Sang Min Lee")
        self.assertEqual(article.interviewee.role, "Minister of the Interior and Security")
        self.assertEqual(article.interviewee.country, "South Korea")
        self.assertEqual(article.source.name, "El Economista")
        self.assertEqual((article.original_date, article.original_date_precision), (date(2024, 10, 1), "month"))
        self.assertEqual(article.original_date_display, "October 2024")
        self.assertIn(article, Article.objects.published())

    def test_all_seven_pairs_in_order_with_answers_exactly_as_in_the_text(self):
        paragraphs = source_paragraphs()
        pairs = list(self.article.pairs.all())
        self.assertEqual([pair.prompt for pair in pairs], PROMPTS)
        self.assertEqual([pair.position for pair in pairs], list(range(1, 8)))
        starts = [paragraphs.index(prompt) for prompt in PROMPTS] + [paragraphs.index("Source: El Economista")]
        for n, pair in enumerate(pairs):
            expected = paragraphs[starts[n] + 1 : starts[n + 1]]
            self.assertEqual(pair.answer_paragraphs, expected, pair.prompt)
        self.assertEqual(self.article.intro_paragraphs, [paragraphs[2]])
        self.assertEqual([pair.is_question for pair in pairs], [True, True, True, True, False, True, False])

    def test_every_fact_quotes_its_answer_or_the_intro_verbatim(self):
        facts = Fact.objects.select_related("pair", "article")
        self.assertGreaterEqual(facts.count(), 22)
        for fact in facts:
            source = fact.pair.answer if fact.pair else fact.article.intro
            self.assertIn(fact.quote, source, fact.statement)
            fact.full_clean()

    def test_every_fact_has_one_to_three_themes_and_answer_facts_an_attribution(self):
        for fact in Fact.objects.prefetch_related("themes").select_related("person"):
            self.assertIn(len(fact.themes.all()), (1, 2, 3), fact.statement)
            if fact.pair:
                self.assertEqual(fact.person.name, "Sang Min Lee")

    def test_every_figure_and_date_of_the_text_is_a_fact(self):
        figures = set(Fact.objects.exclude(value=None).values_list("value", "unit"))
        for figure in [
            (Decimal("430"), "companies"),
            (Decimal("150000"), "jobs"),
            (Decimal("16000"), "people"),
            (Decimal("120"), "years"),
            (Decimal("19800000000"), "USD"),
            (Decimal("9300000000"), "USD"),
            (Decimal("16000000"), "people"),
            (Decimal("33.3"), "%"),
            (Decimal("10"), "years"),
            (Decimal("2000"), "services"),
            (Decimal("4"), "consecutive first places"),
        ]:
            self.assertIn(figure, figures)
        dates = set(Fact.objects.exclude(date=None).values_list("date", "date_precision"))
        for when in [
            (date(2005, 1, 1), "year"),
            (date(2025, 1, 1), "year"),
            (date(2023, 1, 1), "year"),
            (date(2022, 1, 1), "year"),
            (date(2000, 1, 1), "decade"),
            (date(2013, 1, 1), "year"),
            (date(2027, 1, 1), "year"),
            (date(2024, 5, 1), "month"),
            (date(2032, 1, 1), "year"),
            (date(2024, 6, 1), "month"),
        ]:
            self.assertIn(when, dates)

    def test_named_commitments_are_facts(self):
        statements = " ".join(Fact.objects.values_list("statement", flat=True))
        for words in ["mobile identity cards", "presidency of Digital Nations", "Public Data Act", "KASA", "moon"]:
            self.assertIn(words, statements)
        mou = Fact.objects.get(quote__contains="memorandum of understanding")
        self.assertEqual(mou.date_display, "June 2024")

    def test_themes_are_curated_with_descriptions_and_all_used(self):
        themes = Theme.objects.all()
        self.assertTrue(8 <= themes.count() <= 12)
        for theme in themes:
            self.assertTrue(theme.description.endswith("."), theme.name)
            self.assertTrue(TaggedFact.objects.filter(tag=theme).exists(), theme.name)


class SeedLoaderTests(TestCase):
    def counts(self):
        return [model.objects.count() for model in (Article, QAPair, Fact, Theme, Person, Source, TaggedFact)]

    def test_loading_twice_changes_nothing(self):
        self.assertIn("Loaded", load_seed())
        before = self.counts()
        stamps = list(Article.objects.order_by("pk").values_list("updated_at", "published_at"))
        self.assertIn("nothing changed", load_seed())
        self.assertEqual(self.counts(), before)
        self.assertEqual(list(Article.objects.order_by("pk").values_list("updated_at", "published_at")), stamps)

    def test_a_missing_translation_is_loaded_again_alone(self):
        load_seed()
        Article.objects.filter(language="ko").delete()
        self.assertIn("Loaded 한국-멕시코와-fta-체결-원해.", load_seed())
        self.assertEqual(Article.objects.count(), 3)
        self.assertEqual(Fact.objects.count(), 33)

    def test_reloading_keeps_editors_changes(self):
        """`make run` loads the seed every time; it must never overwrite curated edits."""
        load_seed()
        Article.objects.update(title="Edited by an editor")
        Theme.objects.filter(slug="aerospace").update(description="Edited.")
        load_seed()
        self.assertEqual(Article.objects.originals().get().title, "Edited by an editor")
        self.assertEqual(Theme.objects.get(slug="aerospace").description, "Edited.")


class SeedTranslationTests(TestCase):
    """The seed in Spanish and Korean: translations of the one interview, sharing its 33 claims."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        cls.original = Article.objects.originals().get()

    def test_the_seed_is_one_interview_in_three_languages_with_one_set_of_claims(self):
        self.assertEqual(sorted(Article.objects.values_list("language", flat=True)), ["en", "es", "ko"])
        self.assertEqual(Fact.objects.count(), 33)
        self.assertEqual(set(Fact.objects.values_list("article", flat=True)), {self.original.pk})
        for translation in self.original.translations.all():
            with self.subTest(language=translation.language):
                self.assertEqual(translation.state, "published")
                self.assertEqual(translation.published_at, self.original.published_at)
                self.assertEqual(
                    (translation.translated_by != "", str(translation.translated_on)), (True, "2026-12-04")
                )
                self.assertFalse(translation.is_out_of_date)
                self.assertEqual(translation.wordings.count(), 33)

    def test_translated_pairs_keep_their_originals_order_and_anchors(self):
        originals = list(self.original.pairs.order_by("position").values_list("pk", "position", "anchor"))
        for translation in self.original.translations.all():
            with self.subTest(language=translation.language):
                pairs = translation.pairs.order_by("position").values_list("original", "position", "anchor")
                self.assertEqual(list(pairs), originals)

    def test_every_wording_is_valid_and_quotes_its_translation_verbatim(self):
        for translation in self.original.translations.all():
            for wording in translation.wordings.select_related("fact__pair"):
                with self.subTest(language=translation.language, fact=wording.fact_id):
                    wording.full_clean()
                    self.assertIn(wording.quote, wording.quoted_text)
                    self.assertNotEqual(wording.statement, wording.fact.statement)

    def test_figures_are_written_the_way_each_language_writes_them(self):
        spanish = self.original.translations.get(language="es")
        korean = self.original.translations.get(language="ko")
        spanish_text = " ".join(spanish.pairs.values_list("answer", flat=True))
        korean_text = " ".join(korean.pairs.values_list("answer", flat=True))
        self.assertIn("19.800 millones de dólares", spanish_text)
        self.assertIn("198억 달러", korean_text)
        self.assertIn("이상민", korean.intro + korean_text + korean.standfirst)
