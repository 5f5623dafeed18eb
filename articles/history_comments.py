"""
The comments of saved versions (django-reversion's revisions), said in the language of whoever
reads the history rather than of whoever saved. Kormex keeps the name of one of COMMENTS and its
values, as JSON; the admin's saves keep Django's change message, JSON too, which
Revision.get_comment() says in the active language. Comments kept as plain text (by earlier
saves, or by django-reversion itself) are shown as they are.
"""

import json
from datetime import datetime
from functools import cache

import reversion
from django.apps import apps
from django.utils import formats, timezone
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy, override

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


@cache
def field_labels():
    """
    Return the verbose name of each field of Kormex's models by its label as Django's change
    messages keep it: in English, capitalised ("Position"), which Django's catalogues say only
    for the labels they happen to hold.
    """
    labels = {}
    with override(None):
        for model in apps.get_app_config("articles").get_models():
            for field in model._meta.get_fields():
                if verbose_name := getattr(field, "verbose_name", None):
                    labels.setdefault(capfirst(str(verbose_name)), verbose_name)
    return labels


def change_message(comment):
    """
    Return Django's change message `comment` (JSON) in the active language, as Django's
    LogEntry.get_change_message() says it, in Kormex's catalogues (Django's Korean glued 필드 and
    개체 to the words and chose no particle) and with its fields' verbose names (field_labels()).
    """
    try:
        parts = json.loads(comment)
        labels, said = field_labels(), []
        for part in parts:
            if "added" in part:
                added = part["added"]
                said.append(
                    gettext("Added {name} “{object}”.").format(name=gettext(added["name"]), object=added["object"])
                    if added
                    else gettext("Added.")
                )
            elif "changed" in part:
                changed = part["changed"]
                names = [capfirst(str(labels.get(label) or gettext(label))) for label in changed["fields"]]
                fields = get_text_list(names, gettext("and"))
                if "name" in changed:
                    name = gettext(changed["name"])
                    sentence = gettext("Changed {fields} for {name} “{object}”.")
                    said.append(sentence.format(fields=fields, name=name, object=changed["object"]))
                else:
                    said.append(gettext("Changed {fields}.").format(fields=fields))
            elif "deleted" in part:
                deleted = part["deleted"]
                name = gettext(deleted["name"])
                said.append(gettext("Deleted {name} “{object}”.").format(name=name, object=deleted["object"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        return comment
    return " ".join(capfirst(sentence) for sentence in said) or gettext("No fields changed.")


def said(revision):
    """Return the comment of `revision` in the active language."""
    comment = revision.comment
    if comment.startswith("["):
        return change_message(comment)
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
