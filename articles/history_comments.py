"""
The comments of saved versions (django-reversion's revisions), said in the language of whoever
reads the history rather than of whoever saved. Kormex keeps the name of one of COMMENTS and its
values, as JSON; the admin's saves keep Django's change message, JSON too, which
Revision.get_comment() says in the active language. Comments kept as plain text (by earlier
saves, or by django-reversion itself) are shown as they are.
"""

import json
from datetime import datetime

import reversion
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy, ngettext_lazy

from .i18n import language_label

COMMENTS = {
    "published": gettext_lazy("Published."),
    "returned-to-draft": gettext_lazy("Returned to draft."),
    "theme-added": gettext_lazy("Added the theme “%(theme)s”."),
    "theme-removed": gettext_lazy("Removed the theme “%(theme)s”."),
    "translated": gettext_lazy("Translated side by side."),
    "translated-and-reviewed": gettext_lazy("Translated side by side and marked reviewed."),
    "translation-created": gettext_lazy("Translation created (%(language)s)."),
    "seed": gettext_lazy("Loaded from the seed content."),
    "imported": gettext_lazy("Imported from a pasted or uploaded text."),
    "facts-suggested": ngettext_lazy("Added %(count)d suggested fact.", "Added %(count)d suggested facts.", "count"),
    "restored": gettext_lazy("Restored the version of %(date)s."),
    "recovered": gettext_lazy("Recovered the version of %(date)s."),
}


def kept(name, **values):
    """
    Return the comment COMMENTS[`name`] with `values` as a revision keeps it. A value named
    `language` is a language code, said by its name; one named `date` a time in ISO 8601, said as
    the reader's language writes a time.
    """
    return json.dumps({"comment": name, "values": values}, ensure_ascii=False)


def set_comment(name, **values):
    """Set the comment of the revision being made: COMMENTS[`name`] with `values` (kept())."""
    reversion.set_comment(kept(name, **values))


def keep_change_message(entry):
    """Set the comment of the revision being made to the admin's log `entry`'s change message, as Django keeps it."""
    if reversion.is_active():
        reversion.set_comment(entry.change_message)


def said(revision):
    """Return the comment of `revision` in the active language."""
    comment = revision.get_comment()
    if not comment.startswith("{"):
        return comment
    try:
        kept = json.loads(comment)
        sentence, values = COMMENTS[kept["comment"]], dict(kept["values"])
        if "language" in values:
            values["language"] = language_label(values["language"])
        if "date" in values:
            moment = timezone.localtime(datetime.fromisoformat(values["date"]))
            values["date"] = formats.date_format(moment, "DATETIME_FORMAT")
        text = str(sentence % values if values else sentence)
    except (ValueError, TypeError, KeyError):
        return comment
    # A time ends with an abbreviation's full stop in English ("p.m."): one full stop.
    return text.removesuffix(".") if text.endswith("..") else text
