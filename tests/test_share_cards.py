"""
Share cards: every public page names a 1200×630 PNG og:image drawn in its language, served once
per content version with an ETag; nothing unpublished gets a card; Korean is drawn with the
bundled font's glyphs.
"""

from datetime import date
from io import BytesIO
from unittest import mock
from urllib.parse import urlsplit

from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.translation import override
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from articles import share_cards
from articles.share_cards import draw
from articles.share_cards.checks import FONT_CHECK_ID, card_fonts

from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
)
from .support.pages import LANGUAGES, Head

KOREAN = "한국과 멕시코의 자유무역협정"
DRAW_CARD = "articles.share_cards.draw_card"


def png_size(content):
    image = Image.open(BytesIO(content))
    return image.format, image.size


def words_drawn(card):
    """Return every string draw.py writes on `card`, in order."""
    with mock.patch.object(ImageDraw.ImageDraw, "text", autospec=True) as text:
        draw.draw_card(card)
    return [call.args[2] for call in text.call_args_list]


class ShareCardContent:
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(
            name="Trade", slug="trade", name_es="Comercio", slug_es="comercio", name_ko="무역", slug_ko="무역"
        )
        cls.minister = PersonFactory(name="Sang Min Lee", name_es="Sang Min Lee", name_ko="이상민")
        cls.article = ArticleFactory(
            title="South Korea desires an FTA with Mexico",
            interviewee=cls.minister,
            source=SourceFactory(name="El Economista"),
            original_date=date(2024, 10, 1),
            original_date_precision="month",
            themes=[cls.trade],
        )
        cls.spanish = ArticleFactory(
            title="Corea del Sur desea un TLC con México",
            language="es",
            translation_of=cls.article,
            interviewee=cls.minister,
            source=cls.article.source,
        )
        cls.fact = FactFactory(
            pair=QAPairFactory(article=cls.article, themes=[cls.trade]),
            statement="Companies create 5,000 jobs.",
            themes=[cls.trade],
            person=cls.minister,
        )
        cls.secret = ThemeFactory(name="Lithium summit", slug="lithium-summit")
        cls.draft = ArticleFactory(title="Secret lithium deal", draft=True, themes=[cls.secret])
        cls.scheduled = ArticleFactory(title="Scheduled lithium visit", scheduled=True, themes=[cls.secret])
        cls.hidden_facts = [
            FactFactory(pair=QAPairFactory(article=article), statement="Lithium: hidden.", themes=[cls.secret])
            for article in (cls.draft, cls.scheduled)
        ]

    def pages(self, language):
        """Return the address of every public page type in `language`."""
        with override(language):
            lists = ["home", "article-list", "theme-list", "fact-list", "timeline", "search", "data"]
            return [
                *(reverse(f"articles:{name}") for name in lists),
                self.article.get_absolute_url(),
                self.fact.get_permalink(),
                self.trade.get_absolute_url(),
            ]


