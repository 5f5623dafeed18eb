"""
The citation downloads of articles and facts: each format parsed back (BibTeX fields, RIS tags,
CSL-JSON keys), BibTeX escaping, the page's language, 404s for anything unpublished, query counts.
"""

import json
import re
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Article, Fact

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory

RIS_LINE = re.compile(r"([A-Z][A-Z0-9])  - (.*)")
BIBTEX_ENTRY = re.compile(r"@(\w+)\{([^,\s]+),\n(.*)\n\}\n", re.DOTALL)
BIBTEX_UNESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    **{f"\\{character}": character for character in "{}%&$#_"},
}
MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


def bibtex_fields(text):
    """
    Parse one BibTeX entry as a reference manager does: return its type, key and fields, each
    field's value read up to its matching brace (escaped braces do not count), unescaped.
    """
    match = BIBTEX_ENTRY.fullmatch(text)
    assert match, text
    kind, key, body = match.groups()
    fields = {}
    position = 0
    while position < len(body):
        name_match = re.compile(r"\s*(\w+) = \{").match(body, position)
        assert name_match, body[position:]
        depth, index = 1, name_match.end()
        while depth:
            character = body[index]
            if character == "\\":
                index += 2
                continue
            depth += {"{": 1, "}": -1}.get(character, 0)
            index += 1
        value = body[name_match.end() : index - 1]
        for escaped, character in BIBTEX_UNESCAPES.items():
            value = value.replace(escaped, character)
        fields[name_match[1]] = value
        position = index + 1 if body[index : index + 1] == "," else index
    return kind, key, fields


def ris_tags(text):
    """Parse an RIS record: every line "XY  - value" ended by CRLF, TY first and ER last; return [(tag, value)]."""
    assert text.endswith("\r\n"), text
    lines = text[:-2].split("\r\n")
    tags = []
    for line in lines:
        match = RIS_LINE.fullmatch(line)
        assert match, line
        tags.append(match.groups())
    assert tags[0][0] == "TY" and tags[-1] == ("ER", ""), tags
    return tags


class CitationFormatTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = PersonFactory(name="José Núñez")
        cls.article = ArticleFactory(
            title="R&D: 100% of $5 {bn} for #1_lab ~ ^ \\ in Mérida",
            slug="r-d-merida",
            interviewee=cls.person,
            source=SourceFactory(name="El Economista"),
            original_date=date(2024, 10, 1),
            original_date_precision="month",
            published_at=timezone.make_aware(timezone.datetime(2026, 3, 14, 12)),
        )
        pair = QAPairFactory(article=cls.article, answer="Trade reached $19.8 billion in May 2024.")
        cls.fact = FactFactory(
            pair=pair, person=cls.person, statement="Trade reached\n$19.8 billion.", quote="$19.8 billion"
        )

    def cite(self, obj, fmt):
        route, arg = ("articles:fact-cite", obj.pk) if isinstance(obj, Fact) else ("articles:article-cite", obj.slug)
        response = self.client.get(reverse(route, args=[arg, fmt]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], MEDIA_TYPES[fmt])
        return response

    def test_each_format_is_a_download_named_after_its_key(self):
        for fmt in MEDIA_TYPES:
            with self.subTest(fmt=fmt):
                response = self.cite(self.fact, fmt)
                self.assertEqual(
                    response["Content-Disposition"], f'attachment; filename="kormex-fact-{self.fact.pk}.{fmt}"'
                )
                response = self.cite(self.article, fmt)
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="kormex-r-d-merida.{fmt}"')

    def test_bibtex_escapes_special_characters_and_keeps_non_ascii(self):
        text = self.cite(self.article, "bib").content.decode()
        kind, key, fields = bibtex_fields(text)
        self.assertEqual((kind, key), ("misc", "kormex-r-d-merida"))
        self.assertIn(r"R\&D: 100\% of \$5 \{bn\} for \#1\_lab \textasciitilde{} \textasciicircum{}", text)
        self.assertIn("Mérida", text)
        self.assertEqual(fields["title"], self.article.title)
        self.assertEqual(fields["author"], "{José Núñez}")
        self.assertEqual(fields["howpublished"], "Kormex")
        self.assertEqual((fields["year"], fields["month"]), ("2026", "3"))
        self.assertEqual(fields["url"], "http://testserver/articles/r-d-merida/")
        self.assertEqual(fields["urldate"], timezone.localdate().isoformat())
        self.assertEqual(fields["language"], "en")
        self.assertTrue(fields["note"].startswith("José Núñez, interview in El Economista, October 2024; accessed "))

    def test_bibtex_fields_of_a_fact_hold_its_statement_and_quote_on_one_line(self):
        _, key, fields = bibtex_fields(self.cite(self.fact, "bib").content.decode())
        self.assertEqual(key, f"kormex-fact-{self.fact.pk}")
        self.assertEqual(fields["title"], "Trade reached $19.8 billion.")
        self.assertEqual(fields["abstract"], "$19.8 billion")
        self.assertEqual(fields["url"], f"http://testserver/facts/{self.fact.pk}/")

    def test_ris_lines_are_tag_two_spaces_hyphen_space_value(self):
        tags = ris_tags(self.cite(self.fact, "ris").content.decode())
        values = dict(tags)
        self.assertEqual(values["TY"], "ELEC")
        self.assertEqual(values["TI"], "Trade reached $19.8 billion.")
        self.assertEqual(values["AU"], "José Núñez")
        self.assertEqual(values["PY"], "2026")
        self.assertEqual(values["DA"], "2026/03/14/")
        self.assertEqual(values["PB"], "Kormex")
        self.assertEqual(values["T2"], "El Economista")
        self.assertEqual(values["UR"], f"http://testserver/facts/{self.fact.pk}/")
        self.assertEqual(values["Y2"], timezone.localdate().strftime("%Y/%m/%d/"))
        self.assertEqual(values["AB"], "$19.8 billion")
        self.assertEqual(values["LA"], "en")

    def test_csl_json_is_one_item_with_the_keys_citation_managers_read(self):
        items = json.loads(self.cite(self.article, "json").content)
        self.assertEqual(len(items), 1)
        item = items[0]
        self.assertEqual(item["id"], "kormex-r-d-merida")
        self.assertEqual(item["type"], "interview")
        self.assertEqual(item["title"], self.article.title)
        self.assertEqual(item["author"], [{"literal": "José Núñez"}])
        self.assertEqual(item["container-title"], "Kormex")
        self.assertEqual(item["original-publisher"], "El Economista")
        self.assertEqual(item["URL"], "http://testserver/articles/r-d-merida/")
        self.assertEqual(item["issued"], {"date-parts": [[2026, 3, 14]]})
        today = timezone.localdate()
        self.assertEqual(item["accessed"], {"date-parts": [[today.year, today.month, today.day]]})
        fact = json.loads(self.cite(self.fact, "json").content)[0]
        self.assertEqual((fact["type"], fact["abstract"]), ("webpage", "$19.8 billion"))

    def test_plain_text_is_the_citation_the_page_shows(self):
        text = self.cite(self.fact, "txt").content.decode()
        url = f"http://testserver/facts/{self.fact.pk}/"
        self.assertTrue(
            text.startswith(
                "José Núñez, interview in El Economista, October 2024: “$19.8 billion”. "
                f"Trade reached $19.8 billion. Kormex, {url} (accessed "
            ),
            text,
        )

    def test_an_article_key_is_its_slug_only_when_that_is_ascii_and_not_an_id_key(self):
        """
        Prevents non-ASCII BibTeX keys ("kormex-josé-…"), which classic BibTeX refuses, and an
        ASCII slug such as "fact-3" taking another citation's key.
        """
        for slug in ["josé-núñez-en-mérida", "fact-3", "article-1"]:
            article = ArticleFactory(slug=slug)
            with self.subTest(slug=slug):
                response = self.cite(article, "bib")
                _, key, _ = bibtex_fields(response.content.decode())
                self.assertEqual(key, f"kormex-article-{article.pk}")
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="{key}.bib"')

    def test_an_unknown_format_is_404(self):
        for url in [f"/facts/{self.fact.pk}/cite.xml", "/articles/r-d-merida/cite.pdf"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_pages_offer_the_downloads(self):
        for page, route, arg in [
            (self.fact.get_permalink(), "articles:fact-cite", self.fact.pk),
            (self.article.get_absolute_url(), "articles:article-cite", self.article.slug),
        ]:
            response = self.client.get(page)
            for fmt, media_type in MEDIA_TYPES.items():
                with self.subTest(page=page, fmt=fmt):
                    self.assertContains(
                        response, f'href="{reverse(route, args=[arg, fmt])}" type="{media_type}" download'
                    )

    @override_settings(PAGE_CACHE=False)
    def test_a_fact_citation_runs_two_queries_and_an_article_one(self):
        """The fact with its article, people and source, then its wording; the article with its people and source."""
        with self.assertNumQueries(2):
            self.cite(self.fact, "bib")
        with self.assertNumQueries(1):
            self.cite(self.article, "ris")


class UnpublishedCitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.draft = ArticleFactory(draft=True, slug="draft")
        cls.scheduled = ArticleFactory(scheduled=True, slug="scheduled")
        cls.facts = [FactFactory(pair=QAPairFactory(article=article)) for article in (cls.draft, cls.scheduled)]

    def test_drafts_and_scheduled_articles_and_their_facts_are_404_in_every_format_and_language(self):
        for language in ["en", "es", "ko"]:
            with override(language):
                urls = [reverse("articles:article-cite", args=[slug, "bib"]) for slug in ("draft", "scheduled")]
                urls += [
                    reverse("articles:fact-cite", args=[fact.pk, fmt]) for fact in self.facts for fmt in MEDIA_TYPES
                ]
            for url in urls:
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)


