"""Translating the seed interview into Korean in a real Chromium: from the original's button to the public /ko/ page."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from ..support.admin import member_of
from ..support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]

TITLE = "한국, 멕시코와 FTA 원해"
PROMPT = "멕시코와의 관계를 어떻게 보십니까?"
STATEMENT = "한국은 멕시코와 자유무역협정을 원한다."


def test_an_editor_translates_the_seed_side_by_side_publishes_it_and_readers_get_it_on_ko(new_page):
    original = Article.objects.originals().get()
    Article.objects.filter(translation_of=original, language="ko").delete()
    pair = original.pairs.exclude(facts__in_prompt=True).order_by("position").first()
    fact = original.facts.filter(pair=pair).order_by("pk").first()

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{original.pk}/change/")
    page.get_by_role("link", name="Translate into…").click()
    page.get_by_label("Translate into").select_option("ko")
    page.get_by_role("button", name="Create the translation").click()
    expect(page.get_by_text("Created the Korean translation")).to_be_visible()

    translation = Article.objects.get(translation_of=original, language="ko")
    expect(page.locator(f"#id_pair-{pair.pk}-prompt")).to_have_value(pair.prompt)
    page.locator("#id_title").fill(TITLE)
    page.locator(f"#id_pair-{pair.pk}-prompt").fill(PROMPT)
    page.locator(f"#id_fact-{fact.pk}-statement").fill(STATEMENT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved the translation.")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(TITLE)

    page.goto("/admin/articles/article/?language__exact=ko")
    page.locator(f"input[name='_selected_action'][value='{translation.pk}']").check()
    page.locator("select[name='action']").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Published 1 article now.")).to_be_visible()

    page.goto(Article.objects.get(pk=translation.pk).url_in_own_language)
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_text(PROMPT)).to_be_visible()
