"""A reader's journey through Kormex in a real Chromium: themes, facts, sources, keyboard, small screens."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article, Fact, Theme

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed")]

OTHER_THEME_FACT = "Trade between Korea and Mexico reached $19.8 billion in 2023."
CITED_FACT = "Korea aims to land on the moon by 2032."


def statements(page):
    return page.locator(".fact-card .fact-statement").all_inner_texts()


def assert_every_fact_card_carries(page, *theme_names):
    cards = page.locator(".fact-card")
    assert cards.count() > 0, "no fact cards shown"
    for card in cards.all():
        card_themes = card.get_by_role("list", name="Themes").get_by_role("link").all_inner_texts()
        for name in theme_names:
            assert name in card_themes, f"{card.locator('.fact-statement').inner_text()!r} lacks {name}"


def expected_statements(*slugs):
    facts = Fact.objects.published()
    for slug in slugs:
        facts = facts.filter(themes__slug=slug)
    return sorted(facts.values_list("statement", flat=True))


def test_reader_follows_a_theme_to_its_facts_and_a_fact_to_the_words_it_quotes(page):
    """
    Guards the core promise: a theme page and the filtered fact list show only that theme's
    facts, and a fact's source link lands on its Q&A pair with the quoted words highlighted.
    """
    theme = Theme.objects.get(slug="aerospace")
    aerospace = expected_statements("aerospace")
    assert OTHER_THEME_FACT not in aerospace and CITED_FACT in aerospace

    page.goto("/")
    page.get_by_role("region", name="Themes").get_by_role("link", name="Aerospace", exact=True).click()

    expect(page).to_have_url(re.compile(r"/themes/aerospace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aerospace")
    expect(page.get_by_role("heading", name=f"Facts ({len(aerospace)})")).to_be_visible()
    assert sorted(statements(page)) == aerospace
    assert_every_fact_card_carries(page, theme.name)
    expect(page.get_by_text(OTHER_THEME_FACT)).to_have_count(0)

    page.get_by_role("link", name="All facts on Aerospace in the facts list").click()

    expect(page).to_have_url(re.compile(r"/facts/\?theme=aerospace$"))
    expect(page.get_by_role("heading", level=2, name=f"{len(aerospace)} facts on Aerospace")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Aerospace")).to_be_checked()
    assert sorted(statements(page)) == aerospace
    assert_every_fact_card_carries(page, theme.name)
    expect(page.get_by_text(OTHER_THEME_FACT)).to_have_count(0)

    fact = Fact.objects.select_related("article", "pair").get(statement=CITED_FACT)
    card = page.locator(".fact-card").filter(has_text=CITED_FACT)
    card.get_by_role("link", name=f"Read it in “{fact.article.title}”").click()

    anchor = fact.pair.anchor
    assert anchor == "space"
    expect(page).to_have_url(re.compile(rf"{re.escape(fact.article.get_absolute_url())}#{anchor}$"))
    assert page.evaluate("location.hash") == f"#{anchor}"
    expect(page.get_by_role("heading", level=1)).to_have_text(fact.article.title)
    target = page.locator(f"#{anchor}")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    expect(target.locator(".qa-answer mark").filter(has_text=fact.quote)).to_have_count(1)


def test_fact_filters_combine_themes_without_javascript(new_page):
    """Guards the no-JavaScript path: the filter form is a plain GET form whose themes all apply."""
    page = new_page(java_script_enabled=False)
    page.goto("/facts/")
    page.get_by_role("checkbox", name=re.compile(r"^Energy\b")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Infrastructure\b")).check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/facts/\?"))
    assert sorted(parse_qs(urlsplit(page.url).query)["theme"]) == ["energy", "infrastructure"]
    expected = expected_statements("energy", "infrastructure")
    assert len(expected) >= 2, "the seed should give this filter more than one fact"
    heading = page.locator("#results-title")
    expect(heading).to_have_text(f"{len(expected)} facts on Energy and Infrastructure")
    count = int(heading.inner_text().split()[0])
    expect(page.locator(".fact-card")).to_have_count(count)
    assert sorted(statements(page)) == expected
    assert_every_fact_card_carries(page, "Energy", "Infrastructure")
    expect(page.get_by_role("checkbox", name="Energy")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Infrastructure")).to_be_checked()


def test_first_tab_reveals_the_skip_link_which_moves_to_main(page):
    """
    Guards keyboard access, and that the stylesheet loads at all: unstyled, the skip link is
    visible before it is focused.
    """
    page.goto("/")
    skip = page.get_by_role("link", name="Skip to content")
    box = skip.bounding_box()
    assert box["y"] + box["height"] <= 0, f"skip link should be off-screen until focused, is at {box}"

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"], box

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/#main$"))
    expect(page.locator("main#main")).to_be_focused()


def test_static_files_are_served_under_their_hashed_names(page):
    """Guards the live server setup: {% static %} renders manifest names, which must not 404."""
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with page.expect_response(re.compile(r"/static/css/site\.[0-9a-f]{12}\.css$")) as stylesheet:
        page.goto("/")
    assert stylesheet.value.status == 200
    page.wait_for_load_state("load")
    assert failed == []


@pytest.mark.parametrize("language", ["en", "es", "ko"])
@pytest.mark.parametrize("url_name", ["article", "home", "theme", "facts", "data"])
def test_pages_do_not_scroll_sideways_on_a_320px_screen(new_page, url_name, language):
    """
    Guards small phones (WCAG reflow): nothing may be wider than a 320px viewport, in any
    language (long Spanish words, Korean kept whole between spaces).
    """
    urls = {
        "article": Article.objects.get(slug="south-korea-desires-an-fta-with-mexico").get_absolute_url(),
        "home": "/",
        "theme": "/themes/aerospace/",
        "facts": "/facts/",
        "data": "/data/",
    }
    url = urls[url_name] if language == "en" else f"/{language}{urls[url_name]}"
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{url} is {scroll_width}px wide"


@pytest.mark.parametrize("language", ["en", "es", "ko"])
def test_the_data_pages_headings_and_column_names_stay_whole_on_a_320px_screen(new_page, language):
    """Regression: the tables squeezed a one-word heading (매개변수) and column names to a syllable a line."""
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto("/data/" if language == "en" else f"/{language}/data/")
    # The lines each text takes: a one-word heading takes one; a column name breaks after its underscores only.
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.data-table thead th, .data-table th code')].map(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const tops = [...range.getClientRects()].map(rect => Math.round(rect.top));
            return [cell.textContent.trim(), new Set(tops).size];
        })"""
    )
    assert lines
    for text, count in lines:
        assert count <= len(re.split(r"[\s_]+", text)), f"“{text}” takes {count} lines"
