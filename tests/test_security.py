"""
Security headers, the Content-Security-Policy, HTTPS behind a proxy and the deploy checks,
asserted on real responses.
"""

from html.parser import HTMLParser
from io import StringIO

import reversion
from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from articles.models import Article, Fact, Theme

from .support.environment import PRODUCTION_ENV, run_python, settings_under
from .support.factories import UserFactory
from .support.signin import FAST_HASHING, PASSWORD

HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


def policy(response):
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class InlineCode(HTMLParser):
    """Collect what a strict CSP blocks in an HTML page: inline scripts, style elements and attributes, handlers."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
        if any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()):
            self.found.append(f"<{tag}> with a javascript: URL")


class SeededTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        cls.article = Article.objects.originals().get()
        cls.theme = Theme.objects.filter(slug="aerospace").get()
        cls.fact = Fact.objects.first()
        cls.superuser = UserFactory(is_staff=True, is_superuser=True)
        # A second version, so that the history page offers versions to compare.
        with reversion.create_revision():
            cls.article.save()

    def public_urls(self):
        return [
            reverse("articles:home"),
            reverse("articles:article-list"),
            self.article.get_absolute_url(),
            reverse("articles:theme-list"),
            self.theme.get_absolute_url(),
            reverse("articles:fact-list"),
            self.fact.get_absolute_url(),
            reverse("articles:timeline"),
            reverse("articles:search") + "?q=FTA",
            reverse("articles:data"),
            "/es/",
            "/ko/",
        ]

    def admin_urls(self):
        pair = self.article.pairs.first()
        return [
            reverse("admin:index"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_change", args=[self.article.pk]),
            reverse("admin:articles_article_add"),
            reverse("admin:articles_article_import_interview"),
            reverse("admin:articles_article_suggest_facts", args=[self.article.pk]),
            reverse("admin:articles_article_history", args=[self.article.pk]),
            reverse("admin:articles_qapair_change", args=[pair.pk]),
            reverse("admin:articles_fact_changelist"),
            reverse("admin:articles_theme_changelist"),
            reverse("admin:axes_accessattempt_changelist"),
        ]


class ContentSecurityPolicyTests(SeededTestCase):
    def assert_strict(self, response):
        directives = policy(response)
        self.assertEqual(directives["default-src"], ["'none'"])
        for name in ["script-src", "style-src", "img-src", "font-src", "connect-src", "form-action"]:
            self.assertEqual(directives[name], ["'self'"], name)
        for name in ["frame-ancestors", "object-src", "base-uri"]:
            self.assertEqual(directives[name], ["'none'"], name)
        for sources in directives.values():
            self.assertNotIn("'unsafe-inline'", sources)
            self.assertNotIn("'unsafe-eval'", sources)

    def test_public_pages_send_the_strict_policy(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_strict(response)

    def test_admin_pages_send_the_strict_policy(self):
        self.client.force_login(self.superuser)
        for url in [reverse("admin:login"), *self.admin_urls()]:
            with self.subTest(url=url):
                response = self.client.get(url, follow=url == reverse("admin:login"))
                self.assertEqual(response.status_code, 200)
                self.assert_strict(response)

    def test_pages_served_from_the_page_cache_keep_the_policy(self):
        """Guards the middleware order: the page cache must not hand out pages without the header."""
        url = reverse("articles:home")
        first = self.client.get(url)
        with self.assertNumQueries(0):
            second = self.client.get(url)
        self.assertEqual(second["Content-Security-Policy"], first["Content-Security-Policy"])

    def test_public_pages_hold_no_inline_script_or_style(self):
        """The policy blocks inline code: any that a template gains would silently stop working."""
        for url in self.public_urls():
            with self.subTest(url=url):
                self.assertEqual(InlineCode(self.client.get(url).content.decode()).found, [])

    def test_our_admin_pages_hold_no_inline_script_or_style(self):
        """Our admin templates and the third-party ones we override, as editors open them."""
        self.client.force_login(self.superuser)
        for url in self.admin_urls():
            with self.subTest(url=url):
                self.assertEqual(InlineCode(self.client.get(url).content.decode()).found, [])


class SecurityHeaderTests(SeededTestCase):
    def test_pages_forbid_sniffing_framing_and_foreign_openers_and_limit_referrers(self):
        self.client.force_login(self.superuser)
        for url in [reverse("articles:home"), self.article.get_absolute_url(), reverse("admin:index")]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["X-Frame-Options"], "DENY")
                self.assertEqual(policy(response)["frame-ancestors"], ["'none'"])
                self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
                self.assertEqual(response["Referrer-Policy"], "same-origin")


@FAST_HASHING
class HttpsTests(TestCase):
    """With DJANGO_HTTPS on, behind a TLS-terminating proxy that sets X-Forwarded-Proto."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.production = settings_under(PRODUCTION_ENV, HTTPS_SETTINGS)
        cls.enterClassContext(override_settings(**cls.production))

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(is_staff=True)

    def test_https_settings_follow_django_https(self):
        self.assertEqual(self.production["SECURE_PROXY_SSL_HEADER"], ("HTTP_X_FORWARDED_PROTO", "https"))
        self.assertTrue(all(self.production[name] for name in HTTPS_SETTINGS))
        development = settings_under({**PRODUCTION_ENV, "DJANGO_HTTPS": "false"}, HTTPS_SETTINGS)
        self.assertFalse(any(development[name] for name in HTTPS_SETTINGS if name != "SECURE_PROXY_SSL_HEADER"))

    def test_plain_http_is_redirected_to_https(self):
        response = self.client.get("/articles/?page=1")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://testserver/articles/?page=1")

    def test_requests_the_proxy_received_over_https_are_served_with_hsts(self):
        response = self.client.get("/articles/", headers={"x-forwarded-proto": "https"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload")

    def test_session_and_csrf_cookies_are_sent_over_tls_only(self):
        https = {"x-forwarded-proto": "https"}
        login = reverse("admin:login")
        response = self.client.get(login, headers=https)
        self.assertTrue(response.cookies[settings.CSRF_COOKIE_NAME]["secure"])
        response = self.client.post(
            login, {"username": self.user.username, "password": PASSWORD, "next": reverse("admin:index")}, headers=https
        )
        self.assertRedirects(response, reverse("admin:index"), fetch_redirect_response=False)
        self.assertTrue(response.cookies[settings.SESSION_COOKIE_NAME]["secure"])
        self.assertTrue(response.cookies[settings.SESSION_COOKIE_NAME]["httponly"])


class DeployCheckTests(SimpleTestCase):
    def test_deploy_checks_are_silent_with_the_production_environment(self):
        result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)
