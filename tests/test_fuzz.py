"""
Property-based proof that no query string, request header or address segment makes a public
page answer 5xx: hypothesis sends generated input to every public route of the URLconf, in
every language, over the seed content; and that the admin holds as well, for an administrator.
Public routes answer no method but GET and HEAD.
"""

import re
from io import StringIO
from urllib.parse import quote, urlencode

from django.contrib import admin
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import URLPattern, reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from reversion.models import Version

from articles import urls as article_urls
from articles.models import Article, Fact, Person, QAPair, Source, Theme, ThemeRedirect
from articles.sitemaps import SITEMAPS
from kormex import urls as project_urls

from .support.factories import UserFactory
from .support.pictures import make_picture

PREFIXES = ["", "/es", "/ko"]
# What each path converter of the public routes names (str: a sitemap section).
ROUTE_OBJECTS = {"slug": "article", "uslug": "theme", "int": "fact", "str": "section", "path": "media"}
# Every parameter a view or a facet reads, and some that none does.
KEYS = ["theme", "person", "source", "from", "to", "kind", "page", "q", "p", "year", "format", "sort", "language"]
KEYS += ["url", "maxwidth", "maxheight"]
# What the admin's changelists, add pages and history pages read, and some that none does.
ADMIN_KEYS = [
    *["q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "version_id1", "version_id2"],
    *["status__exact", "themes__id__exact", "state", "language", "published_at__year", "published_at__month"],
    *["article", "pair", "person", "source", "theme", "interviewee", "app_label", "model_name", "field_name", "term"],
]
# Bounded so that each test runs in seconds on either database; deadline off, as the first
# request of a run pays for warming the caches.
FUZZ = settings(max_examples=200, deadline=None, database=None)


def routes():
    """
    Return (prefixes, route) for every public route: those of articles/urls.py under each
    language prefix, the project's own (the sitemap's index and sections, robots.txt) unprefixed.
    The admin is not public.
    """
    found = [(PREFIXES, str(pattern.pattern)) for pattern in article_urls.urlpatterns]
    found += [([""], str(pattern.pattern)) for pattern in project_urls.urlpatterns if isinstance(pattern, URLPattern)]
    return found


ROUTES = routes()


def route_object(route):
    """Return what the route's parameter names ("article", "theme" or "fact"), or None for a route without one."""
    converter = re.search(r"<(\w+):", route)
    return ROUTE_OBJECTS[converter[1]] if converter else None


def route_address(prefix, route, value):
    """Return the address of `route` under the language `prefix`, with `value` for its parameter."""
    return prefix + "/" + re.sub(r"<[^>]+>", quote(value, safe=""), route)


def percent_encoded(data):
    return "".join(f"%{byte:02X}" for byte in data)


def overlong(char, length):
    return char * length


numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1, 10**100]),
).map(str)
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("\x00\u202e\u200f\ufeff%&=#?/\\<>\"'; \t\r\n"), max_size=20),
    # Characters a URL can carry: UTF-8 has no surrogates.
    st.builds(overlong, st.characters(codec="utf-8"), st.integers(min_value=500, max_value=20_000)),
)

# The request headers that language selection, the page cache and conditional GET read, with
# well-formed and malformed samples; any other value is printable Latin-1, as HTTP carries.
HEADERS = {
    "HTTP_ACCEPT_LANGUAGE": ["es", "ko-KR,ko;q=0.9", "*", "xx-YY;q=abc", "es;q=-1"],
    "HTTP_ACCEPT_ENCODING": ["gzip", "br, gzip;q=0", "identity"],
    "HTTP_IF_NONE_MATCH": ["*", '"abc"', 'W/"x", "y"', '"'],
    "HTTP_IF_MODIFIED_SINCE": ["Sun, 06 Nov 1994 08:49:37 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "0"],
    "HTTP_COOKIE": ["sessionid=junk", "messages=junk", "django_language=xx", "csrftoken="],
}
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=200)
request_headers = st.fixed_dictionaries(
    {}, optional={name: st.one_of(st.sampled_from(samples), header_text) for name, samples in HEADERS.items()}
)


