"""The share cards in a real Chromium: the og:image a Korean page names loads as an image of the declared size."""

import pytest
from django.utils.translation import override

from articles.models import Article, Fact, Theme

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed")]

# Load the address as an image in the page, as a link preview would fetch it, and report its size.
IMAGE_SIZE = """
(url) => new Promise((resolve) => {
  const image = new Image();
  image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
  image.onerror = () => resolve(null);
  image.src = url;
})
"""


def korean_pages():
    article = Article.objects.published().filter(translation_of__isnull=False, language="ko").get()
    with override("ko"):
        return [
            article.get_absolute_url(),
            Fact.objects.published().filter(value__isnull=False).first().get_permalink(),
            Theme.objects.get(slug="aerospace").get_absolute_url(),
        ]


def test_the_card_a_korean_page_names_loads_at_1200_by_630(page):
    for path in korean_pages():
        page.goto(path)
        meta = page.locator('meta[property="og:image"]')
        url = meta.get_attribute("content")
        assert url.startswith(f"{page.url.split('/ko/')[0]}/ko/") and url.endswith("/card.png"), url
        declared = [
            int(page.locator(f'meta[property="og:image:{side}"]').get_attribute("content"))
            for side in ("width", "height")
        ]
        assert page.evaluate(IMAGE_SIZE, url) == declared == [1200, 630], path
        assert page.locator('meta[property="og:image:alt"]').get_attribute("content").startswith("Kormex")
