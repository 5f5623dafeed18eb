"""The import page's review: what it reads from a text, the editing buttons, the people, and oversized requests."""

from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.importer.drafts import create_draft
from articles.importer.review import EditRefused, Review, apply_edit, paragraph_check
from articles.models import Article, Person, QAPair

from .support.admin import member_of
from .support.factories import PersonFactory, SourceFactory
from .support.importing import IMPORT_URL, review_data

SPANISH = """«México es la puerta de Corea a Norteamérica»

El embajador repasa el comercio bilateral.

Por Mariana López Ortega

Publicado el 30 de agosto de 2024

Foto: El embajador en su residencia. Cuartoscuro

Kim Sang-woo recibió a este diario en la residencia oficial.

—Muchas empresas coreanas llegaron hace más de una década.

—Así es. Samsung abrió su planta de Querétaro en 1988.

—¿Habrá tratado antes de 2026?

—No quiero dar una fecha.

Fuente: El Universal
"""
HTML = (
    "<h1>Corea <b>y</b> M&eacute;xico</h1><p>Entradilla &amp; m&aacute;s.</p>"
    "<p><strong>Pregunta:</strong> &iquest;Por qu&eacute;?</p>"
    "<p><strong>Respuesta:</strong> Porque s&iacute;.<br>Y ya.</p>"
)
PAIRS = [
    ("First?", "One.\n\nTwo.\n\nThree?\n\nFour."),
    ("Second?", "Answer two."),
    ("Third?", "Answer three."),
]


def edited(review, operation):
    return apply_edit(review, operation)[0]


def check(text):
    return paragraph_check(text)


class EditOperationTests(TestCase):
    """The review's editing operations keep every paragraph somewhere, or refuse."""

    def setUp(self):
        self.review = Review(intro="Intro one.\n\nWhy now?\n\nBecause.", rows=list(PAIRS))

    def test_a_paragraph_of_an_answer_becomes_the_prompt_of_a_new_pair_with_the_rest_as_answer(self):
        review = edited(self.review, f"prompt:0:2:{check('Three?')}")
        self.assertEqual(review.rows[:2], [("First?", "One.\n\nTwo."), ("Three?", "Four.")])
        self.assertEqual(len(review.rows), 4)

    def test_splitting_leaves_the_new_prompt_to_write(self):
        review = edited(self.review, f"split:0:1:{check('Two.')}")
        self.assertEqual(review.rows[:2], [("First?", "One."), ("", "Two.\n\nThree?\n\nFour.")])

    def test_a_paragraph_of_the_intro_becomes_the_first_prompt_and_the_rest_its_answer(self):
        review = edited(self.review, f"intro:1:{check('Why now?')}")
        self.assertEqual(review.intro, "Intro one.")
        self.assertEqual(review.rows[0], ("Why now?", "Because."))

    def test_merging_makes_the_next_prompt_a_paragraph_of_the_answer(self):
        review = edited(self.review, "merge:1")
        self.assertEqual(review.rows[1:], [("Second?", "Answer two.\n\nThird?\n\nAnswer three.")])

    def test_moving_adding_and_deleting_pairs(self):
        self.assertEqual([p for p, _ in edited(self.review, "up:2").rows], ["First?", "Third?", "Second?"])
        self.assertEqual([p for p, _ in edited(self.review, "down:0").rows], ["Second?", "First?", "Third?"])
        self.assertEqual(edited(self.review, "add:0").rows[1], ("", ""))
        self.assertEqual([p for p, _ in edited(self.review, "delete:1").rows], ["First?", "Third?"])

    def test_operations_that_name_nothing_or_a_changed_paragraph_are_refused(self):
        for operation in [
            "up:0",
            "down:2",
            "merge:2",
            "delete:7",
            "add:-1",
            "prompt:0:0:" + check("One."),
            "prompt:0:2:" + check("Changed?"),
            "intro:5:abc",
            "explode:1",
            "merge",
            "merge:x",
            "merge:²",
            "split:0:1",
        ]:
            with self.subTest(operation=operation), self.assertRaises(EditRefused):
                apply_edit(self.review, operation)
        with self.assertRaises(EditRefused):
            apply_edit(Review("", [("Only?", "Yes.")]), "delete:0")


class ReviewPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = member_of("Contributor")
        cls.person = PersonFactory(name="Kim Sang-woo", slug="kim-sang-woo")

    def setUp(self):
        self.client.force_login(self.user)

    def recognise(self, text):
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": text})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_source_a_text_names_is_found_written_otherwise(self):
        """Regression: "Fuente: El Universal" offered a new source beside an existing "EL UNIVERSAL."."""
        source = SourceFactory(name="EL UNIVERSAL.")
        response = self.recognise(SPANISH)
        self.assertEqual(response.context["form"].initial["source"], source)

    def test_a_spanish_raya_interview_is_read_with_its_language_date_interviewer_and_furniture(self):
        """Regression: saved as English, the dateline as standfirst, a statement turn in the intro."""
        source = SourceFactory(name="El Universal")
        response = self.recognise(SPANISH)
        initial = response.context["form"].initial
        self.assertEqual(initial["language"], "es")
        self.assertEqual(str(initial["original_date"]), "2024-08-30")
        self.assertEqual(initial["standfirst"], "El embajador repasa el comercio bilateral.")
        self.assertEqual(initial["intro"], "Kim Sang-woo recibió a este diario en la residencia oficial.")
        self.assertEqual((initial["interviewer"], initial["new_interviewer"]), (None, "Mariana López Ortega"))
        self.assertEqual(initial["source"], source)
        self.assertEqual(
            response.context["pairs"].initial[0],
            {
                "prompt": "Muchas empresas coreanas llegaron hace más de una década.",
                "answer": "Así es. Samsung abrió su planta de Querétaro en 1988.",
            },
        )
        self.assertContains(response, '<option value="es" selected>Spanish</option>', html=True)
        self.assertContains(response, "Photo caption: “Foto: El embajador en su residencia. Cuartoscuro”")
        self.assertContains(response, "prompts introduced by a dash; 2 question/answer pairs")

    def test_the_detected_language_is_shown_with_its_evidence_and_the_editors_correction_is_saved(self):
        response = self.recognise(SPANISH)
        self.assertContains(response, "Detected from the text: Spanish.")
        self.assertContains(response, "common Spanish words or marks against")
        data = review_data(SPANISH, self.person, [("¿Por qué?", "Porque sí.")], language="en")
        self.client.post(IMPORT_URL, data)
        self.assertEqual(Article.objects.get().language, "en")
        refused = self.client.post(
            IMPORT_URL, review_data(SPANISH + "\nOtro.", self.person, [("A?", "B.")], language="fr")
        )
        self.assertTrue(refused.context["form"].errors["language"])
        self.assertContains(refused, "Detected from the text: Spanish.")

    def test_a_byline_naming_a_known_person_chooses_them_as_interviewer(self):
        known = PersonFactory(name="Mariana López Ortega", slug="mlo")
        initial = self.recognise(SPANISH).context["form"].initial
        self.assertEqual((initial["interviewer"], initial["new_interviewer"]), (known, ""))

    def test_saving_names_the_new_interviewer_a_person_and_keeps_language_and_date(self):
        data = review_data(SPANISH, self.person, [("¿Por qué?", "Porque sí.")])
        data.update(language="es", new_interviewer="Mariana López Ortega", original_date="2024-08-30")
        self.client.post(IMPORT_URL, data)
        article = Article.objects.originals().get()
        self.assertEqual((article.language, str(article.original_date)), ("es", "2024-08-30"))
        self.assertEqual(article.original_date_precision, "day")
        self.assertEqual(article.interviewer, Person.objects.get(name="Mariana López Ortega"))

    def test_an_interviewer_chosen_and_a_new_one_named_is_refused_and_nothing_is_saved(self):
        data = review_data(SPANISH, self.person, [("¿Por qué?", "Porque sí.")])
        data.update(interviewer=str(self.person.pk), new_interviewer="Mariana López Ortega")
        response = self.client.post(IMPORT_URL, data)
        self.assertIn("new_interviewer", response.context["form"].errors)
        self.assertEqual((Article.objects.count(), Person.objects.count()), (0, 1))

    def test_people_are_chosen_by_autocomplete_with_a_link_to_add_one(self):
        response = self.recognise(SPANISH)
        for field in ["interviewee", "interviewer"]:
            self.assertContains(response, f'id="id_{field}" class="admin-autocomplete')
            self.assertContains(response, f'id="add_id_{field}"')
        self.assertContains(response, "/admin/articles/person/add/?_to_field=id&amp;_popup=1")
        self.assertContains(response, "admin/js/autocomplete.")

    def test_pasted_html_is_read_as_text_and_the_slug_holds_no_markup(self):
        """Regression: tags stayed in the text as written, down to the slug ("corea-by-mexico")."""
        for data in [
            {"text": HTML},
            {"file": SimpleUploadedFile("page.html", HTML.encode(), content_type="text/html")},
        ]:
            with self.subTest(data=list(data)):
                response = self.client.post(IMPORT_URL, {"stage": "parse", **data})
                self.assertEqual(response.context["form"].initial["title"], "Corea y México")
                self.assertEqual(response.context["form"].initial["standfirst"], "Entradilla & más.")
                self.assertEqual(
                    response.context["pairs"].initial, [{"prompt": "¿Por qué?", "answer": "Porque sí.\nY ya."}]
                )
        self.client.post(IMPORT_URL, review_data(HTML, self.person, [("¿Por qué?", "Sí.")], title="<b>Corea</b> hoy"))
        self.assertEqual(Article.objects.originals().get().slug, "corea-hoy")

    def test_an_editing_button_applies_its_change_and_keeps_everything_typed_unsaved(self):
        data = review_data(SPANISH, self.person, PAIRS, title="A title I typed", standfirst="Mine.")
        data["edit"] = f"prompt:0:2:{check('Three?')}"
        response = self.client.post(IMPORT_URL, data)
        self.assertEqual(Article.objects.count(), 0)
        form, pairs = response.context["form"], response.context["pairs"]
        self.assertEqual((form["title"].value(), form["standfirst"].value()), ("A title I typed", "Mine."))
        self.assertEqual(str(form["interviewee"].value()), str(self.person.pk))
        self.assertEqual(
            [(row["prompt"].value(), row["answer"].value()) for row in pairs.forms],
            [("First?", "One.\n\nTwo."), ("Three?", "Four."), *PAIRS[1:]],
        )
        self.assertContains(response, "The paragraph is now the prompt of pair 2.")
        self.assertContains(response, 'id="pair-4"')
        self.assertNotContains(response, "This field is required")

    def test_texts_posted_with_browser_line_endings_are_saved_with_plain_newlines(self):
        """Regression: a textarea's CRLF line endings were saved, and a merge mixed them with plain ones."""
        data = review_data(SPANISH, self.person, [("¿Uno?", "A.\r\n\r\nB."), ("¿Dos?", "C.")], intro="I.\r\n\r\nJ.")
        response = self.client.post(IMPORT_URL, {**data, "edit": "merge:0"})
        self.assertEqual(response.context["pairs"].initial, [{"prompt": "¿Uno?", "answer": "A.\n\nB.\n\n¿Dos?\n\nC."}])
        self.assertEqual(response.context["form"].initial["intro"], "I.\n\nJ.")
        self.client.post(IMPORT_URL, data)
        article = Article.objects.originals().get()
        self.assertEqual((article.intro, article.pairs.first().answer), ("I.\n\nJ.", "A.\n\nB."))

    def test_an_editing_button_with_unsaveable_rows_still_applies(self):
        data = review_data(SPANISH, self.person, [("", "An answer without prompt."), ("Why?", "")], interviewee="")
        data["edit"] = "merge:0"
        response = self.client.post(IMPORT_URL, data)
        rows = [(row["prompt"].value(), row["answer"].value()) for row in response.context["pairs"].forms]
        self.assertEqual(rows, [("", "An answer without prompt.\n\nWhy?")])

    def test_the_review_page_queries_as_much_for_thirty_pairs_as_for_three(self):
        counts = []
        for pairs in [PAIRS, PAIRS * 10]:
            data = {**review_data(SPANISH, self.person, pairs, interviewer=str(self.person.pk)), "edit": "merge:0"}
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.post(IMPORT_URL, data).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_a_forged_or_stale_editing_button_changes_nothing_and_says_so(self):
        data = review_data(SPANISH, self.person, PAIRS)
        data["edit"] = "prompt:0:2:0123456789ab"
        response = self.client.post(IMPORT_URL, data)
        self.assertContains(response, "That paragraph was changed after the page was shown")
        rows = [(row["prompt"].value(), row["answer"].value()) for row in response.context["pairs"].forms]
        self.assertEqual(rows, PAIRS)

    def test_two_saves_of_one_text_at_once_create_one_article_and_say_so(self):
        """The second save passes the duplicate check before the first commits, and meets its fingerprint."""
        data = review_data(SPANISH, self.person, [("¿Por qué?", "Porque sí.")])
        self.client.post(IMPORT_URL, data)
        first = Article.objects.originals().get()
        with (
            mock.patch("articles.admin.import_page.imported_from", side_effect=[None, first]),
            mock.patch.object(Article, "validate_constraints"),
        ):
            response = self.client.post(IMPORT_URL, data)
        self.assertContains(response, "This text was already imported as")
        self.assertEqual((Article.objects.count(), QAPair.objects.count()), (1, 1))

    def test_the_review_and_its_save_are_atomic(self):
        """A pair that fails validation leaves no article, pairs, nor the new interviewer."""
        with self.assertRaises(ValidationError):
            create_draft(
                text=SPANISH,
                title="Half",
                standfirst="",
                intro="",
                pairs=[("Fine?", "Yes."), ("Broken?", "")],
                interviewee=self.person,
                source=None,
                original_date=None,
                new_interviewer="Nueva Persona",
            )
        self.assertEqual((Article.objects.count(), QAPair.objects.count(), Person.objects.count()), (0, 0, 1))


class OversizedRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = member_of("Contributor")

    def test_a_paste_larger_than_a_request_may_be_gets_the_import_page_with_the_limit(self):
        """Regression: a 5 MB paste was answered with a bare 400 and no page."""
        self.client.force_login(self.user)
        for encoding in ["multipart", "urlencoded"]:
            with self.subTest(encoding=encoding):
                data = {"stage": "parse", "text": "Q: Why?\n\nA: " + "x" * 5_000_000}
                if encoding == "multipart":
                    response = self.client.post(IMPORT_URL, data)
                else:
                    body = "stage=parse&text=" + "x" * 5_000_000
                    response = self.client.post(IMPORT_URL, body, content_type="application/x-www-form-urlencoded")
                self.assertEqual(response.status_code, 413)
                self.assertContains(response, "more than a page can send (2,621 KB)", status_code=413)
                self.assertContains(response, "interviews of up to 200 KB", status_code=413)
                self.assertContains(response, 'name="text"', status_code=413)
        self.assertEqual(Article.objects.count(), 0)

    def test_the_import_page_still_checks_csrf(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        self.assertEqual(client.post(IMPORT_URL, {"stage": "parse", "text": SPANISH}).status_code, 403)
        token = client.get(IMPORT_URL).context["csrf_token"]
        response = client.post(IMPORT_URL, {"stage": "parse", "text": SPANISH, "csrfmiddlewaretoken": str(token)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("pairs", response.context)

    def test_the_import_page_needs_the_add_permission(self):
        self.client.force_login(member_of("Contributor"))
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 200)
        self.client.logout()
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": "x" * 3_000_000})
        self.assertRedirects(response, f"{reverse('admin:login')}?next={IMPORT_URL}")