class OpenGraphTests(ShareCardContent, TestCase):
    def test_every_page_type_names_a_working_card_in_three_languages(self):
        for language in LANGUAGES:
            for url in self.pages(language):
                with self.subTest(url=url):
                    head = Head(self.client.get(url))
                    image = head.one("og:image")
                    self.assertEqual(urlsplit(image).scheme, "http")
                    self.assertEqual(urlsplit(image).netloc, "testserver")
                    self.assertEqual(head.one("twitter:image"), image)
                    self.assertEqual(head.one("og:image:type"), "image/png")
                    self.assertEqual((head.one("og:image:width"), head.one("og:image:height")), ("1200", "630"))
                    self.assertEqual(head.one("twitter:card"), "summary_large_image")
                    self.assertGreater(len(head.one("og:image:alt")), 10)
                    self.assertEqual(head.one("twitter:image:alt"), head.one("og:image:alt"))
                    card = self.client.get(urlsplit(image).path)
                    self.assertEqual(card.status_code, 200)
                    self.assertEqual(card["Content-Type"], "image/png")
                    self.assertEqual(png_size(card.content), ("PNG", (1200, 630)))

    def test_each_page_names_its_own_card_described_in_its_language(self):
        with override("es"):
            article_page, theme_page = self.spanish.get_absolute_url(), self.trade.get_absolute_url()
            home = reverse("articles:home")
        head = Head(self.client.get(article_page))
        self.assertEqual(head.one("og:image"), f"http://testserver/es/articles/{self.spanish.slug}/card.png")
        alt = "Tarjeta de Kormex: “Corea del Sur desea un TLC con México”, Sang Min Lee, entrevista en El Economista"
        self.assertTrue(head.one("og:image:alt").startswith(alt), head.one("og:image:alt"))
        head = Head(self.client.get(theme_page))
        self.assertEqual(head.one("og:image"), "http://testserver/es/themes/comercio/card.png")
        self.assertIn("Comercio", head.one("og:image:alt"))
        self.assertEqual(Head(self.client.get(home)).one("og:image"), "http://testserver/es/card.png")
        with override("ko"):
            fact_page = self.fact.get_permalink()
        head = Head(self.client.get(fact_page))
        self.assertEqual(head.one("og:image"), f"http://testserver/ko/facts/{self.fact.pk}/card.png")
        self.assertIn("사실", head.one("og:image:alt"))

    def test_a_preview_names_no_card(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = self.client.get(reverse("articles:article-preview", args=[self.draft.slug]))
        head = Head(response)
        self.assertNotIn("og:image", head.meta)
        self.assertEqual(head.one("twitter:card"), "summary")


class CardContentTests(ShareCardContent, TestCase):
    def test_an_article_card_says_its_title_interviewee_source_and_date(self):
        card = share_cards.article_card(self.article)
        self.assertEqual(card.headline, "South Korea desires an FTA with Mexico")
        self.assertEqual(card.footer, "Sang Min Lee, interview in El Economista, October 2024")

    def test_an_article_card_shows_the_title_its_page_shows_with_its_words_in_the_page_language(self):
        """
        /es/ shows the English original under its own address, titled in English, and the
        Spanish translation under its own: each card carries the title of the page it is shared
        from (its og:title), not another version's.
        """
        drawn = []
        with mock.patch(
            DRAW_CARD, side_effect=lambda card, image=None: drawn.append(card) or draw.draw_card(card, image)
        ):
            for language in LANGUAGES:
                for article in [self.article, self.spanish]:
                    with override(language):
                        url = reverse("articles:article-card", args=[article.slug])
                        page = Head(self.client.get(article.get_absolute_url()))
                    self.assertEqual(self.client.get(url).status_code, 200)
                    self.assertEqual(drawn[-1].headline, page.one("og:title"))
                    self.assertIn(article.title, page.one("og:image:alt"))
        self.assertEqual([card.headline for card in drawn], [self.article.title, self.spanish.title] * 3)
        self.assertEqual([card.language for card in drawn], [code for code in LANGUAGES for _ in range(2)])
        self.assertEqual(drawn[2].eyebrow, "Kormex · Entrevista")

    def test_a_fact_card_has_the_figure_large_the_statement_and_the_citation(self):
        with override("en"):
            card = share_cards.fact_card(self.fact)
        self.assertTrue(card.figure)
        self.assertEqual(card.headline, self.fact.figure_display)
        self.assertEqual(card.body, "Companies create 5,000 jobs.")
        self.assertIn("El Economista", card.footer)
        self.fact.value = self.fact.unit = None
        self.assertEqual(share_cards.fact_card(self.fact).headline, "Companies create 5,000 jobs.")

    def test_a_theme_card_has_its_name_and_counts_of_published_content_in_the_page_language(self):
        drawn = []
        with mock.patch(DRAW_CARD, side_effect=lambda card, image=None: drawn.append(card) or b"png"):
            self.client.get("/ko/themes/무역/card.png")
            self.client.get("/es/themes/comercio/card.png")
        self.assertEqual([card.headline for card in drawn], ["무역", "Comercio"])
        self.assertEqual(drawn[1].footer, "1 artículo · 1 dato")

    def test_the_site_card_is_in_the_page_language(self):
        with override("ko"):
            card = share_cards.site_card()
        self.assertEqual(card.language, "ko")
        self.assertNotIn("Korea", card.headline)

    def test_every_word_on_a_card_is_drawn_and_long_text_is_cut_with_an_ellipsis(self):
        card = share_cards.Card("en", "Kormex", "Short title", "word " * 400, "Sang Min Lee")
        lines = words_drawn(card)
        self.assertEqual(lines[:2], ["Sang Min Lee", "Kormex"])
        self.assertEqual(lines[2], "Short title")
        self.assertTrue(lines[-1].endswith("…"))
        width = draw.WIDTH - 2 * draw.MARGIN
        body = draw.font("regular", draw.BODY[1])
        self.assertTrue(all(body.getlength(line) <= width for line in lines[3:]))

    def test_korean_wraps_between_characters_and_other_languages_between_words(self):
        face = draw.font("regular", 40)
        korean = draw.wrap(KOREAN * 3, face, 400, 10, per_character=True)
        self.assertGreater(len(korean), 1)
        self.assertEqual("".join(korean).replace(" ", ""), (KOREAN * 3).replace(" ", ""))
        self.assertTrue(all(face.getlength(line) <= 400 for line in korean))
        english = draw.wrap("interview by interview " * 5, face, 400, 10)
        self.assertTrue(all(set(line.split()) <= {"interview", "by"} for line in english))
        self.assertEqual(draw.wrap("a " * 200, face, 400, 2)[-1][-1], "…")


class LeadImageTests(TestCase):
    def test_a_lead_image_given_to_the_card_fills_its_right_side(self):
        card = share_cards.Card("en", "Kormex", "Title")
        lead = Image.new("RGB", (800, 800), (0, 128, 255))
        with_image = Image.open(BytesIO(draw.draw_card(card, image=lead))).convert("RGB")
        without = Image.open(BytesIO(draw.draw_card(card))).convert("RGB")
        self.assertEqual(with_image.size, (1200, 630))
        self.assertEqual(with_image.getpixel((1100, 300)), (0, 128, 255))
        self.assertEqual(without.getpixel((1100, 300)), (255, 255, 255))


class KoreanGlyphTests(TestCase):
    """The Korean on a card is drawn in the bundled font's glyphs, not as missing-glyph boxes."""

    def setUp(self):
        self.face = ImageFont.truetype(settings.SHARE_CARD_FONTS["regular"], 48, index=settings.SHARE_CARD_FONT_INDEX)

    def rendered(self, text):
        image = Image.new("L", (1200, 100), 0)
        ImageDraw.Draw(image).text((0, 0), text, font=self.face, fill=255)
        return image

    def test_the_card_font_is_the_bundled_noto_sans_cjk_korean_face(self):
        self.assertEqual(self.face.getname(), ("Noto Sans CJK KR", "Regular"))

    def test_korean_text_is_drawn_with_the_fonts_advance_widths_and_no_notdef_box(self):
        ink = self.rendered(KOREAN).getbbox()
        advance = self.face.getlength(KOREAN)
        # The ink spans the advance widths of the glyphs, less the side bearings.
        self.assertGreater(ink[2] - ink[0], advance * 0.9)
        self.assertLessEqual(ink[2], advance + 2)
        # A character the font lacks is drawn as .notdef: compare each syllable with that box.
        missing = "\U000f0000"
        notdef = self.rendered(missing)
        self.assertIsNotNone(notdef.getbbox())
        for syllable in set(KOREAN.replace(" ", "")):
            with self.subTest(syllable=syllable):
                self.assertIsNotNone(ImageChops.difference(self.rendered(syllable), notdef).getbbox())
                self.assertNotEqual(self.face.getlength(syllable), self.face.getlength(missing))

    def test_a_korean_card_draws_its_headline_with_the_bundled_font(self):
        card = share_cards.Card("ko", "Kormex · 사실", KOREAN)
        with mock.patch.object(ImageDraw.ImageDraw, "text", autospec=True) as text:
            draw.draw_card(card)
        calls = {call.args[2]: call.kwargs["font"] for call in text.call_args_list}
        self.assertEqual(calls[KOREAN].getname(), ("Noto Sans CJK KR", "Bold"))
        self.assertEqual(calls[KOREAN].path, settings.SHARE_CARD_FONTS["bold"])

    def test_a_korean_cards_headline_spans_the_bundled_fonts_advance_widths(self):
        image = Image.open(BytesIO(draw.draw_card(share_cards.Card("ko", "", KOREAN)))).convert("L")
        # The headline is the only text: its ink, right of the accent bar, on the white card.
        ink = ImageOps.invert(image.crop((draw.MARGIN // 2, 0, draw.WIDTH, draw.HEIGHT))).getbbox()
        advance = draw.font(*draw.HEADLINE[:2]).getlength(KOREAN)
        self.assertGreater(ink[2] - ink[0], advance * 0.9)
        self.assertLessEqual(ink[2] - ink[0], advance)


class FontCheckTests(TestCase):
    def test_the_installed_font_passes(self):
        self.assertEqual(card_fonts(None), [])

    def test_a_missing_font_is_an_error_that_says_how_to_install_it(self):
        fonts = {**settings.SHARE_CARD_FONTS, "bold": "/nonexistent/NotoSansCJK-Bold.ttc"}
        with override_settings(SHARE_CARD_FONTS=fonts):
            errors = card_fonts(None)
        self.assertEqual([error.id for error in errors], [FONT_CHECK_ID])
        self.assertIn("/nonexistent/NotoSansCJK-Bold.ttc", errors[0].msg)
        self.assertIn("fonts-noto-cjk", errors[0].hint)

    def test_a_font_named_without_its_path_is_not_looked_for_among_the_hosts_fonts(self):
        # Pillow would find NotoSansCJK-Bold.ttc in /usr/share/fonts by its name alone.
        with override_settings(SHARE_CARD_FONTS={**settings.SHARE_CARD_FONTS, "bold": "NotoSansCJK-Bold.ttc"}):
            self.assertEqual([error.id for error in card_fonts(None)], [FONT_CHECK_ID])


class UnpublishedTests(ShareCardContent, TestCase):
    def test_nothing_unpublished_has_a_card_and_nothing_is_drawn(self):
        urls = []
        for language in LANGUAGES:
            with override(language):
                urls += [
                    reverse("articles:article-card", args=[article.slug]) for article in (self.draft, self.scheduled)
                ]
                urls += [reverse("articles:fact-card", args=[fact.pk]) for fact in self.hidden_facts]
                urls += [reverse("articles:theme-card", args=[self.secret.slug])]
        with mock.patch(DRAW_CARD) as drawn:
            for url in urls:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(b"lithium", response.content.lower())
        drawn.assert_not_called()


class CachingTests(ShareCardContent, TestCase):
    def card_urls(self):
        with override("ko"):
            return [
                reverse("articles:card"),
                reverse("articles:article-card", args=[self.article.slug]),
                reverse("articles:fact-card", args=[self.fact.pk]),
                reverse("articles:theme-card", args=[self.trade.slug_ko]),
            ]

    def test_a_card_answers_with_its_etag_and_304_on_if_none_match(self):
        for page_cache in (True, False):
            for url in self.card_urls():
                with self.subTest(url=url, page_cache=page_cache), self.settings(PAGE_CACHE=page_cache):
                    response = self.client.get(url)
                    self.assertIn("max-age=0", response["Cache-Control"])
                    self.assertIn("public", response["Cache-Control"])
                    again = self.client.get(url, headers={"if-none-match": response["ETag"]})
                    self.assertEqual(again.status_code, 304)
                    self.assertEqual(again.content, b"")

    @override_settings(PAGE_CACHE=False)
    def test_a_card_is_drawn_once_per_content_version_and_then_read_without_a_query(self):
        draw_calls = mock.Mock(side_effect=draw.draw_card)
        with mock.patch(DRAW_CARD, draw_calls):
            first = [self.client.get(url).content for url in self.card_urls()]
            with self.assertNumQueries(0):
                second = [self.client.get(url).content for url in self.card_urls()]
            self.assertEqual(first, second)
            self.assertEqual(draw_calls.call_count, 4)
            self.article.title = "A new title"
            self.article.save()
            self.client.get(self.card_urls()[1])
        self.assertEqual(draw_calls.call_count, 5)
        self.assertEqual(draw_calls.call_args.args[0].headline, "A new title")

    @override_settings(PAGE_CACHE=False)
    def test_drawing_a_card_reads_the_database_a_fixed_number_of_times(self):
        # Queries: the article with its people, source and pictures; the fact, then its wordings in the page's language.
        for url, queries in zip(self.card_urls(), [0, 1, 2, 1], strict=True):
            with self.subTest(url=url), mock.patch(DRAW_CARD, return_value=b"png"):
                # The content version is read from the cache, made once if there is none.
                self.client.get(reverse("articles:card"))
                with self.assertNumQueries(queries):
                    self.assertEqual(self.client.get(url).status_code, 200)
