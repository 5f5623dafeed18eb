"""
The Content-Security-Policy in a real Chromium: reader pages and the admin pages editors use run
without a single violation, so nothing inline is left for the policy to block.
"""

import importlib
import re

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Fact

from ..support.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]

PASSWORD = "correct horse battery staple"
INTERVIEW = """Korea and Mexico look to the stars

The two space agencies signed an agreement.

Q: What did the agencies sign?

A: A memorandum on a launch base, signed last June, worth $120 million.
"""
# Runs before each page's own scripts: report every violation the page meets to the test.
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def roles(transactional_db):
    """The groups and their permissions from the data migrations, which the live-server tests flush."""
    for name, function in [
        ("0003_editorial_roles", "create_roles"),
        ("0004_theme_tools", "grant_editors"),
        ("0009_editors_lift_signin_lockouts", "grant_editors"),
        ("0015_translations_share_claims", "grant_roles"),
    ]:
        getattr(importlib.import_module(f"articles.migrations.{name}"), function)(apps, None)


class Violations(list):
    """The CSP violations met by the pages of one browser context, as events and as console errors."""

    def watch(self, page):
        page.expose_function("reportViolation", lambda text: self.append(f"{page.url}: {text}"))
        page.add_init_script(LISTENER)
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and self.append(f"{page.url}: {message.text}"),
        )
        return page

    def settle(self, page):
        """Wait for the page to load and for the events it raised to reach the test."""
        page.wait_for_load_state("load")
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 100))")


@pytest.fixture
def violations():
    return Violations()


@pytest.fixture
def watched_page(new_page, violations):
    return violations.watch(new_page())


def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def sign_in(page, user, password=PASSWORD):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_the_watch_reports_inline_code(watched_page, violations):
    """Guards the other tests: a watch that heard nothing would pass them all."""
    watched_page.goto("/")
    watched_page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.title = 'injected'";
            document.body.append(script);
            document.body.setAttribute("style", "color: red");
        }"""
    )
    violations.settle(watched_page)
    assert watched_page.title() != "injected"
    assert any("script-src-elem blocked inline" in text for text in violations)
    assert any("style-src-attr blocked inline" in text for text in violations)


def test_reader_pages_meet_no_violation(watched_page, violations):
    fact = Fact.objects.exclude(value=None).first()
    article = Article.objects.originals().get()
    urls = [
        "/",
        article.get_absolute_url(),
        "/themes/",
        "/themes/aerospace/",
        "/facts/?theme=digital-government&kind=dated",
        fact.get_permalink(),
        "/timeline/?theme=aerospace",
        "/search/?q=digital",
        "/data/",
        f"/es{article.get_absolute_url()}",
        "/ko/themes/",
    ]
    for url in urls:
        watched_page.goto(url)
        violations.settle(watched_page)
    assert violations == []


def test_the_admin_pages_editors_use_meet_no_violation(watched_page, violations):
    """Sign-in, lists, the article form with its inlines and widgets, import, suggestions, history, lockouts."""
    page = watched_page
    article = Article.objects.originals().get()
    sign_in(page, editor())
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    violations.settle(page)

    page.goto(reverse("admin:articles_article_changelist"))
    page.get_by_role("row").filter(has_text=article.title).get_by_role("checkbox").check()
    violations.settle(page)

    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    page.locator("#pairs-group .add-row a").click()
    calendar_link = page.locator("a[id^='calendarlink']:visible").first
    calendar_link.click()
    expect(page.locator("#" + calendar_link.get_attribute("id").replace("link", "box"))).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("#id_interviewee").locator("xpath=following-sibling::span").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    violations.settle(page)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    violations.settle(page)

    page.goto(reverse("admin:articles_article_history", args=[article.pk]))
    page.get_by_role("button", name="compare").click()
    expect(page).to_have_url(re.compile(r"/history/compare/"))
    violations.settle(page)

    page.goto(reverse("admin:articles_article_import_interview"))
    page.get_by_label("Paste the interview").fill(INTERVIEW)
    page.get_by_role("button", name="Recognise").click()
    expect(page.get_by_role("button", name="Save draft").first).to_be_visible()
    violations.settle(page)

    for url in [
        reverse("admin:articles_article_suggest_facts", args=[article.pk]),
        reverse("admin:articles_qapair_change", args=[article.pairs.first().pk]),
        reverse("admin:articles_fact_changelist"),
        reverse("admin:articles_fact_change", args=[Fact.objects.first().pk]),
        reverse("admin:articles_theme_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        page.goto(url)
        violations.settle(page)
    assert violations == []


def test_the_lockout_page_meets_no_violation(new_page, violations):
    page = violations.watch(new_page())
    user = UserFactory(is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(page, user, "wrong")
    expect(page.get_by_role("heading", name="Sign-in locked")).to_be_visible()
    violations.settle(page)
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert violations == []
