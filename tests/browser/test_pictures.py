"""An editor uploads a lead image in a real Chromium; readers' pages load its renditions."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from ..support.admin import member_of
from ..support.browser import sign_in
from ..support.pictures import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def test_an_uploaded_lead_image_is_shown_on_the_article_page_from_its_renditions(new_page, settings):
    settings.SERVE_MEDIA = True
    article = Article.objects.get(translation_of=None, language="en")
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_lead_picture-0-image").set_input_files(
        {"name": "ministers.jpg", "mimeType": "image/jpeg", "buffer": jpeg(1200, 800, gps=True)}
    )
    page.locator("#id_lead_picture-0-alt").fill("Two ministers shake hands")
    page.locator("#id_lead_picture-0-alt_es").fill("Dos ministros se dan la mano")
    page.locator("#id_lead_picture-0-alt_ko").fill("악수하는 두 장관")
    page.locator("#id_lead_picture-0-credit").fill("Photo: Kormex")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    for language in ("en", "ko"):
        version = Article.objects.get(language=language)
        reader = new_page()
        reader.goto(version.get_absolute_url())
        image = reader.locator(".lead-picture img")
        expect(image).to_have_attribute("width", "1200")
        expect(image).to_have_attribute("height", "800")
        expect(image).to_have_attribute("alt", {"en": "Two ministers shake hands", "ko": "악수하는 두 장관"}[language])
        expect(reader.locator(".lead-picture figcaption")).to_have_text("Photo: Kormex")
        image.evaluate("element => element.decode()")
        loaded = image.evaluate("element => [element.complete, element.naturalWidth, element.currentSrc]")
        assert loaded[0] and loaded[1] > 0, loaded
        assert loaded[2].endswith((".avif", ".webp")), loaded
