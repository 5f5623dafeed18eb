"""An article's history in a real Chromium: compare two versions, restore one."""

from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article

from ..support.admin import member_of
from ..support.browser import sign_in
from ..support.factories import ArticleFactory, QAPairFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def test_an_editor_restores_a_draft_version_of_a_live_article_and_it_stays_online(new_page):
    """Regression: restoring a version saved while the article was a draft took it offline."""
    with reversion.create_revision():
        article = ArticleFactory(draft=True, title="A live interview", slug="a-live-interview")
        pair = QAPairFactory(article=article, position=1, prompt="What changed?", answer="The first answer.")
    draft_version = Version.objects.get_for_object(article).get()
    with reversion.create_revision():
        Article.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now() - timedelta(1))
        pair.answer = "The second answer."
        pair.save()
        reversion.add_to_revision(Article.objects.get(pk=article.pk))

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/history/")
    page.locator(f"a[href$='/history/{draft_version.pk}/']").click()
    expect(page.get_by_text("When this version was saved, the article was a draft.")).to_be_visible()
    expect(page.get_by_label("Status")).to_have_value("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("The article stays published.")
    expect(page.get_by_label("Status")).to_have_value("published")

    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("A live interview")
    expect(page.locator("main")).to_contain_text("The first answer.")


def test_an_editor_compares_two_versions_and_sees_the_words_of_the_answer_that_changed(new_page):
    """Regression: the compare view named the edited pair by its prompt, with no diff of its answer."""
    article = Article.objects.originals().get()
    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    answer = page.locator("textarea[name$='-answer']").filter(has_text="ambitiously promoting")
    answer.fill(answer.input_value().replace("ambitiously", "boldly") + "\n\nA sentence the editors added.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="compare").click()
    expect(page.get_by_role("heading", name="Q&A pairs")).to_be_visible()
    part = page.locator(".compared-part").filter(has_text="Changed: 7.")
    expect(part.locator("dt")).to_have_text(["Answer"])
    expect(part.locator("del")).to_contain_text(["ambitiously"])
    expect(part.locator("ins")).to_contain_text(["boldly", "A sentence the editors added."])
    expect(page.get_by_text("reversion control")).to_have_count(0)
