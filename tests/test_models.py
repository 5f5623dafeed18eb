from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from articles.formatting import format_date, format_figure
from articles.models import Article, Fact, QAPair, Theme

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory


class FactValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pair = QAPairFactory(answer="Trade reached $19.8 billion in 2023.\n\nInvestment grew.")

    def fact(self, **kwargs):
        fields = {"article": self.pair.article, "pair": self.pair, "statement": "Trade grew.", "quote": "in 2023"}
        return Fact(**{**fields, **kwargs})

    def errors(self, fact):
        with self.assertRaises(ValidationError) as raised:
            fact.full_clean()
        return raised.exception.message_dict

    def test_quote_found_verbatim_in_answer_is_valid(self):
        self.fact(quote="$19.8 billion in 2023").full_clean()

    def test_quote_missing_from_answer_is_refused_on_quote_field(self):
        errors = self.errors(self.fact(quote="$20 billion"))
        self.assertIn("do not appear verbatim", errors["quote"][0])

    def test_quote_must_match_case_and_punctuation(self):
        errors = self.errors(self.fact(quote="trade reached $19.8 billion"))
        self.assertIn("quote", errors)

    def test_quote_spanning_paragraphs_is_refused(self):
        errors = self.errors(self.fact(quote="2023.\n\nInvestment"))
        self.assertIn("one paragraph", errors["quote"][0])

    def test_intro_fact_quote_must_be_in_intro(self):
        article = self.pair.article
        self.fact(pair=None, quote=article.intro[:20]).full_clean()
        errors = self.errors(self.fact(pair=None, quote="in 2023"))
        self.assertIn("intro", errors["quote"][0])

    def test_pair_of_another_article_is_refused(self):
        other = QAPairFactory(answer="Trade reached $19.8 billion in 2023.")
        errors = self.errors(self.fact(pair=other))
        self.assertEqual(errors["pair"], ["This Q&A pair belongs to another article."])

    def test_prompt_quote_is_checked_against_the_prompt(self):
        self.pair.prompt = "Trade fell in 2019. What changed?"
        self.fact(quote="Trade fell in 2019", in_prompt=True).full_clean()
        errors = self.errors(self.fact(quote="$19.8 billion in 2023", in_prompt=True))
        self.assertIn("do not appear verbatim in the prompt", errors["quote"][0])

    def test_prompt_quote_needs_a_pair(self):
        errors = self.errors(self.fact(pair=None, quote=self.pair.article.intro[:20], in_prompt=True))
        self.assertIn("in_prompt", errors)

    def test_prompt_facts_are_credited_to_the_interviewer_and_answer_facts_to_the_interviewee(self):
        article = self.pair.article
        article.interviewer = PersonFactory(name="Ana Reportera")
        prompt_fact, answer_fact = self.fact(in_prompt=True), self.fact()
        self.assertEqual(prompt_fact.speaker, article.interviewer)
        self.assertTrue(prompt_fact.credit.startswith("Ana Reportera, "))
        self.assertTrue(answer_fact.credit.startswith(f"{article.interviewee.name}, "))

    def test_value_needs_unit_and_unit_needs_value(self):
        self.assertIn("unit", self.errors(self.fact(value=Decimal("19800000000"))))
        self.assertIn("value", self.errors(self.fact(unit="USD")))

    def test_date_needs_precision_and_precision_needs_date(self):
        self.assertIn("date_precision", self.errors(self.fact(date=date(2023, 1, 1))))
        self.assertIn("date", self.errors(self.fact(date_precision="year")))

    def test_date_is_truncated_to_its_precision(self):
        fact = self.fact(date=date(2024, 5, 17), date_precision="month")
        fact.full_clean()
        self.assertEqual(fact.date, date(2024, 5, 1))
        fact = self.fact(date=date(2007, 5, 17), date_precision="decade")
        fact.full_clean()
        self.assertEqual(fact.date, date(2000, 1, 1))

    def test_database_refuses_value_without_unit(self):
        """The check constraint holds even for code that skips full_clean()."""
        with transaction.atomic(), self.assertRaises(IntegrityError):
            self.fact(value=Decimal("1")).save()

    def test_database_refuses_date_without_precision(self):
        with transaction.atomic(), self.assertRaises(IntegrityError):
            self.fact(date=date(2023, 1, 1)).save()


class QAPairTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = ArticleFactory()
        cls.pair = QAPairFactory(article=cls.article, position=1, prompt="How do you evaluate the relationship?")

    def test_anchor_is_filled_from_prompt_and_kept_unique(self):
        self.assertEqual(self.pair.anchor, "how-do-you-evaluate-the-relationship")
        twin = QAPairFactory(article=self.article, position=2, prompt=self.pair.prompt)
        self.assertEqual(twin.anchor, "how-do-you-evaluate-the-relationship-2")

    def test_anchor_does_not_change_when_prompt_is_edited(self):
        """Citations link to the anchor; editing the wording must not break them."""
        self.pair.prompt = "How would you describe the relationship?"
        self.pair.full_clean()
        self.pair.save()
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.anchor, "how-do-you-evaluate-the-relationship")

    def test_positions_are_unique_within_an_article(self):
        duplicate = QAPair(article=self.article, position=1, prompt="Again?", answer="Yes.")
        with self.assertRaises(ValidationError) as raised:
            duplicate.full_clean()
        self.assertIn("Another Q&A pair of this article has this position.", str(raised.exception))
        with transaction.atomic(), self.assertRaises(IntegrityError):
            duplicate.save()

    def test_same_position_in_another_article_is_allowed(self):
        QAPair(article=ArticleFactory(), position=1, prompt="Again?", answer="Yes.").full_clean()

    def test_position_starts_at_one(self):
        with transaction.atomic(), self.assertRaises(IntegrityError):
            QAPair.objects.create(article=self.article, position=0, prompt="Zero?", answer="No.", anchor="zero")

    def test_answer_edit_that_drops_a_quoted_passage_is_refused(self):
        fact = FactFactory(pair=self.pair)
        self.pair.answer = "Nothing about jobs any more."
        with self.assertRaises(ValidationError) as raised:
            self.pair.full_clean()
        self.assertIn(fact.quote, raised.exception.message_dict["answer"][0])

    def test_prompt_edit_that_drops_a_quoted_passage_is_refused(self):
        pair = QAPairFactory(prompt="In 2019 trade fell. What changed?")
        FactFactory(pair=pair, quote="In 2019 trade fell", in_prompt=True, value=None, unit="")
        pair.prompt = "What changed?"
        with self.assertRaises(ValidationError) as raised:
            pair.full_clean()
        self.assertIn("prompt", raised.exception.message_dict)

    def test_statement_prompts_are_not_questions(self):
        self.assertTrue(self.pair.is_question)
        self.assertFalse(QAPair(prompt="Among other topics on the bilateral agenda is space.").is_question)

    def test_answer_paragraphs_split_on_blank_lines(self):
        self.assertEqual(QAPair(answer="One.\r\n\r\nTwo\nlines.\n\n\n").answer_paragraphs, ["One.", "Two\nlines."])