class CitationLanguageTests(TestCase):
    """The seed's interview, in English with Spanish and Korean translations and fact wordings."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        cls.original = Article.objects.originals().get()
        cls.spanish = Article.objects.get(language="es")
        cls.korean = Article.objects.get(language="ko")
        cls.fact = Fact.objects.filter(wordings__article=cls.spanish).filter(wordings__article=cls.korean).first()

    def test_the_spanish_page_cites_the_spanish_title_with_spanish_labels(self):
        with override("es"):
            url = reverse("articles:article-cite", args=[self.original.slug, "bib"])
        _, key, fields = bibtex_fields(self.client.get(url).content.decode())
        self.assertEqual(key, "kormex-corea-del-sur-desea-un-tlc-con-mexico")
        self.assertEqual(fields["title"], self.spanish.title)
        self.assertEqual(fields["language"], "es")
        self.assertEqual(fields["url"], f"http://testserver/es/articles/{self.spanish.slug}/")
        self.assertIn("entrevista en El Economista, octubre de 2024; consultado el ", fields["note"])

    def test_the_korean_page_cites_under_an_ascii_key(self):
        """Prevents `@misc{kormex-한국-멕시코와-fta-체결-원해,`: classic BibTeX takes ASCII keys only."""
        with override("ko"):
            url = reverse("articles:article-cite", args=[self.original.slug, "bib"])
        _, key, fields = bibtex_fields(self.client.get(url).content.decode())
        self.assertEqual(key, f"kormex-article-{self.korean.pk}")
        self.assertEqual(fields["title"], self.korean.title)

    def test_a_fact_is_cited_in_the_wording_of_the_page(self):
        for language, article, accessed in [("es", self.spanish, "consultado el"), ("ko", self.korean, "접속")]:
            wording = self.fact.wordings.get(article=article)
            with override(language):
                url = reverse("articles:fact-cite", args=[self.fact.pk, "ris"])
            with self.subTest(language=language):
                values = dict(ris_tags(self.client.get(url).content.decode()))
                self.assertEqual(values["TI"], wording.statement)
                self.assertEqual(values["AB"], wording.quote)
                self.assertEqual(values["LA"], language)
                self.assertEqual(values["UR"], f"http://testserver/{language}/facts/{self.fact.pk}/")
                self.assertIn(accessed, values["N1"])
                text = self.client.get(url.replace("cite.ris", "cite.txt")).content.decode()
                self.assertIn(wording.statement, text)

    def test_the_english_page_of_a_translation_cites_the_original(self):
        url = reverse("articles:article-cite", args=[self.spanish.slug, "json"])
        item = json.loads(self.client.get(url).content)[0]
        self.assertEqual((item["title"], item["language"]), (self.original.title, "en"))
