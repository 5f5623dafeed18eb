"""Editors in a real Chromium on an article's page: new pairs and their facts in one save, pages of pairs."""

import re

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, Fact

from ..support.admin import member_of
from ..support.browser import sign_in
from ..support.content import interview
from ..support.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def choose(page, field, name):
    """Choose `name` in the autocomplete of `field`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()


def test_an_article_is_added_with_two_pairs_and_a_fact_on_the_second_in_one_save(new_page):
    PersonFactory(name="Ana Ruiz", slug="ana-ruiz")
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title").fill("Ports on the Pacific")
    page.get_by_label("Intro").fill("The minister spoke in Manzanillo.")
    choose(page, "interviewee", "Ana Ruiz")

    add_pair = page.get_by_role("button", name="Add another Q&A pair")
    for index, (prompt, answer) in enumerate(
        [
            ("Which port comes first?", "Manzanillo, then Lázaro Cárdenas."),
            ("How much will the port cost?", "About $900 million over four years."),
        ]
    ):
        add_pair.click()
        page.locator(f"#id_pairs-{index}-prompt").fill(prompt)
        page.locator(f"#id_pairs-{index}-answer").fill(answer)
        expect(page.locator(f"#id_pairs-{index}-position")).to_have_attribute("placeholder", str(index + 1))

    page.locator("#facts-group summary").click()
    page.get_by_role("button", name="Add another Fact").click()
    pair = page.locator("#id_facts-0-pair")
    expect(pair.locator("option")).to_have_text(
        ["---------", "1. Which port comes first?", "2. How much will the port cost?"]
    )
    pair.select_option(label="2. How much will the port cost?")
    page.locator("#id_facts-0-statement").fill("The port costs $900 million.")
    page.locator("#id_facts-0-quote").fill("About $900 million over four years")
    page.locator("#id_pairs-1-prompt").fill("How much will the new port cost?")
    expect(pair.locator("option:checked")).to_have_text("2. How much will the new port cost?")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    article = Article.objects.get(title="Ports on the Pacific")
    assert list(article.pairs.values_list("position", "prompt")) == [
        (1, "Which port comes first?"),
        (2, "How much will the new port cost?"),
    ]
    fact = Fact.objects.get(article=article)
    assert (fact.pair.position, fact.quote) == (2, "About $900 million over four years")


def test_the_pages_of_a_long_interview_open_without_saving_and_save_what_was_typed(new_page):
    article = interview(25, 1, title="A long interview")
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_text("Q&A pairs 1–20 of 25")).to_be_visible()

    page.get_by_role("button", name="21–25").click()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{article.pk}/change/\?page=2$"))
    expect(page.get_by_text("Q&A pairs 21–25 of 25")).to_be_visible()
    assert not Version.objects.get_for_object(article).exists(), "opening another page saved the article"

    page.locator("#id_pairs-0-answer").fill("Sector 21 exported $21.0 billion, a record.")
    page.get_by_role("button", name="1–20").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    expect(page.get_by_text("Q&A pairs 1–20 of 25")).to_be_visible()
    assert article.pairs.get(position=21).answer == "Sector 21 exported $21.0 billion, a record."


def test_marking_a_pair_for_deletion_leaves_its_facts_quoting_it(new_page):
    """
    Regression: ticking a pair's Delete box dropped it from its facts' pair selects, which fell
    back to the intro and stayed there when the box was unticked; the save then refused the facts,
    or, had their words been in the intro too, moved them there without a word.
    """
    article = Article.objects.get(slug="south-korea-desires-an-fta-with-mexico")
    fact = Fact.objects.filter(article=article, pair__isnull=False).order_by("pk").first()
    pair_index = list(article.pairs.order_by("position").values_list("pk", flat=True)).index(fact.pair_id)
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    prefix = page.locator(f'#facts-group input[name$="-id"][value="{fact.pk}"]').get_attribute("name")
    chosen = page.locator(f'select[name="{prefix.removesuffix("-id")}-pair"]')
    expect(chosen).to_have_value(str(fact.pair_id))
    delete = page.locator(f"#id_pairs-{pair_index}-DELETE")
    delete.check()
    expect(chosen).to_have_value(str(fact.pair_id))
    delete.uncheck()
    expect(chosen).to_have_value(str(fact.pair_id))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert Fact.objects.get(pk=fact.pk).pair_id == fact.pair_id


def test_a_pair_and_its_facts_are_deleted_in_one_save(new_page):
    """Regression: the save refused the pair as protected by the facts it deleted too."""
    article = Article.objects.get(slug="south-korea-desires-an-fta-with-mexico")
    pair = article.pairs.filter(facts__isnull=False).order_by("position").first()
    facts = list(pair.facts.values_list("pk", flat=True))
    pair_index = list(article.pairs.order_by("position").values_list("pk", flat=True)).index(pair.pk)
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(f"#id_pairs-{pair_index}-DELETE").check()
    page.locator("#facts-group summary").click()
    for pk in facts:
        prefix = page.locator(f'#facts-group input[name$="-id"][value="{pk}"]').get_attribute("name")
        page.locator(f'input[name="{prefix.removesuffix("-id")}-DELETE"]').check()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert not article.pairs.filter(pk=pair.pk).exists()
    assert not Fact.objects.filter(pk__in=facts).exists()
