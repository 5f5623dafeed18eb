"""Importing a text in another language as the translation of an original, its pairs aligned with the original's."""

from unittest import mock

from django.db import IntegrityError
from django.test import TestCase
from django.urls import reverse

from articles.models import Article, Fact, Person, QAPair

from .support.admin import member_of
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory
from .support.importing import IMPORT_URL
from .support.translation import translation_url

SPANISH = """El comercio crece

Corea y México firman acuerdos.

El ministro habló con este diario en la Ciudad de México.

—¿Qué firmaron las agencias?

—Un memorando sobre una base de lanzamiento.

—¿Cuánto costará?

—Unos 120 millones de dólares en cinco años.

—¿Y el comercio?

—Llegó a 19.800 millones de dólares en 2023.
"""
ROWS = [
    ("¿Qué firmaron las agencias?", "Un memorando sobre una base de lanzamiento."),
    ("¿Cuánto costará?", "Unos 120 millones de dólares en cinco años."),
    ("¿Y el comercio?", "Llegó a 19.800 millones de dólares en 2023."),
]


def review(original, rows, **values):
    """The review stage's POST data for SPANISH with `rows`, as a translation of `original`."""
    data = {
        "stage": "save",
        "text": SPANISH,
        "title": "El comercio crece",
        "standfirst": "Corea y México firman acuerdos.",
        "intro": "El ministro habló con este diario en la Ciudad de México.",
        "language": "es",
        "translation_of": str(original.pk) if original else "",
        "interviewee": "",
        "source": "",
        "original_date": "",
        "pairs-TOTAL_FORMS": str(len(rows)),
        "pairs-INITIAL_FORMS": str(len(rows)),
        "pairs-MIN_NUM_FORMS": "1",
        "pairs-MAX_NUM_FORMS": "1000",
    }
    for index, (prompt, answer) in enumerate(rows):
        data[f"pairs-{index}-prompt"] = prompt
        data[f"pairs-{index}-answer"] = answer
    return {**data, **values}


def aligned(data, original, choices):
    """`data` with the alignment chosen: for each imported pair, the original pair (or None) it translates."""
    data = {**data, "aligned_with": str(original.pk)}
    for index, pair in enumerate(choices):
        data[f"pairs-{index}-original"] = str(pair.pk) if pair else ""
    return data


class ImportAsTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = member_of("Contributor")
        cls.minister = PersonFactory(name="Sang Min Lee", slug="sang-min-lee")
        cls.original = ArticleFactory(title="Trade grows", interviewee=cls.minister, language="en")
        cls.pairs = [
            QAPairFactory(article=cls.original, position=position, prompt=prompt, answer="Yes.")
            for position, prompt in enumerate(["What did they sign?", "What will it cost?", "And trade?"], 1)
        ]
        cls.fact = FactFactory(pair=cls.pairs[0], quote="Yes", value=None, unit="", statement="They signed.")

    def setUp(self):
        self.client.force_login(self.user)

    def test_the_review_page_offers_originals_and_shows_the_detected_language_with_its_evidence(self):
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": SPANISH})
        form = response.context["form"]
        self.assertEqual(form.initial["language"], "es")
        self.assertIn("translation_of", form.fields)
        self.assertContains(response, "Detected from the text: Spanish.")
        self.assertContains(response, "common Spanish words or marks against")

    def test_equal_counts_are_aligned_in_order_with_the_originals_pairs(self):
        response = self.client.post(IMPORT_URL, review(self.original, ROWS))
        translation = Article.objects.get(translation_of=self.original)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[translation.pk]))
        pairs = list(translation.pairs.order_by("position"))
        self.assertEqual([pair.original for pair in pairs], self.pairs)
        self.assertEqual([pair.anchor for pair in pairs], [pair.anchor for pair in self.pairs])
        self.assertEqual((translation.language, translation.interviewee), ("es", self.minister))
        self.assertFalse(translation.is_out_of_date)
        self.assertEqual(Fact.objects.count(), 1)

    def test_the_side_by_side_page_of_an_imported_translation_asks_for_its_facts_wordings(self):
        """Regression: it called every fact of the original, there before the import, "new in the original"."""
        self.client.post(IMPORT_URL, review(self.original, ROWS))
        translation = Article.objects.get(translation_of=self.original)
        response = self.client.get(translation_url(translation))
        self.assertContains(response, "Fact — not translated yet", html=False)
        self.assertNotContains(response, "new in the original")

    def test_differing_counts_are_refused_until_the_editor_aligns_them(self):
        rows = [ROWS[0], ROWS[2]]
        response = self.client.post(IMPORT_URL, review(self.original, rows))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This text has 2 pairs and the original 3")
        pairs = response.context["pairs"]
        self.assertEqual([form.initial["original"] for form in pairs.forms], [self.pairs[0].pk, self.pairs[1].pk])
        self.assertContains(response, f'name="aligned_with" value="{self.original.pk}"')
        self.assertFalse(Article.objects.filter(translation_of=self.original).exists())

        response = self.client.post(
            IMPORT_URL, aligned(review(self.original, rows), self.original, [self.pairs[0], self.pairs[2]])
        )
        translation = Article.objects.get(translation_of=self.original)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[translation.pk]))
        self.assertEqual(
            [(pair.position, pair.original) for pair in translation.pairs.order_by("position")],
            [(1, self.pairs[0]), (3, self.pairs[2])],
        )

    def test_a_pair_that_translates_none_follows_the_aligned_ones(self):
        rows = [*ROWS, ("¿Algo más?", "Nada más.")]
        self.client.post(IMPORT_URL, aligned(review(self.original, rows), self.original, [None, *self.pairs]))
        translation = Article.objects.get(translation_of=self.original)
        pairs = list(translation.pairs.order_by("position"))
        self.assertEqual([pair.original for pair in pairs], [*self.pairs, None])
        self.assertEqual(pairs[-1].prompt, "¿Qué firmaron las agencias?")

    def test_an_original_pair_used_twice_or_out_of_order_is_refused_and_nothing_is_saved(self):
        people = Person.objects.count()
        for choices, message in [
            ([self.pairs[0], self.pairs[0], None], "Pairs 1 and 2 both translate pair 1 of the original"),
            ([self.pairs[1], self.pairs[0], None], "keep the original&#x27;s order"),
        ]:
            with self.subTest(message=message):
                data = aligned(review(self.original, ROWS, new_interviewer="Mariana López"), self.original, choices)
                response = self.client.post(IMPORT_URL, data)
                self.assertContains(response, message)
                self.assertEqual(response.context["pairs"].forms[1]["prompt"].value(), ROWS[1][0])
        self.assertFalse(Article.objects.filter(translation_of=self.original).exists())
        self.assertEqual((QAPair.objects.count(), Person.objects.count()), (3, people))

    def test_an_alignment_chosen_for_another_original_is_not_used(self):
        other = ArticleFactory(title="Other", language="en")
        QAPairFactory(article=other, position=1)
        data = aligned(review(self.original, [ROWS[0]]), other, [other.pairs.get()])
        response = self.client.post(IMPORT_URL, data)
        self.assertContains(response, "This text has 1 pairs and the original 3")
        self.assertFalse(Article.objects.filter(translation_of__isnull=False).exists())

    def test_an_original_in_the_same_language_or_already_translated_is_refused_with_a_message(self):
        response = self.client.post(IMPORT_URL, review(self.original, ROWS, language="en"))
        self.assertContains(response, "a translation is in another language than its original")
        self.client.post(IMPORT_URL, review(self.original, ROWS))
        response = self.client.post(IMPORT_URL, review(self.original, ROWS, text=SPANISH + "\nOtra vez."))
        self.assertContains(response, "The original already has a translation in this language.")
        self.assertEqual(Article.objects.filter(translation_of=self.original).count(), 1)

    def test_a_translation_is_not_offered_as_an_original(self):
        self.client.post(IMPORT_URL, review(self.original, ROWS))
        translation = Article.objects.get(translation_of=self.original)
        response = self.client.post(IMPORT_URL, review(translation, ROWS, language="ko", text=SPANISH + "\n."))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["translation_of"])

    def test_an_original_still_needs_its_interviewee(self):
        response = self.client.post(IMPORT_URL, review(None, ROWS))
        self.assertTrue(response.context["form"].errors["interviewee"])
        self.assertFalse(Article.objects.filter(title="El comercio crece").exists())

    def test_suggesting_facts_on_a_translation_is_refused_with_a_message(self):
        self.client.post(IMPORT_URL, review(self.original, ROWS))
        translation = Article.objects.get(translation_of=self.original)
        url = reverse("admin:articles_article_suggest_facts", args=[translation.pk])
        response = self.client.get(url, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[translation.pk]))
        self.assertContains(response, "its facts are those of its original")
        self.assertNotContains(response, url)
        self.assertEqual(self.client.post(url, {}).status_code, 302)
        self.assertEqual(Fact.objects.count(), 1)

    def test_editing_the_pairs_of_a_translation_offers_their_alignment_in_order(self):
        data = review(self.original, ROWS, edit="merge:0")
        response = self.client.post(IMPORT_URL, data)
        forms = response.context["pairs"].forms
        self.assertEqual([form.initial["original"] for form in forms], [self.pairs[0].pk, self.pairs[1].pk])
        self.assertContains(response, f'name="aligned_with" value="{self.original.pk}"')
        self.assertContains(response, "Translates")

    def test_a_translation_saved_meanwhile_by_another_editor_is_a_message_not_an_error(self):
        with mock.patch("articles.admin.import_page.create_draft", side_effect=IntegrityError):
            response = self.client.post(IMPORT_URL, review(self.original, ROWS))
        self.assertContains(response, "while you were reviewing; nothing was saved")
