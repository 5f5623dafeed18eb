"""The translation workflow in the admin: Translate into… and the side-by-side page."""

import re
from datetime import timedelta
from html import unescape

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from reversion.models import Revision, Version

from articles.admin.translation_page import translation_state
from articles.models import Article, FactWording

from .support.admin import member_of
from .support.factories import ArticleFactory, FactFactory, QAPairFactory
from .support.translation import interview, page_data, spanish, translation_url


@override_settings(PAGE_CACHE=False)
class TranslateIntoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=3)
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_an_originals_page_has_the_button_and_a_translations_page_leads_side_by_side(self):
        response = self.client.get(reverse("admin:articles_article_change", args=[self.original.pk]))
        self.assertContains(response, reverse("admin:articles_article_translate", args=[self.original.pk]))
        translation = spanish(self.original)
        response = self.client.get(reverse("admin:articles_article_change", args=[translation.pk]))
        self.assertNotContains(response, reverse("admin:articles_article_translate", args=[translation.pk]))
        self.assertContains(response, translation_url(translation))

    def test_the_form_offers_the_languages_the_article_has_no_version_in(self):
        spanish(self.original)
        response = self.client.get(reverse("admin:articles_article_translate", args=[self.original.pk]))
        self.assertEqual([code for code, _ in response.context["form"].fields["language"].choices], ["ko"])

    def test_translating_creates_a_draft_with_the_originals_structure_and_opens_it_side_by_side(self):
        response = self.client.post(
            reverse("admin:articles_article_translate", args=[self.original.pk]), {"language": "ko"}
        )
        korean = Article.objects.get(translation_of=self.original, language="ko")
        self.assertRedirects(response, translation_url(korean))
        self.assertEqual(korean.status, Article.Status.DRAFT)
        originals = list(self.original.pairs.order_by("position"))
        copies = list(korean.pairs.order_by("position"))
        self.assertEqual([pair.original for pair in copies], originals)
        self.assertEqual([pair.anchor for pair in copies], [pair.anchor for pair in originals])
        self.assertEqual([pair.answer for pair in copies], [pair.answer for pair in originals])
        wordings = {wording.fact: wording for wording in korean.wordings.all()}
        self.assertEqual(set(wordings), set(self.original.facts.all()))
        self.assertTrue(all(wording.quote == fact.quote for fact, wording in wordings.items()))

    def test_a_language_taken_meanwhile_is_refused_in_the_form(self):
        url = reverse("admin:articles_article_translate", args=[self.original.pk])
        self.client.get(url)
        spanish(self.original)
        response = self.client.post(url, {"language": "es"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["language"])
        self.assertEqual(Article.objects.filter(translation_of=self.original).count(), 1)

    def test_a_translation_is_not_translated_again(self):
        translation = spanish(self.original)
        response = self.client.post(
            reverse("admin:articles_article_translate", args=[translation.pk]), {"language": "ko"}
        )
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[translation.pk]))
        self.assertFalse(Article.objects.filter(language="ko").exists())

    def test_the_list_action_opens_the_form_of_the_one_original_selected(self):
        changelist = reverse("admin:articles_article_changelist")
        response = self.client.post(changelist, {"action": "translate", "_selected_action": [self.original.pk]})
        self.assertRedirects(response, reverse("admin:articles_article_translate", args=[self.original.pk]))
        other = ArticleFactory()
        response = self.client.post(
            changelist, {"action": "translate", "_selected_action": [self.original.pk, other.pk]}, follow=True
        )
        self.assertContains(response, "Select one original article to translate.")

    def test_the_list_shows_each_articles_language(self):
        spanish(self.original)
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, '<td class="field-language">Spanish</td>', html=True)
        self.assertContains(response, '<td class="field-language">English</td>', html=True)

    def test_the_list_says_when_readers_see_a_translation_waiting_for_its_original(self):
        """A translation published before its original was listed as published at its own, earlier time."""
        translation = spanish(self.original)
        now = timezone.now()
        # Its own time later than now: scheduled by itself, were its original not a draft.
        translation.status, translation.published_at = Article.Status.PUBLISHED, now + timedelta(days=1)
        translation.save()
        later = now + timedelta(days=3)
        cases = [
            (Article.Status.PUBLISHED, "scheduled", "Scheduled", formats.localize(timezone.localtime(later))),
            (Article.Status.DRAFT, "waiting", "Waiting for its original", "-"),
        ]
        changelist = reverse("admin:articles_article_changelist")
        for status, value, state, public_from in cases:
            with self.subTest(state=state):
                Article.objects.filter(pk=self.original.pk).update(status=status, published_at=later)
                row = self.row(self.client.get(changelist, {"language__exact": "es"}), translation)
                self.assertEqual(row["state"], state)
                self.assertEqual(row["public_from"], public_from)
                filtered = self.client.get(changelist, {"state": value})
                self.assertIn(translation, filtered.context["cl"].result_list)
                for other in {"scheduled", "waiting", "published"} - {value}:
                    listed = self.client.get(changelist, {"state": other}).context["cl"].result_list
                    self.assertNotIn(translation, listed, other)

    @staticmethod
    def row(response, article):
        """Return the cells of `article`'s row in the changelist, by field name."""
        html = response.content.decode()
        start = html.index(f'value="{article.pk}"')
        row = html[start : html.index("</tr>", start)]
        return {
            name: unescape(text).strip() for name, text in re.findall(r'class="field-(\w+)[^"]*">(.*?)</t[dh]>', row)
        }


