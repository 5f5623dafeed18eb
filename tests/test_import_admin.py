import codecs
import tempfile
from io import StringIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from articles.importer.drafts import create_draft
from articles.models import Article, QAPair

from .support.admin import member_of
from .support.factories import PersonFactory, SourceFactory
from .support.importing import IMPORT_URL, INTERVIEW, review_data

PAIRS = [
    (
        "What did the agencies sign?",
        "A memorandum on a launch base, signed last June by both agencies.\n\nIt covers a feasibility study.",
    ),
    ("How much will it cost?", "About $120 million over five years, and it should create 1,500 jobs."),
]


class ImportPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = member_of("Contributor")
        cls.person = PersonFactory(name="Ana Ruiz", slug="ana-ruiz")
        cls.source = SourceFactory(name="Space Weekly")

    def setUp(self):
        self.client.force_login(self.user)

    def test_changelist_links_to_the_import_page(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, f'href="{IMPORT_URL}"')
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 200)

    def test_import_page_needs_an_editor_login(self):
        self.client.logout()
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 302)

    def test_pasted_text_is_shown_for_review_before_anything_is_saved(self):
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": INTERVIEW})
        self.assertContains(response, "Review")
        self.assertEqual(response.context["pairs"].initial, [{"prompt": p, "answer": a} for p, a in PAIRS])
        self.assertEqual(response.context["form"].initial["source"], self.source)
        self.assertEqual(Article.objects.count(), 0)

    def test_an_unknown_source_is_pointed_to_by_its_fields_name_in_the_editors_language(self):
        """Regression: the Spanish review page said "agréguela con el + junto al campo Source"."""
        text = INTERVIEW.replace("Source: Space Weekly", "Fuente: El Financiero")
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": text}, HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(response, "junto al campo Fuente.")

    def test_uploaded_file_is_recognised_like_pasted_text(self):
        upload = SimpleUploadedFile("talk.txt", INTERVIEW.encode(), content_type="text/plain")
        response = self.client.post(IMPORT_URL, {"stage": "parse", "file": upload})
        self.assertEqual(len(response.context["pairs"].initial), 2)

    def test_a_file_in_another_encoding_than_utf8_is_read_and_the_review_says_which(self):
        """Regression: UTF-16 ("Unicode" in Notepad and Word) and Windows files were refused as not text."""
        korean = "한국 우주청과 멕시코\n\n질문: 무엇에 서명했나요?\n\n답변: 발사 기지에 관한 양해각서입니다."
        spanish = INTERVIEW.replace("the agencies", "las agencias de México")
        files = [
            ("UTF-16", codecs.BOM_UTF16_LE + INTERVIEW.encode("utf-16-le"), INTERVIEW),
            ("Korean Windows text (CP949)", korean.encode("cp949"), korean),
            ("Western Windows text (Windows-1252)", spanish.encode("cp1252"), spanish),
        ]
        for encoding, data, text in files:
            with self.subTest(encoding):
                upload = SimpleUploadedFile("talk.txt", data, content_type="text/plain")
                response = self.client.post(IMPORT_URL, {"stage": "parse", "file": upload})
                self.assertContains(response, f"The file is not UTF-8: it was read as {encoding}.")
                self.assertEqual(response.context["form"].initial["text"], text)
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": INTERVIEW})
        self.assertNotContains(response, "The file is not UTF-8")

    def test_a_text_without_a_title_is_reviewed_with_an_empty_title_to_fill(self):
        text = "Q: How much did companies invest?\nA: They invested 9 billion dollars.\nQ: When?\nA: In 2026."
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": text})
        self.assertEqual(response.context["form"].initial["title"], "")
        self.assertEqual(len(response.context["pairs"].initial), 2)

    def test_saving_the_corrected_review_creates_a_draft_and_offers_fact_suggestions(self):
        pairs = [("What exactly did the agencies sign?", PAIRS[0][1]), PAIRS[1]]
        response = self.client.post(IMPORT_URL, review_data(INTERVIEW, self.person, pairs))
        article = Article.objects.originals().get()
        self.assertRedirects(response, reverse("admin:articles_article_suggest_facts", args=[article.pk]))
        self.assertEqual(article.status, Article.Status.DRAFT)
        self.assertEqual(article.interviewee, self.person)
        self.assertEqual([p.prompt for p in article.pairs.all()], ["What exactly did the agencies sign?", PAIRS[1][0]])
        self.assertEqual(article.created_by, self.user)
        self.assertEqual(Version.objects.get_for_object(article).count(), 1)

    def test_importing_the_same_text_twice_says_so_and_creates_nothing(self):
        self.client.post(IMPORT_URL, review_data(INTERVIEW, self.person, PAIRS))
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": INTERVIEW.replace("\n\n", "\n\n\n")})
        self.assertContains(response, "This text was already imported as")
        response = self.client.post(IMPORT_URL, review_data(INTERVIEW, self.person, PAIRS))
        self.assertContains(response, "This text was already imported as")
        self.assertEqual(Article.objects.count(), 1)

    def test_bad_input_gets_a_clear_message_and_creates_nothing(self):
        cases = {
            "empty": {"text": "   "},
            "no pairs": {"text": "A title\n\nJust a paragraph.\n\nAnother one."},
            "binary": {"file": SimpleUploadedFile("x.txt", b"\x00\x01\x02binary", content_type="text/plain")},
            "too large": {"file": SimpleUploadedFile("x.txt", b"Q: a?\n\nA: b\n\n" * 30_000)},
            "both": {"text": INTERVIEW, "file": SimpleUploadedFile("x.txt", INTERVIEW.encode())},
        }
        for case, data in cases.items():
            response = self.client.post(IMPORT_URL, {"stage": "parse", **data})
            self.assertEqual(response.status_code, 200, case)
            self.assertTrue(response.context["form"].errors, case)
        self.assertEqual(Article.objects.count(), 0)

    def test_a_pasted_text_with_a_null_character_gets_that_one_message(self):
        """Regression: it also got "Paste a text or upload a file", though a text was pasted."""
        response = self.client.post(IMPORT_URL, {"stage": "parse", "text": INTERVIEW.replace("?", "\x00?", 1)})
        self.assertEqual(response.context["form"].errors, {"text": ["Null characters are not allowed."]})

    def test_review_with_errors_is_shown_again_and_nothing_is_saved(self):
        response = self.client.post(IMPORT_URL, review_data(INTERVIEW, self.person, PAIRS, interviewee=""))
        self.assertIn("interviewee", response.context["form"].errors)
        response = self.client.post(IMPORT_URL, review_data(INTERVIEW, self.person, [("Prompt?", "")]))
        self.assertTrue(response.context["pairs"].errors[0])
        self.assertEqual(Article.objects.count(), 0)

    def test_a_failing_pair_leaves_no_half_saved_article(self):
        with self.assertRaises(ValidationError):
            create_draft(
                text=INTERVIEW,
                title="Half",
                standfirst="",
                intro="",
                pairs=[("Fine?", "Yes."), ("Broken?", "")],
                interviewee=self.person,
                source=None,
                original_date=None,
            )
        self.assertEqual((Article.objects.count(), QAPair.objects.count()), (0, 0))


class ImportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = PersonFactory(slug="ana-ruiz")

    def import_file(self, content, *args):
        path = self.tmp / "talk.txt"
        path.write_bytes(content)
        out = StringIO()
        call_command("import_article", str(path), "--interviewee", "ana-ruiz", *args, stdout=out)
        return out.getvalue()

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = Path(directory.name)

    def test_command_creates_a_draft_and_refuses_the_same_text_twice(self):
        out = self.import_file(INTERVIEW.encode(), "--date", "2024-10-01")
        self.assertIn("with 2 pairs", out)
        article = Article.objects.originals().get()
        self.assertEqual((article.status, article.pairs.count()), (Article.Status.DRAFT, 2))
        with self.assertRaisesMessage(CommandError, "already imported"):
            self.import_file(INTERVIEW.encode())
        self.assertEqual(Article.objects.count(), 1)

    def test_command_reads_a_file_in_another_encoding_and_says_which(self):
        out = self.import_file(codecs.BOM_UTF16_LE + INTERVIEW.encode("utf-16-le"))
        self.assertIn("The file is not UTF-8: it was read as UTF-16.", out)
        self.assertEqual(Article.objects.originals().get().pairs.count(), 2)
        self.assertNotIn("not UTF-8", self.import_file(INTERVIEW.replace("June", "July").encode()))

    def test_command_keeps_the_language_dateline_and_byline_of_the_text(self):
        journalist = PersonFactory(name="Mariana López Ortega", slug="mlo")
        corpus = Path(__file__).resolve().parent / "importer_corpus" / "01_es-raya-embajador.txt"
        self.import_file(corpus.read_bytes())
        article = Article.objects.originals().get()
        self.assertEqual((article.language, str(article.original_date)), ("es", "2024-08-30"))
        self.assertEqual((article.interviewer, article.pairs.count()), (journalist, 7))

    def test_command_explains_bad_files_and_creates_nothing(self):
        for content in [b"", b"\x00\xff\xfe", b"Title\n\nNo questions here."]:
            with self.assertRaises(CommandError):
                self.import_file(content)
        with self.assertRaisesMessage(CommandError, "No person has the slug"):
            self.import_file(INTERVIEW.encode(), "--interviewee", "nobody")
        self.assertEqual(Article.objects.count(), 0)