def seed_with_picture():
    """Load the seed and give its original a lead picture; return the picture."""
    call_command("load_seed", stdout=StringIO())
    return make_picture(Article.objects.originals().get(), alt_es="Una foto", alt_ko="사진")


# Pictures (MEDIA_URL) are served by Django itself, as with KORMEX_SERVE_MEDIA on.
@override_settings(SERVE_MEDIA=True)
class PublicUrlFuzzTests(TestCase):
    keys = KEYS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One client for every example: each new client would build the middleware again,
        # whitenoise's scan of the static files included.
        cls.reader = Client()

    @classmethod
    def setUpTestData(cls):
        picture = seed_with_picture()
        theme = Theme.objects.get(slug="energy")
        ThemeRedirect.objects.create(theme=theme, old_slug="power")
        cls.known = {
            "article": list(Article.objects.values_list("slug", flat=True)),
            "fact": [str(pk) for pk in Fact.objects.values_list("pk", flat=True)],
            "theme": [
                slug for values in Theme.objects.values_list("slug", "slug_es", "slug_ko") for slug in values if slug
            ]
            + ["power"],
            "person": list(Person.objects.values_list("slug", flat=True)),
            "source": [str(pk) for pk in Source.objects.values_list("pk", flat=True)],
            "kind": ["figure", "dated", "statement", "interview", "news", "opinion"],
            "year": ["1999", "2023", "2024", "999", "3000"],
            "section": list(SITEMAPS),
            "media": picture.stored_names(),
        }

    def known_values(self):
        return st.sampled_from([value for values in self.known.values() for value in values])

    def values(self):
        return st.one_of(self.known_values(), numbers, texts)

    def query_strings(self):
        """Encoded parameters, repeated keys included, or raw percent-encoded bytes."""
        keys = st.one_of(st.sampled_from(self.keys), st.text(max_size=10))
        pairs = st.lists(st.tuples(keys, self.values()), max_size=12)
        return st.one_of(pairs.map(urlencode), st.binary(max_size=60).map(percent_encoded))

    def segments(self):
        """An address segment: a known slug or id, a number, text, or percent-encoded bytes."""
        return st.one_of(
            self.known_values().map(lambda value: quote(value, safe="")),
            numbers,
            st.text(min_size=1, max_size=60).map(lambda value: quote(value, safe="")),
            st.binary(min_size=1, max_size=30).map(percent_encoded),
        )

    def assertNoServerError(self, url, **headers):
        response = self.reader.get(url, **headers)
        # Exports stream: their errors surface only while the body is read.
        if response.streaming:
            b"".join(response.streaming_content)
        self.assertLess(response.status_code, 500, url)

    def address(self, data):
        prefixes, route = data.draw(st.sampled_from(ROUTES), label="route")
        prefix = data.draw(st.sampled_from(prefixes), label="prefix")
        kind = route_object(route)
        return route_address(
            prefix, route, data.draw(st.sampled_from(self.known[kind]), label="segment") if kind else ""
        )

    @FUZZ
    @given(st.data())
    def test_generated_query_strings_and_headers_never_cause_a_server_error(self, data):
        url = self.address(data)
        query = data.draw(self.query_strings(), label="query")
        headers = data.draw(request_headers, label="headers")
        self.assertNoServerError(f"{url}?{query}", **headers)

    @FUZZ
    @given(st.data())
    def test_generated_address_segments_never_cause_a_server_error(self, data):
        prefixes, route = data.draw(st.sampled_from(ROUTES), label="route")
        prefix = data.draw(st.sampled_from(prefixes), label="prefix")
        segment = data.draw(self.segments(), label="segment")
        # Routes without a parameter get the segment appended, as a mistyped address would.
        path = re.sub(r"<[^>]+>", segment, route) if "<" in route else f"{route}{segment}"
        self.assertNoServerError(f"{prefix}/{path}")

    def test_every_public_route_is_fuzzed(self):
        """The fuzz reads its routes from the URLconf: a new page is fuzzed without being listed here."""
        names = {pattern.name for pattern in article_urls.urlpatterns}
        self.assertLessEqual({"home", "article-detail", "theme-feed-atom", "facts-csv", "healthz", "fact-card"}, names)
        self.assertEqual(len(ROUTES), len(article_urls.urlpatterns) + 4)
        self.assertIn(([""], "media/<path:path>"), ROUTES)
        self.assertIn(([""], "sitemap.xml"), ROUTES)
        self.assertIn(([""], "sitemap-<str:section>.xml"), ROUTES)
        self.assertIn(([""], "robots.txt"), ROUTES)


