"""
The page cache's middleware: public pages, feeds, the sitemap and exports served from the shared
cache while the content they show is unchanged. Each page is stored with the token of the
content version (articles/versions.py) it was rendered from.
"""

import logging
import re
from dataclasses import dataclass, fields
from hashlib import sha256
from itertools import chain

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _

from articles.lru import LRU
from articles.versions import VERSION_KEY, CacheUnavailable, is_current, new_content_version, stored_version

# Requests carrying these cookies may see something personal (a signed-in editor, a message).
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The headers of a conditional request; without them, a hit skips get_conditional_response().
CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """
    Serve a GET or HEAD request from the cache when its page was stored at the current content
    version; otherwise render it and store it if it is public.

    A request with a session or message cookie (an editor, a visitor seeing a message) is neither
    served from nor stored in the cache, and its response is marked private. A response is stored
    only when it is a 200 without cookies and without Cache-Control private/no-cache/no-store (the
    admin, previews and /healthz send never_cache). Pages are stored as sent, compressed or not, so
    the key holds whether the client accepts gzip, and the scheme and host, which feeds and the
    sitemap write into their links. Entries are sent with an ETag and with the version's time as
    Last-Modified, and with max-age=0 so that clients and proxies revalidate each time; this
    middleware answers their conditional requests itself, from the values stored with the page, so
    that a hit does not go through ConditionalGetMiddleware (which comes after it, for the pages
    it does not store).

    A request it renders carries the content version it was looked up at as
    `request.content_version`: the version the fragments the page draws are kept for
    (articles/kept.py). With the page cache off it is the version the cache holds, if any.
    Requests with a session or message cookie have none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Pictures (MEDIA_URL) are files with headers of their own, never pages to store.
        if request.method not in ("GET", "HEAD") or request.path.startswith(settings.MEDIA_URL):
            return self.get_response(request)
        if PERSONAL_COOKIES.intersection(request.COOKIES):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response

        key = page_key(request) if settings.PAGE_CACHE else None
        try:
            # With the page cache off, a version that does not exist yet is left for the facet index to make.
            version, page = current_page(key) if key else (stored_version(), None)
        except Exception:
            # A cache or database that does not answer must not take the pages down with it
            # (nor /healthz, which reports it).
            logger.exception("The page cache is unavailable: %s is rendered without it.", request.path)
            return self.get_response(request)
        if page is not None:
            return page.response(request)

        # The version the page is rendered at, which the fragments it draws are kept for (articles/kept.py).
        request.content_version = version
        response = self.get_response(request)
        if key and storable(response):
            response = self.store(request, key, version, response)
        return response

    def process_exception(self, request, exception):
        """Answer a change refused because the cache did not answer (see content_changed) with a 503 that says so."""
        if isinstance(exception, CacheUnavailable):
            logger.error("The page cache is unavailable: a change to content was not saved.", exc_info=exception)
            context = {**admin.site.each_context(request), "title": _("Nothing was saved")}
            return render(request, "admin/cache_unavailable.html", context, status=503)
        return None

    def store(self, request, key, version, response):
        if response.streaming:
            content = read_up_to(response, settings.PAGE_CACHE_MAX_BYTES)
            if content is None:
                return response
            response = HttpResponse(content, status=response.status_code, headers=response.headers)
        # The version's time, not a feed's or the sitemap's newest item: a deleted item changes the
        # page without making anything newer.
        modified = int(version.made_at.timestamp())
        response["Last-Modified"] = http_date(modified)
        set_response_etag(response)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        page = StoredPage(
            version.token,
            response.status_code,
            tuple(response.items()),
            response.content,
            # An empty body has no ETag.
            response.get("ETag"),
            modified,
        )
        try:
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("The page cache is unavailable: %s is not stored.", key)
        else:
            LOCAL_PAGES.put(key, page)
        return page.conditional(request, response)


@dataclass(frozen=True)
class StoredPage:
    token: str
    status: int
    headers: tuple
    content: bytes
    etag: str | None
    last_modified: int

    def response(self, request):
        """Return a new response for this page, or a 304 if the request has it; middleware may change its headers."""
        return self.conditional(request, HttpResponse(self.content, status=self.status, headers=dict(self.headers)))

    def conditional(self, request, response):
        if not any(header in request.META for header in CONDITIONAL_HEADERS):
            return response
        return get_conditional_response(request, etag=self.etag, last_modified=self.last_modified, response=response)


# Copies of the shared cache's pages in this process. A copy is only served when its token is the
# current version's, read from the shared cache on every request, so it is exactly as fresh as
# the shared entry; it saves fetching and unpickling the page.
LOCAL_PAGES = LRU(settings.PAGE_CACHE_LOCAL_BYTES, weigh=lambda page: len(page.content))
STORED_PAGE_FIELDS = {field.name for field in fields(StoredPage)}


def current_page(key):
    """Return the current content version and the page stored under `key` at it, if any."""
    version = cache.get(VERSION_KEY)
    if not is_current(version):
        return new_content_version(), None
    page = LOCAL_PAGES.get(key)
    if page is None or page.token != version.token:
        page = cache.get(key)
        if not is_stored_page(page) or page.token != version.token:
            return version, None
        LOCAL_PAGES.put(key, page)
    return version, page


def is_stored_page(value):
    """
    Return whether `value` is a StoredPage of this release's shape. Another release of this code
    (a host not yet updated in a rolling deployment, which shares the cache) may store another
    class, or a StoredPage with other fields: that entry is stale too.
    """
    return isinstance(value, StoredPage) and vars(value).keys() == STORED_PAGE_FIELDS


def page_key(request):
    encoding = "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    # The URL from its parts: build_absolute_uri() would split and quote it again, on every hit.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{encoding}:{sha256(url.encode()).hexdigest()}"


def storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def read_up_to(response, limit):
    """
    Return the whole body of streaming `response` if it is at most `limit` bytes. Otherwise
    return None and leave `response` streaming its body from the start.
    """
    chunks, size = [], 0
    stream = iter(response.streaming_content)
    for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            response.streaming_content = chain(chunks, stream)
            return None
    return b"".join(chunks)
