"""
The content version: what the page cache keys pages by and the facet index (facet_index.py) is
built for. It is a random token, the time it was made and the next time a scheduled article
comes due, kept in the shared cache so that every worker on every host sees the same one. Any
change to content drops it, at once and again when its transaction commits, so the next request
to any page renders afresh; so does the first request after a scheduled article's publication
time.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Article

VERSION_KEY = "content-version"
# The content that decides what public pages show.
CONTENT_APPS = {"articles", "taggit"}


@dataclass(frozen=True)
class ContentVersion:
    token: str
    made_at: datetime
    next_due: datetime | None


def is_current(version):
    """Return whether `version` exists and no scheduled article has come due since it was made."""
    return version is not None and (version.next_due is None or version.next_due > timezone.now())


def current_version():
    """Return the current content version, making a new one if there is none or it has passed."""
    return stored_version() or new_content_version()


def stored_version():
    """Return the current content version if the cache holds it, else None, making none."""
    version = cache.get(VERSION_KEY)
    return version if is_current(version) else None


def new_content_version():
    next_due = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    version = ContentVersion(uuid.uuid4().hex, timezone.now(), next_due)
    cache.set(VERSION_KEY, version, None)
    return version


class CacheUnavailable(Exception):
    """The shared cache did not answer when content changed, so the change must not be kept."""


def drop_version():
    """
    Make every cached page and the facet index stale.

    The version is dropped now, so this transaction's own requests see the change, and again on
    commit, so a page another request rendered from the data before the commit is not kept.

    If the cache does not answer, raise CacheUnavailable, which rolls the change back: kept, it
    would stay hidden behind the pages of the old version when a cache that was unreachable, or
    restarted from its saved data, answers again. PageCacheMiddleware answers it with a 503. By
    the commit the version has been dropped once, so a failure then is only logged.
    """
    try:
        cache.delete(VERSION_KEY)
    except Exception as error:
        raise CacheUnavailable("The shared cache did not answer.") from error
    transaction.on_commit(lambda: cache.delete(VERSION_KEY), robust=True)


def content_saved(sender, **kwargs):
    """Receive post_save, post_delete and m2m_changed: drop the version when content models change."""
    if sender._meta.app_label in CONTENT_APPS:
        drop_version()


def content_changed(sender, **kwargs):
    """Receive articles.signals.content_changed (changes made without save() or delete()): drop the version."""
    drop_version()


def code_deployed(sender, **kwargs):
    """Receive post_migrate: make every page the previous code cached stale."""
    cache.delete(VERSION_KEY)
