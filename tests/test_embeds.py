"""
Fact and article embeds: the embed pages (framable by any site, while every other page keeps
framing denied), the embed code on fact pages, the oEmbed answer and its discovery links.
"""

import json
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote, urlencode

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Fact

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory


def policy(response):
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes), and the text of its <textarea>s."""

    def __init__(self, html):
        super().__init__()
        self.elements, self.textareas, self.in_textarea = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "textarea":
            self.in_textarea = True
            self.textareas.append("")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.in_textarea = False

    def handle_data(self, data):
        if self.in_textarea:
            self.textareas[-1] += data

    def find(self, tag, **attrs):
        return [found for name, found in self.elements if name == tag and attrs.items() <= found.items()]


def oembed_query(url, **params):
    """Return the oEmbed address for `url`, its parameters spelled as the site spells them."""
    return reverse("articles:oembed") + "?" + urlencode({"url": url, **params})


class EmbedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = PersonFactory(name="Sang Min Lee")
        cls.article = ArticleFactory(title="Trade <b>talks</b>", slug="trade-talks", interviewee=cls.person)
        cls.fact = FactFactory(
            pair=QAPairFactory(article=cls.article, answer="Trade reached $19.8 billion."),
            person=cls.person,
            statement='Trade reached "$19.8 billion" <script>.',
            quote="$19.8 billion",
            value=19800000000,
            unit="USD",
        )
        cls.draft = ArticleFactory(draft=True, slug="draft")
        cls.scheduled = ArticleFactory(scheduled=True, slug="scheduled")
        cls.hidden_facts = [FactFactory(pair=QAPairFactory(article=a)) for a in (cls.draft, cls.scheduled)]

    def test_the_embed_page_may_be_framed_by_any_site(self):
        for url in [reverse("articles:fact-embed", args=[self.fact.pk]), "/es/articles/trade-talks/embed/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("X-Frame-Options", response)
                self.assertEqual(policy(response)["frame-ancestors"], ["*"])
                # Everything else stays as strict as on every page.
                self.assertEqual(policy(response)["script-src"], ["'self'"])
                self.assertEqual(policy(response)["default-src"], ["'none'"])

    def test_the_embed_page_keeps_its_headers_from_the_page_cache(self):
        url = reverse("articles:fact-embed", args=[self.fact.pk])
        self.client.get(url)
        with self.assertNumQueries(0):
            response = self.client.get(url)
        self.assertNotIn("X-Frame-Options", response)
        self.assertEqual(policy(response)["frame-ancestors"], ["*"])

    def test_every_other_page_keeps_framing_denied(self):
        for url in [
            self.fact.get_permalink(),
            self.article.get_absolute_url(),
            reverse("articles:fact-cite", args=[self.fact.pk, "bib"]),
            oembed_query(f"http://testserver{self.fact.get_permalink()}", format="json"),
            reverse("articles:home"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["X-Frame-Options"], "DENY")
                self.assertEqual(policy(response)["frame-ancestors"], ["'none'"])

    def test_the_embed_page_is_a_small_card_linking_back_in_a_new_tab(self):
        response = self.client.get(reverse("articles:fact-embed", args=[self.fact.pk]))
        page = Elements(response.content.decode())
        self.assertContains(response, "Trade reached &quot;$19.8 billion&quot; &lt;script&gt;.")
        self.assertContains(response, '<p class="embed-figure">$19.8 billion</p>', html=True)
        self.assertContains(response, "<bdi>Sang Min Lee, interview in ")
        permalink = f"http://testserver{self.fact.get_permalink()}"
        self.assertEqual(page.find("a", href=permalink), [{"href": permalink, "target": "_blank", "rel": "noopener"}])
        stylesheets = page.find("link", rel="stylesheet")
        self.assertEqual(len(stylesheets), 1)
        self.assertIn("/css/embed.", stylesheets[0]["href"])
        self.assertEqual(page.find("script") + page.find("header") + page.find("footer") + page.find("nav"), [])

    def test_unpublished_content_has_no_embed(self):
        urls = [reverse("articles:fact-embed", args=[fact.pk]) for fact in self.hidden_facts]
        urls += [reverse("articles:article-embed", args=[slug]) for slug in ("draft", "scheduled")]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    @override_settings(PAGE_CACHE=False)
    def test_the_fact_embed_runs_two_queries(self):
        """The fact with its article, people and source; its wording."""
        with self.assertNumQueries(2):
            self.client.get(reverse("articles:fact-embed", args=[self.fact.pk]))

    def test_the_fact_page_offers_its_embed_code_escaped_in_a_read_only_text_box(self):
        response = self.client.get(self.fact.get_permalink())
        page = Elements(response.content.decode())
        self.assertEqual(page.find("iframe"), [])
        self.assertEqual(len(page.find("textarea", readonly=None)), 1)
        code = Elements(page.textareas[0])
        src = f"http://testserver{reverse('articles:fact-embed', args=[self.fact.pk])}"
        [iframe] = code.find("iframe", src=src)
        self.assertEqual(iframe["title"], self.fact.statement)
        self.assertEqual((iframe["width"], iframe["height"]), ("480", "320"))
        self.assertNotIn("<script>", page.textareas[0])


class OEmbedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = ArticleFactory(title="Trade & talks", slug="trade-talks")
        cls.fact = FactFactory(pair=QAPairFactory(article=cls.article), statement="Trade <grew>.")
        cls.draft = ArticleFactory(draft=True, slug="draft")
        cls.draft_fact = FactFactory(pair=QAPairFactory(article=cls.draft))
        cls.fact_url = f"http://testserver{cls.fact.get_permalink()}"

    def oembed(self, url, **params):
        return self.client.get(oembed_query(url, **{"format": "json", **params}))

    def test_a_fact_page_is_answered_with_its_embed_iframe(self):
        response = self.oembed(self.fact_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        data = json.loads(response.content)
        self.assertEqual(data["version"], "1.0")
        self.assertEqual(data["type"], "rich")
        self.assertEqual(data["title"], "Trade <grew>.")
        self.assertEqual(data["provider_name"], "Kormex")
        self.assertEqual(data["provider_url"], "http://testserver/")
        self.assertEqual((data["width"], data["height"]), (480, 320))
        [iframe] = Elements(data["html"]).find("iframe")
        self.assertEqual(iframe["src"], f"http://testserver/facts/{self.fact.pk}/embed/")
        self.assertEqual(iframe["title"], "Trade <grew>.")
        self.assertIn('title="Trade &lt;grew&gt;."', data["html"])

    def test_maxwidth_and_maxheight_are_honoured(self):
        data = json.loads(self.oembed(self.fact_url, maxwidth=300, maxheight=200).content)
        self.assertEqual((data["width"], data["height"]), (300, 200))
        [iframe] = Elements(data["html"]).find("iframe")
        self.assertEqual((iframe["width"], iframe["height"]), ("300", "200"))
        data = json.loads(self.oembed(self.fact_url, maxwidth=5000).content)
        self.assertEqual(data["width"], 480)

    def test_an_article_page_and_a_page_in_another_language(self):
        data = json.loads(self.oembed("http://testserver/ko/articles/trade-talks/").content)
        self.assertEqual(data["title"], "Trade & talks")
        [iframe] = Elements(data["html"]).find("iframe")
        self.assertEqual(iframe["src"], "http://testserver/ko/articles/trade-talks/embed/")
        data = json.loads(self.oembed(f"http://testserver/es/facts/{self.fact.pk}/").content)
        self.assertEqual(
            Elements(data["html"]).find("iframe")[0]["src"], f"http://testserver/es/facts/{self.fact.pk}/embed/"
        )

    def test_unknown_unpublished_and_foreign_addresses_are_404(self):
        for url in [
            f"http://testserver{self.draft_fact.get_permalink()}",
            "http://testserver/articles/draft/",
            "http://testserver/facts/999999/",
            "http://testserver/themes/",
            "http://testserver/nowhere/",
            "http://testserver",
            "http://testserver/%ff/",
            "http://testserver/es/articles/%00/",
            "http://testserver/facts/99999999999999999999/",
            f"http://elsewhere.example{self.fact.get_permalink()}",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.oembed(url).status_code, 404)

    def test_xml_is_not_implemented(self):
        response = self.oembed(self.fact_url, format="xml")
        self.assertEqual(response.status_code, 501)

    def test_bad_input_is_400_with_a_message(self):
        for params in [
            {"url": ""},
            {"url": "not a url"},
            {"url": "javascript:alert(1)"},
            {"url": "http://[::1"},
            {"url": self.fact_url, "maxwidth": "wide"},
            {"url": self.fact_url, "maxheight": "0"},
            {"url": self.fact_url, "maxwidth": "-5"},
        ]:
            url = params.pop("url")
            with self.subTest(url=url, **params):
                response = self.oembed(url, **params)
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.content.decode().strip())

    def test_parameters_in_another_order_are_redirected_to_the_canonical_spelling(self):
        response = self.client.get(f"{reverse('articles:oembed')}?format=json&url={quote(self.fact_url, safe='')}")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], oembed_query(self.fact_url, format="json"))

    @override_settings(PAGE_CACHE=False)
    def test_a_fact_answer_runs_two_queries(self):
        with self.assertNumQueries(2):
            self.oembed(self.fact_url)

    def test_fact_and_article_pages_link_their_oembed_answer(self):
        for page_url, title in [
            (self.fact_url, "Trade <grew>."),
            ("http://testserver/articles/trade-talks/", "Trade & talks"),
        ]:
            with self.subTest(url=page_url):
                page = Elements(self.client.get(page_url).content.decode())
                [link] = page.find("link", rel="alternate", type="application/json+oembed")
                self.assertEqual(link["title"], title)
                self.assertEqual(link["href"], "http://testserver" + oembed_query(page_url, format="json"))
                self.assertEqual(self.client.get(link["href"]).status_code, 200)


class EmbedLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        cls.korean = Article.objects.get(language="ko")
        cls.fact = Fact.objects.filter(wordings__article=cls.korean).first()

    def test_the_korean_embed_shows_the_korean_wording_and_labels(self):
        wording = self.fact.wordings.get(article=self.korean)
        with override("ko"):
            url = reverse("articles:fact-embed", args=[self.fact.pk])
        response = self.client.get(url)
        self.assertContains(response, '<html lang="ko">')
        self.assertContains(response, f'<p class="embed-statement" lang="ko">{wording.statement}</p>', html=True)
        self.assertContains(response, f'href="http://testserver/ko/facts/{self.fact.pk}/"')
        self.assertNotContains(response, "Read it on Kormex")

    def test_a_quote_in_another_language_than_the_pages_carries_its_language(self):
        """A fact without a Spanish wording quoted its English words in the Spanish embed without lang."""
        english = FactFactory(statement="Trade grew.", quote="Trade grew")
        with override("es"):
            url = reverse("articles:fact-embed", args=[english.pk])
        self.assertContains(self.client.get(url), f'“<bdi lang="en">{escape(english.quote)}</bdi>”')

    def test_the_oembed_answer_is_in_the_language_of_the_page_it_names(self):
        wording = self.fact.wordings.get(article=self.korean)
        response = self.client.get(oembed_query(f"http://testserver/ko/facts/{self.fact.pk}/", format="json"))
        data = json.loads(response.content)
        self.assertEqual(data["title"], wording.statement)
        self.assertIn(f'title="{escape(wording.statement)}"', data["html"])
