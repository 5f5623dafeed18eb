"""The fact form in a real Chromium: the Q&A pair an editor chose stays chosen."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Fact

from ..support.admin import member_of
from ..support.browser import choose_article, sign_in
from ..support.factories import ArticleFactory, QAPairFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def settle(page):
    """
    Wait until the page's ready handlers have run (Django's related-object script has then fired
    its change events) and js/fact_pairs.js has finished any list of pairs they made it load.
    """
    page.evaluate("() => new Promise((resolve) => django.jQuery(resolve))")
    expect(page.locator("#id_pair:not([aria-busy])")).to_be_attached()


def test_a_fact_added_from_a_pairs_link_stays_on_that_pair_and_saves_its_quote(new_page):
    """
    Regression: Django's related-object script fires a change event on the article select once
    the page is loaded; js/fact_pairs.js took it for a new article, reloaded the pairs and left
    the last one selected, so a quote from the intended answer was refused.
    """
    article = Article.objects.originals().get()
    pair = article.pairs.get(anchor="strategic-relationship")
    quote = pair.answer_paragraphs[0].split(". ")[0]

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(f".field-fact_links a.addlink[href$='&pair={pair.pk}']").click()
    page.wait_for_url(f"**/articles/fact/add/?*pair={pair.pk}")
    settle(page)
    expect(page.locator("#id_pair")).to_have_value(str(pair.pk))

    page.get_by_label("Statement").fill("The relationship is strategic.")
    page.get_by_role("textbox", name="Quote").fill(quote)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    assert Fact.objects.get(statement="The relationship is strategic.").pair == pair


def test_an_existing_fact_keeps_its_pair_when_its_statement_is_edited(new_page):
    article = Article.objects.originals().get()
    last = article.pairs.order_by("position").last()
    fact = Fact.objects.filter(article=article, pair__isnull=False).exclude(pair=last).first()

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/fact/{fact.pk}/change/")
    settle(page)
    expect(page.locator("#id_pair")).to_have_value(str(fact.pair_id))

    page.get_by_label("Statement").fill("An edited statement.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    saved = Fact.objects.get(pk=fact.pk)
    assert (saved.statement, saved.pair_id) == ("An edited statement.", fact.pair_id)


def test_moving_a_fact_to_another_article_offers_its_pairs_and_chooses_none(new_page):
    fact = Fact.objects.filter(pair__isnull=False).first()
    other = ArticleFactory(title="Another interview")
    question = QAPairFactory(article=other, position=1, prompt="Is this the other question?")

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/fact/{fact.pk}/change/")
    settle(page)
    page.get_by_label("Statement").fill("Typed before the article was changed.")
    choose_article(page, other.title)
    expect(page.locator("#id_pair option")).to_have_text(["---------", str(question)])
    expect(page.locator("#id_pair")).to_have_value("")
    expect(page.get_by_label("Statement")).to_have_value("Typed before the article was changed.")
