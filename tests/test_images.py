"""Lead images and portraits: uploads checked in the admin, metadata stripped, renditions, pages, media, backups."""

import json
import re
import tarfile
import tempfile
from io import BytesIO, StringIO
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from PIL import Image, features

from articles import images
from articles.admin.records import record_state
from articles.models import Article, Picture

from .support.admin import AdminTestCase, admin_url, article_data, form_errors, formset_data, management_form
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, UserFactory
from .support.pictures import (
    GPS_IFD,
    ORIENTATION,
    encoded,
    jpeg,
    make_picture,
    picture_row,
    png_claiming,
    stored_files,
    upload,
)


def new_article(**values):
    """The add form of a draft news article, its pairs and facts empty, with `values`."""
    return {**article_data(kind="news", **values), **formset_data("pairs", []), **formset_data("facts", [])}


class UploadTests(AdminTestCase):
    def post(self, content, name="picture.jpg", **values):
        data = {**new_article(title="Ambassador on trade"), **picture_row(content, name, **values)}
        return self.client.post(admin_url("article", "add"), data)

    def picture_errors(self, response):
        self.assertEqual(response.status_code, 200, "the admin accepted the form")
        return response.context["inline_admin_formsets"][0].formset.errors[0]

    def assertRefused(self, content, message, name="picture.jpg"):
        before = stored_files()
        response = self.post(content, name, alt="A harbour")
        self.assertIn(message, " ".join(self.picture_errors(response).get("image", [])))
        # Only the picture was wrong.
        self.assertEqual(response.context["adminform"].form.errors, {})
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Picture.objects.exists())
        self.assertEqual(stored_files(), before)
        # The editor's other fields come back as typed.
        self.assertContains(response, 'value="Ambassador on trade"')
        self.assertContains(response, 'value="A harbour"')

    def test_a_png_that_is_really_a_script_is_refused(self):
        self.assertRefused(b"#!/bin/sh\nrm -rf /\n" * 40, "This file is not an image", name="holiday.png")

    def test_a_60_megapixel_image_is_refused_from_its_header(self):
        with mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded")):
            self.assertRefused(png_claiming(10_000, 6_000), "at most 40 megapixels", name="huge.png")

    def test_a_truncated_jpeg_is_refused(self):
        self.assertRefused(jpeg()[:2000], "damaged or cut short")

    def test_an_oversize_file_is_refused(self):
        content = jpeg()
        with mock.patch.object(images, "MAX_BYTES", len(content) - 1):
            self.assertRefused(content, "upload an image of at most")

    def test_a_gif_is_refused_by_its_type(self):
        self.assertRefused(encoded("GIF"), "GIF images are not accepted", name="picture.jpg")

    def test_a_tiny_image_is_refused(self):
        self.assertRefused(encoded("PNG", 200, 120), "200×120 pixels")

    def test_an_image_too_tall_for_its_renditions_is_refused(self):
        """Regression: a 400×17,000 strip passed the checks, then its WebP rendition raised a 500."""
        self.assertRefused(encoded("PNG", 400, 17_000), "400×17000 pixels: upload one at most 10 times as tall")

    def test_alt_text_is_required_in_the_articles_language(self):
        data = {**new_article(language="es"), **picture_row(jpeg(), alt="Two ministers")}
        response = self.client.post(admin_url("article", "add"), data)
        self.assertIn("Describe the picture in Spanish", " ".join(self.picture_errors(response)["alt_es"]))
        self.assertFalse(Picture.objects.exists())

    def test_a_good_upload_is_saved_without_metadata_and_upright(self):
        response = self.post(jpeg(800, 600, gps=True, orientation=6), alt="A harbour", credit="Photo: Kim")
        self.assertEqual(response.status_code, 302, form_errors(response))
        picture = Picture.objects.get(article__slug="ambassador-on-trade")
        self.assertEqual((picture.width, picture.height), (600, 800))
        with default_storage.open(picture.image.name) as stored:
            kept = Image.open(stored)
            exif = kept.getexif()
            self.assertEqual((kept.size, kept.format), ((600, 800), "JPEG"))
        self.assertEqual(dict(exif.get_ifd(GPS_IFD)), {})
        self.assertNotIn(ORIENTATION, exif)
        self.assertRegex(picture.image.name, r"^pictures/[0-9a-f]{32}\.jpg$")

    def test_renditions_are_made_once_in_each_format(self):
        picture = make_picture(ArticleFactory(), content=jpeg(1200, 900))
        formats = ["avif", "webp", "jpeg"] if features.check("avif") else ["webp", "jpeg"]
        self.assertEqual(list(picture.renditions), formats)
        for key, sizes in picture.renditions.items():
            self.assertEqual([width for width, _ in sizes], [480, 960, 1200])
            for width, name in sizes:
                with default_storage.open(name) as stored:
                    rendition = Image.open(stored)
                    self.assertEqual((rendition.format.lower(), rendition.size[0]), (key, width))
        # The same content again is stored once.
        files = stored_files()
        again = make_picture(ArticleFactory(), content=jpeg(1200, 900))
        self.assertEqual((again.image.name, stored_files()), (picture.image.name, files))

    def test_an_original_needs_alt_text_in_its_translations_languages(self):
        original = ArticleFactory(language="en")
        ArticleFactory(language="ko", translation_of=original)
        picture = Picture(article=original, image=upload(jpeg()), alt="A harbour")
        with self.assertRaisesMessage(ValidationError, "Describe the picture in Korean"):
            picture.full_clean()

    def test_a_translations_form_has_no_lead_image_box(self):
        original = ArticleFactory(language="en")
        translation = ArticleFactory(language="es", translation_of=original, draft=True)
        for article, shown in ((original, True), (translation, False)):
            response = self.client.get(admin_url("article", "change", article.pk))
            prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
            self.assertEqual("lead_picture" in prefixes, shown)

    def test_a_portrait_is_uploaded_on_the_persons_form(self):
        person = PersonFactory(name="Kim Min-jun")
        data = {
            "name": person.name,
            "slug": person.slug,
            "role": "",
            "country": "",
            "loaded_state": record_state(person),
            **management_form("portrait", 1),
            "portrait-0-image": upload(jpeg(400, 400)),
            "portrait-0-alt": "Kim Min-jun smiling",
        }
        response = self.client.post(admin_url("person", "change", person.pk), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(person.portrait.alt, "Kim Min-jun smiling")


class PictureRuleTests(TestCase):
    def test_a_translation_is_not_published_before_the_originals_picture_is_described_in_its_language(self):
        original = ArticleFactory(language="en")
        make_picture(original, alt="A harbour")
        translation = ArticleFactory(language="es", translation_of=original, draft=True)
        translation.full_clean()
        translation.status = Article.Status.PUBLISHED
        with self.assertRaisesMessage(ValidationError, "Describe the original's lead image in Spanish first"):
            translation.full_clean()
        Picture.objects.filter(article=original).update(alt_es="Un puerto")
        translation.translation_of = Article.objects.get(pk=original.pk)
        translation.full_clean()

    def test_a_spanish_or_korean_sentence_names_the_language_as_it_writes_it(self):
        """Regression: the Spanish admin asked to "Describe la imagen en Coreano", capitalised as in a list."""
        original = ArticleFactory(language="es")
        ArticleFactory(language="ko", translation_of=original)
        picture = Picture(article=original, image=upload(jpeg()), alt_es="Un puerto")
        for language, message in [("es", "Describa la imagen en coreano"), ("ko", "한국어")]:
            with self.subTest(language), override(language), self.assertRaisesMessage(ValidationError, message):
                picture.full_clean()

    def test_a_translation_takes_no_picture_of_its_own(self):
        translation = ArticleFactory(language="es", translation_of=ArticleFactory(language="en"))
        with self.assertRaisesMessage(ValidationError, "add the image to the original"):
            Picture(article=translation, image=upload(jpeg()), alt_es="Un puerto").full_clean()

    def test_a_portrait_needs_english_alt_text_which_other_languages_fall_back_to(self):
        person = PersonFactory()
        with self.assertRaisesMessage(ValidationError, "Describe the picture in English"):
            Picture(person=person, image=upload(jpeg()), alt_ko="장관").full_clean()
        portrait = make_picture(person=person, alt="The minister", alt_ko="장관")
        self.assertEqual(
            [portrait.alt_in(code) for code in ("en", "es", "ko")], ["The minister", "The minister", "장관"]
        )


@override_settings(PAGE_CACHE=False)
class PageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = ArticleFactory(title="Trade talks")
        cls.picture = make_picture(
            cls.article,
            alt='Ministers "sign" <b>the deal</b>',
            alt_ko="서명하는 장관들",
            credit="<script>alert(1)</script>",
            licence="CC BY 4.0",
            source_url="https://example.org/photo",
        )
        cls.plain = ArticleFactory(title="No picture")

    def test_the_article_page_shows_the_lead_picture_first_and_escaped(self):
        page = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn('<source type="image/webp" srcset="/media/pictures/', page)
        image = re.search(r"<img [^>]*>", page[page.index("<picture>") :]).group()
        self.assertIn('width="800" height="600"', image)
        self.assertIn('fetchpriority="high"', image)
        self.assertNotIn("loading=", image)
        self.assertIn('alt="Ministers &quot;sign&quot; &lt;b&gt;the deal&lt;/b&gt;"', image)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;</a> · CC BY 4.0</figcaption>", page)
        self.assertNotIn("<script>alert(1)", page)

    def test_cards_load_the_picture_lazily(self):
        page = self.client.get(reverse("articles:article-list")).content.decode()
        card = re.search(r'<figure class="card-picture">.*?</figure>', page).group()
        self.assertIn('loading="lazy"', card)

    def test_a_translation_shows_its_originals_picture_with_its_own_alt_text(self):
        translation = ArticleFactory(
            language="ko", translation_of=self.article, title="무역 회담", slug="trade-talks-ko"
        )
        page = self.client.get(translation.get_absolute_url()).content.decode()
        self.assertIn('alt="서명하는 장관들"', page)

    def test_the_picture_costs_the_article_page_no_query(self):
        counts = []
        for article in (self.article, self.plain):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        with self.assertNumQueries(counts[0]):
            self.client.get(self.article.get_absolute_url())

    def test_json_ld_names_the_image(self):
        page = self.client.get(self.article.get_absolute_url()).content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
        self.assertEqual(data["image"]["@type"], "ImageObject")
        self.assertRegex(data["image"]["url"], r"^http://testserver/media/pictures/[0-9a-f]{32}-800\.jpg$")
        self.assertEqual((data["image"]["width"], data["image"]["height"]), (800, 600))

    def test_the_share_card_shows_the_lead_image_on_its_right(self):
        cards = [
            self.client.get(reverse("articles:article-card", args=[article.slug]))
            for article in (self.article, self.plain)
        ]
        pixels = [Image.open(BytesIO(card.content)).convert("RGB").getpixel((1150, 300)) for card in cards]
        # Teal, give or take JPEG's rounding.
        self.assertTrue(
            all(abs(got - want) <= 3 for got, want in zip(pixels[0], (0, 128, 128), strict=True)), pixels[0]
        )
        self.assertNotEqual(pixels[1], pixels[0])

    def test_the_interviewees_portrait_is_shown(self):
        make_picture(person=self.plain.interviewee, alt="The minister")
        page = self.client.get(self.plain.get_absolute_url()).content.decode()
        self.assertRegex(page, r'<figure class="portrait"><picture>.*alt="The minister"')

    def test_the_portrait_is_shown_where_a_fact_is_attributed_to_its_person(self):
        fact = FactFactory(pair=QAPairFactory(article=self.plain), person=self.plain.interviewee)
        make_picture(person=self.plain.interviewee, alt="The minister")
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(fact.get_permalink()).content.decode()
        self.assertRegex(page, r'<figure class="portrait"><picture>.*alt="The minister"')
        self.assertFalse(
            [query for query in queries if "articles_picture" in query["sql"] and "JOIN" not in query["sql"]]
        )

    def test_a_drafts_picture_is_shown_nowhere(self):
        draft = ArticleFactory(draft=True, title="Secret talks")
        secret = make_picture(draft, content=jpeg(colour="purple"), alt="Secret")
        for url in (reverse("articles:home"), reverse("articles:article-list")):
            self.assertNotContains(self.client.get(url), secret.digest)
        self.assertEqual(self.client.get(f"/media/{secret.image.name}").status_code, 404)


class MediaViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.picture = make_picture(ArticleFactory())

    @override_settings(SERVE_MEDIA=True)
    def test_published_pictures_are_served_with_cache_headers(self):
        for name in self.picture.stored_names():
            response = self.client.get(f"/media/{name}")
            self.assertEqual(response.status_code, 200, name)
            self.assertEqual(response["Cache-Control"], "public, max-age=86400")
        self.assertEqual(self.client.get(f"/media/{self.picture.image.name}")["Content-Type"], "image/jpeg")

    @override_settings(SERVE_MEDIA=True)
    def test_anything_else_is_a_404(self):
        draft = make_picture(ArticleFactory(draft=True), content=jpeg(colour="navy"))
        for path in (draft.image.name, "pictures/../../settings.py", "pictures/x.jpg", "other.txt"):
            self.assertEqual(self.client.get(f"/media/{path}").status_code, 404, path)

    @override_settings(SERVE_MEDIA=True)
    def test_staff_see_a_drafts_picture_and_no_cache_keeps_it(self):
        draft = make_picture(ArticleFactory(draft=True), content=jpeg(colour="navy"))
        self.client.force_login(UserFactory(editor=True))
        response = self.client.get(f"/media/{draft.image.name}")
        self.assertEqual((response.status_code, response["Cache-Control"]), (200, "private, no-store"))
        self.client.force_login(UserFactory())
        self.assertEqual(self.client.get(f"/media/{draft.image.name}").status_code, 404)

    @override_settings(SERVE_MEDIA=False)
    def test_nothing_is_served_when_media_serving_is_off(self):
        self.assertEqual(self.client.get(f"/media/{self.picture.image.name}").status_code, 404)


class BackupTests(TestCase):
    def test_an_archive_holds_the_pictures_and_restore_puts_them_back(self):
        picture = make_picture(ArticleFactory(), content=jpeg(colour="olive"))
        target = f"{self.enterContext(tempfile.TemporaryDirectory())}/backup.tar.gz"
        call_command("backup", target, stdout=StringIO())
        with tarfile.open(target) as archive:
            names = archive.getnames()
        self.assertIn("data.json", names)
        media = sorted(name for name in names if name.startswith("media/"))
        self.assertEqual(media, sorted(f"media/{name}" for name in picture.stored_names()))
        for name in picture.stored_names():
            default_storage.delete(name)
        call_command("restore", target, stdout=StringIO())
        for name in picture.stored_names():
            self.assertTrue(default_storage.exists(name), name)
        self.assertEqual(Picture.objects.get().image.name, picture.image.name)