class ArticleTests(TestCase):
    def test_slugs_are_unique(self):
        ArticleFactory(slug="same")
        with self.assertRaises(ValidationError):
            ArticleFactory.build(slug="same", interviewee=ArticleFactory().interviewee).full_clean()

    def test_published_without_time_gets_now_on_clean(self):
        article = ArticleFactory.build(
            status=Article.Status.PUBLISHED, published_at=None, interviewee=PersonFactory(), source=SourceFactory()
        )
        article.full_clean()
        self.assertLessEqual(article.published_at, timezone.now())

    def test_database_refuses_published_article_without_time(self):
        article = ArticleFactory(draft=True)
        article.status = Article.Status.PUBLISHED
        with transaction.atomic(), self.assertRaises(IntegrityError):
            article.save()

    def test_interview_needs_interviewee(self):
        article = ArticleFactory.build(interviewee=None, source=None)
        with self.assertRaises(ValidationError) as raised:
            article.full_clean()
        self.assertEqual(raised.exception.message_dict["interviewee"], ["An interview needs an interviewee."])

    def test_intro_edit_that_drops_a_quoted_passage_is_refused(self):
        article = ArticleFactory(intro="The minister visited Mexico City in 2024.")
        Fact.objects.create(article=article, statement="Visit.", quote="visited Mexico City")
        article.intro = "The minister stayed home."
        with self.assertRaises(ValidationError) as raised:
            article.full_clean()
        self.assertIn("visited Mexico City", raised.exception.message_dict["intro"][0])

    def test_published_queryset_hides_drafts_and_scheduled(self):
        visible = ArticleFactory()
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)
        self.assertQuerySetEqual(Article.objects.published(), [visible])

    def test_scheduled_article_becomes_visible_when_its_time_passes(self):
        published_at = datetime(2026, 3, 1, 12, tzinfo=UTC)
        ArticleFactory(published_at=published_at)
        for now, visible in [(-timedelta(seconds=1), False), (timedelta(0), True), (timedelta(days=1), True)]:
            with self.subTest(now), mock.patch("django.utils.timezone.now", return_value=published_at + now):
                self.assertEqual(Article.objects.published().exists(), visible)

    def test_pairs_and_facts_follow_their_articles_visibility(self):
        shown = FactFactory()
        FactFactory(pair=QAPairFactory(article=ArticleFactory(draft=True)))
        self.assertQuerySetEqual(Fact.objects.published(), [shown])
        self.assertQuerySetEqual(QAPair.objects.published(), [shown.pair])


class ThemeTests(TestCase):
    def test_theme_names_are_unique_ignoring_case(self):
        ThemeFactory(name="Aerospace", slug="aerospace")
        with self.assertRaises(ValidationError) as raised:
            Theme(name="AEROSPACE", slug="aerospace-2").full_clean()
        self.assertIn("names ignore case", str(raised.exception))

    def test_tagging_matches_existing_theme_case_insensitively(self):
        theme = ThemeFactory(name="Aerospace", slug="aerospace")
        fact = FactFactory()
        fact.themes.add("aerospace")
        self.assertEqual(list(fact.themes.all()), [theme])
        self.assertEqual(Theme.objects.count(), 1)

    def test_counts_include_only_published_content(self):
        theme = ThemeFactory()
        FactFactory(themes=[theme], pair=QAPairFactory(themes=[theme], article=ArticleFactory(themes=[theme])))
        draft = ArticleFactory(draft=True, themes=[theme])
        FactFactory(themes=[theme], pair=QAPairFactory(article=draft, themes=[theme]))
        counted = Theme.objects.with_counts().get(pk=theme.pk)
        self.assertEqual((counted.article_count, counted.pair_count, counted.fact_count), (1, 1, 1))
        everything = Theme.objects.with_counts(public=False).get(pk=theme.pk)
        self.assertEqual((everything.article_count, everything.pair_count, everything.fact_count), (2, 2, 2))


class FormattingTests(TestCase):
    def test_figures_read_as_people_write_them(self):
        self.assertEqual(format_figure(Decimal("19800000000"), "USD"), "$19.8 billion")
        self.assertEqual(format_figure(Decimal("9300000000.0000"), "USD"), "$9.3 billion")
        self.assertEqual(format_figure(Decimal("150000"), "jobs"), "150,000 jobs")
        self.assertEqual(format_figure(Decimal("16000000"), "people"), "16 million people")
        self.assertEqual(format_figure(Decimal("33.3"), "%"), "33.3%")
        self.assertEqual(format_figure(Decimal("1234567"), "people"), "1,234,567 people")
        self.assertEqual(format_figure(None, ""), "")

    def test_dates_read_at_their_precision(self):
        self.assertEqual(format_date(date(2000, 1, 1), "decade"), "2000s")
        self.assertEqual(format_date(date(2023, 1, 1), "year"), "2023")
        self.assertEqual(format_date(date(2024, 5, 1), "month"), "May 2024")
        self.assertEqual(format_date(date(2024, 6, 7), "day"), "7 June 2024")