@override_settings(SERVE_MEDIA=True)
class PublicMethodTests(TestCase):
    """
    Public pages are read-only: any method but GET and HEAD is a 405 that names those two, answered
    without a query, so that OPTIONS or TRACE cannot make a page render past the page cache.
    """

    @classmethod
    def setUpTestData(cls):
        picture = seed_with_picture()
        cls.objects = {
            "media": picture.image.name,
            "article": Article.objects.originals().get().slug,
            "theme": "aerospace",
            "fact": str(Fact.objects.first().pk),
            "section": "facts",
        }

    def test_every_public_route_answers_get_and_head_alone(self):
        for prefixes, route in ROUTES:
            kind = route_object(route)
            # The last prefix: Korean for the pages, none for sitemap.xml and robots.txt.
            url = route_address(prefixes[-1], route, self.objects[kind] if kind else "")
            self.assertNotEqual(self.client.get(url).status_code, 405, url)
            for method in ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]:
                with self.subTest(url=url, method=method):
                    with self.assertNumQueries(0):
                        response = self.client.generic(method, url)
                    self.assertEqual(response.status_code, 405)
                    self.assertEqual(response["Allow"], "GET, HEAD")


def admin_routes(patterns=None, prefix=""):
    """Return every route of the admin site, with its converters (`<path:object_id>`) in place."""
    found = []
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLPattern):
            found.append(route)
        else:
            found += admin_routes(pattern.url_patterns, route)
    return found


ADMIN_ROUTES = admin_routes()


class AdminUrlFuzzTests(PublicUrlFuzzTests):
    """The same proof for the admin, signed in as an administrator, who sees every page of it."""

    keys = ADMIN_KEYS

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.administrator = UserFactory(is_staff=True, is_superuser=True)
        ids = [pk for model in [Article, QAPair, Version] for pk in model.objects.values_list("pk", flat=True)]
        cls.known["id"] = [str(pk) for pk in ids]

    def setUp(self):
        self.reader.force_login(self.administrator)

    def admin_address(self, data, segment):
        route = data.draw(st.sampled_from(ADMIN_ROUTES), label="route")
        # Regular-expression routes (reversion's, the app index, the catch-all) lose their anchors
        # and take the segment for each group; path routes take it for each converter.
        route = re.sub(r"\([^()]*\)", segment, route.replace("^", "").replace("$", ""))
        return reverse("admin:index") + re.sub(r"<[^>]+>", segment, route)

    @FUZZ
    @given(st.data())
    def test_generated_query_strings_and_headers_never_cause_a_server_error(self, data):
        segment = quote(data.draw(self.known_values(), label="segment"), safe="")
        query = data.draw(self.query_strings(), label="query")
        self.assertNoServerError(f"{self.admin_address(data, segment)}?{query}")

    @FUZZ
    @given(st.data())
    def test_generated_address_segments_never_cause_a_server_error(self, data):
        self.assertNoServerError(self.admin_address(data, data.draw(self.segments(), label="segment")))

    def test_every_admin_route_is_fuzzed(self):
        """The admin's routes are read from its URLconf: Kormex's own views and reversion's are among them."""
        self.assertIn("articles/article/<path:object_id>/suggest-facts/", ADMIN_ROUTES)
        self.assertIn("articles/article/^([^/]+)/history/(\\d+)/$", ADMIN_ROUTES)
        self.assertIn("articles/fact/<str:object_id>/history/compare/", ADMIN_ROUTES)
