"""WCAG checks with axe-core in a real Chromium, page weight and same-origin requests, on the seed site."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Fact

from ..support.pictures import jpeg, make_picture

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "pictures")]

# axe-core rule tags for WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
MAX_PAGE_BYTES = 100_000


@pytest.fixture
def pictures(settings):
    """Give the seed interview a lead image and its interviewee a portrait, served by Django."""
    settings.SERVE_MEDIA = True
    article = Fact.objects.exclude(value=None).first().article
    make_picture(
        article=article,
        content=jpeg(1200, 800),
        alt_es="Dos ministros se dan la mano",
        alt_ko="악수하는 두 장관",
        credit="Photo: Kormex",
        licence="CC BY 4.0",
    )
    make_picture(person=article.interviewee, content=jpeg(600, 600), alt="Sang Min Lee")


def page_types():
    fact = Fact.objects.exclude(value=None).first()
    return {
        "home": "/",
        "article": fact.article.get_absolute_url(),
        "theme": "/themes/aerospace/",
        "facts, filtered": "/facts/?theme=digital-government&kind=dated",
        "fact": fact.get_permalink(),
        "fact embed": f"/facts/{fact.pk}/embed/",
        "timeline": "/timeline/?theme=aerospace",
        "search": "/search/?q=digital",
        "not found": "/articles/nope/",
    }


def violations(page):
    results = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page_type(new_page, scheme):
    page = new_page(color_scheme=scheme)
    found = {}
    for name, url in page_types().items():
        page.goto(url)
        if problems := violations(page):
            found[name] = problems
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["es", "ko"])
def test_axe_finds_no_violations_in_spanish_and_korean(new_page, language, scheme):
    """Guards the translated pages: their text, labels and lang attributes, in both colour schemes."""
    page = new_page(color_scheme=scheme)
    urls, found = page_types(), {}
    for name in ["home", "article", "theme", "facts, filtered", "not found"]:
        page.goto(f"/{language}{urls[name]}")
        assert page.locator("html").get_attribute("lang") == language
        if problems := violations(page):
            found[name] = problems
    assert found == {}


def test_every_page_type_stays_light_and_on_its_own_origin(new_page, live_server):
    """Each page transfers at most 100 KB of HTML, CSS, JS and fonts, and requests nothing elsewhere."""
    weights, foreign = {}, []
    for name, url in page_types().items():
        page, responses = new_page(), []
        page.on("response", lambda response, seen=responses: seen.append(response))
        page.goto(url, wait_until="networkidle")
        foreign += [r.url for r in responses if not r.url.startswith(live_server.url)]
        weights[name] = sum(r.request.sizes()["responseBodySize"] for r in responses if r.ok)
    assert foreign == []
    assert {name: size for name, size in weights.items() if size > MAX_PAGE_BYTES} == {}, weights


def test_facets_work_by_keyboard_alone(page):
    page.goto("/facts/")
    checkbox = page.get_by_label("Aerospace (5)")
    checkbox.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/facts/?*theme=aerospace*")
    assert page.get_by_role("heading", name="5 facts on Aerospace").is_visible()
