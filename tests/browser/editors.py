"""What the browser tests do as editors: sign in as a member of a role, choose an article in an autocomplete."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from ..factories import UserFactory

PASSWORD = "correct horse battery staple"


def member(group):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def choose_article(page, title):
    """Choose the article titled `title` in the fact form's article autocomplete."""
    page.locator(".field-article .select2-selection").click()
    page.locator(".select2-search__field").fill(title)
    page.locator(".select2-results__option", has_text=title).click()