@override_settings(PAGE_CACHE=False)
class SideBySideTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=2)
        cls.translation = spanish(cls.original)
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def post(self, article=None, **changes):
        article = article or self.translation
        data = {**page_data(self.client.get(translation_url(article))), **changes}
        return self.client.post(translation_url(article), data)

    def names(self):
        pairs = list(self.original.pairs.order_by("position"))
        facts = {fact.pair_id: fact for fact in self.original.facts.all()}
        return pairs, facts

    def test_the_page_shows_the_original_read_only_beside_the_translations_fields(self):
        response = self.client.get(translation_url(self.translation))
        pair = self.original.pairs.first()
        self.assertContains(response, '<div class="original-text" lang="en">', count=3 + 2 * 2 + 2)
        self.assertContains(response, f'name="pair-{pair.pk}-answer"')
        self.assertContains(response, "¿Y el sector 1?")
        self.assertContains(response, "What about sector 1?")
        self.assertContains(response, 'name="_mark_reviewed"')

    def test_the_spanish_page_names_the_languages_in_lower_case(self):
        """Regression: "El original en Inglés … la traducción en Español", capitalised as in a list."""
        response = self.client.get(translation_url(self.translation), headers={"accept-language": "es"})
        self.assertContains(response, "El original en inglés a la izquierda")
        self.assertContains(response, "la traducción en español (")

    def test_an_original_has_no_side_by_side_page(self):
        response = self.client.get(translation_url(self.original))
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[self.original.pk]))

    def test_a_save_changes_texts_pairs_and_wordings_at_once_in_one_version(self):
        pairs, facts = self.names()
        fact = facts[pairs[0].pk]
        revisions = Revision.objects.count()
        response = self.post(
            title="Una entrevista",
            **{
                f"pair-{pairs[0].pk}-answer": "El sector 1 crea 5.000 empleos nuevos.",
                f"fact-{fact.pk}-statement": "El sector 1 crea empleos.",
                f"fact-{fact.pk}-quote": "crea 5.000 empleos nuevos",
            },
        )
        self.assertRedirects(response, translation_url(self.translation))
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.title, "Una entrevista")
        self.assertEqual(self.translation.updated_by, self.editor)
        self.assertEqual(self.translation.pairs.get(original=pairs[0]).answer, "El sector 1 crea 5.000 empleos nuevos.")
        wording = FactWording.objects.get(article=self.translation, fact=fact)
        self.assertEqual((wording.statement, wording.quote), ("El sector 1 crea empleos.", "crea 5.000 empleos nuevos"))
        self.assertEqual(Revision.objects.count(), revisions + 1)
        versions = Version.objects.filter(revision=Revision.objects.latest("pk"))
        self.assertEqual(versions.get_for_object(self.translation).count(), 1)
        self.assertEqual(versions.count(), 1 + 2 + 2)

    def test_a_quote_typed_with_straight_marks_is_saved_as_the_translated_answer_writes_it(self):
        pairs, facts = self.names()
        fact = facts[pairs[0].pk]
        response = self.post(
            **{
                f"pair-{pairs[0].pk}-answer": "El sector 1 crea «5.000 empleos»\u00a0nuevos.",
                f"fact-{fact.pk}-statement": "El sector 1 crea empleos.",
                f"fact-{fact.pk}-quote": 'crea "5.000 empleos" nuevos',
            },
        )
        self.assertRedirects(response, translation_url(self.translation))
        wording = FactWording.objects.get(article=self.translation, fact=fact)
        self.assertEqual(wording.quote, "crea «5.000 empleos»\u00a0nuevos")

    def test_a_quote_not_in_the_translated_answer_is_refused_on_its_field_keeping_what_was_typed(self):
        pairs, facts = self.names()
        fact = facts[pairs[1].pk]
        response = self.post(
            title="Título tecleado",
            **{
                f"pair-{pairs[1].pk}-answer": "Crea muchos empleos.",
                f"fact-{fact.pk}-quote": "Crea 5.000 empleos",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors[f"fact-{fact.pk}-quote"],
            ["These words do not appear verbatim in the translated answer of the Q&A pair."],
        )
        self.assertContains(response, "Título tecleado")
        self.assertContains(response, "Crea muchos empleos.")
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.title, "Entrevista")

    def test_a_save_after_someone_saved_the_translation_is_refused_keeping_what_was_typed(self):
        data = page_data(self.client.get(translation_url(self.translation)))
        pair = self.translation.pairs.first()
        pair.prompt = "¿Cambiado por otra persona?"
        pair.save()
        response = self.client.post(translation_url(self.translation), {**data, "title": "Mi título"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Changes to this translation were saved after you opened this page.")
        self.assertContains(response, "Nothing was saved.")
        self.assertContains(response, "Mi título")
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.title, "Entrevista")

    def test_a_save_after_the_original_changed_is_refused_saying_so(self):
        data = page_data(self.client.get(translation_url(self.translation)))
        pair = self.original.pairs.first()
        pair.answer += " And more."
        pair.save()
        response = self.client.post(translation_url(self.translation), {**data, "title": "Mi título"})
        self.assertContains(response, "Changes to the words of the original were saved after you opened this page.")
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.title, "Entrevista")

    def test_a_save_without_its_loaded_state_is_refused(self):
        data = page_data(self.client.get(translation_url(self.translation)))
        response = self.client.post(translation_url(self.translation), {**data, "loaded_state": "forged"})
        self.assertContains(response, "This form does not say which version it was opened on")

    def test_the_state_covers_the_wordings(self):
        before = translation_state(self.translation.pk, self.original.pk)
        FactWording.objects.filter(article=self.translation).update(statement="Otra frase.")
        self.assertNotEqual(translation_state(self.translation.pk, self.original.pk), before)

    def test_pairs_and_facts_the_original_gained_are_optional_rows_to_fill(self):
        added = QAPairFactory(
            article=self.original, position=3, prompt="And trade?", answer="Trade reached $2 billion."
        )
        fact = FactFactory(pair=added, statement="Trade reached $2 billion.", quote="$2 billion", value=2, unit="USD")
        response = self.client.get(translation_url(self.translation))
        self.assertContains(response, "not translated yet: translate it, or leave it empty")
        self.assertRedirects(self.post(), translation_url(self.translation))
        self.assertFalse(self.translation.pairs.filter(original=added).exists())

        response = self.post(**{f"fact-{fact.pk}-statement": "El comercio llegó a 2.000 millones."})
        self.assertEqual(
            response.context["form"].errors[f"fact-{fact.pk}-quote"], ["Fill in both or leave both empty."]
        )
        response = self.post(
            **{f"fact-{fact.pk}-statement": "El comercio llegó a 2.000 millones.", f"fact-{fact.pk}-quote": "2.000"}
        )
        self.assertEqual(
            response.context["form"].errors[f"fact-{fact.pk}-quote"],
            ["Translate this fact's Q&A pair first: the quote is found in it."],
        )
        response = self.post(
            **{
                f"pair-{added.pk}-prompt": "¿Y el comercio?",
                f"pair-{added.pk}-answer": "El comercio llegó a 2.000 millones de dólares.",
                f"fact-{fact.pk}-statement": "El comercio llegó a 2.000 millones.",
                f"fact-{fact.pk}-quote": "2.000 millones de dólares",
            }
        )
        self.assertRedirects(response, translation_url(self.translation))
        copy = self.translation.pairs.get(original=added)
        self.assertEqual((copy.position, copy.anchor), (added.position, added.anchor))
        self.assertEqual(
            FactWording.objects.get(article=self.translation, fact=fact).quote, "2.000 millones de dólares"
        )

    def test_queries_do_not_grow_with_the_pairs(self):
        counts = []
        for pairs in (2, 8):
            original = interview(pairs=pairs)
            translation = spanish(original)
            with CaptureQueriesContext(connection) as shown:
                response = self.client.get(translation_url(translation))
            data = page_data(response)
            data.update({name: f"{value} ¡editado!" for name, value in data.items() if name.endswith("-prompt")})
            with CaptureQueriesContext(connection) as saved:
                response = self.client.post(translation_url(translation), data)
            self.assertEqual(response.status_code, 302)
            counts.append((len(shown), len(saved)))
        self.assertEqual(counts[0], counts[1])
