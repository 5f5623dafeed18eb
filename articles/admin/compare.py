"""
What changed between two versions, in the words of the admin's forms, for the compare view of
django-reversion-compare: each edited field with a text diff, the themes, and an article's Q&A
pairs and facts one by one.
"""

import re
from collections import defaultdict
from datetime import datetime

from diff_match_patch import diff_match_patch
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from reversion.models import Revision, Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import diff_match_patch_pretty_html

from ..formatting import active_language, format_date, grouped
from ..history_comments import keep_change_message, kept
from ..models import Fact, Person, QAPair, Theme

THEMES = gettext_lazy("Themes")
FIGURE = gettext_lazy("Figure")
DATE = gettext_lazy("Date")
CHANGED = gettext_lazy("Changed: %(name)s")
ADDED = gettext_lazy("Added: %(name)s")
REMOVED = gettext_lazy("Removed: %(name)s")


class RevisionContents:
    """The versions a revision holds, read with one query, by model and object id."""

    def __init__(self, revision):
        self.versions = defaultdict(dict)
        for version in revision.version_set.all():
            self.versions[version.content_type_id][version.object_id] = version

    def of(self, model, **fields):
        """Return {object id: version} of the versions of `model` whose fields hold the values of `fields`."""
        versions = self.versions[ContentType.objects.get_for_model(model).pk].items()
        return {
            pk: version
            for pk, version in versions
            if all(version.field_dict[name] == value for name, value in fields.items())
        }

    def theme_ids(self, model, pk):
        """Return the ids of the themes of the `model` object `pk` in this revision."""
        through = model._meta.get_field("tagged_items").related_model
        links = self.versions[ContentType.objects.get_for_model(through).pk].values()
        return {link.field_dict["tag_id"] for link in links if str(link.field_dict["content_object_id"]) == str(pk)}


# The words, runs of spaces and punctuation marks a text diff compares, whole.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old, new):
    """
    Return the HTML diff of texts `old` and `new` word by word, the words removed and added
    marked ("ambitiously" struck and "boldly" added, not "ambitious" and "bold" before a kept
    "ly"). A line break counts the same whether a browser posted it (CRLF) or an import saved it (LF).

    diff-match-patch compares characters: each distinct token is encoded as one character,
    compared, and decoded, its documented way of comparing whole lines or words.
    """
    tokens = [""]
    codes = {}

    def encode(text):
        encoded = []
        for token in TOKENS.findall(text.replace("\r\n", "\n")):
            if token not in codes:
                codes[token] = chr(len(tokens))
                tokens.append(token)
            encoded.append(codes[token])
        return "".join(encoded)

    engine = diff_match_patch()
    diffs = engine.diff_main(encode(old), encode(new), False)
    engine.diff_charsToLines(diffs, tokens)
    engine.diff_cleanupSemantic(diffs)
    return mark_safe(diff_match_patch_pretty_html(diffs))


def text_diff(old, new):
    """Return the word diff of two texts, or None if they are equal (line breaks aside)."""
    return None if old.replace("\r\n", "\n") == new.replace("\r\n", "\n") else word_diff(old, new)


def themes_diff(old, new):
    """Return the themes of ids `old` and `new` by name, those removed struck and those added marked, or None."""
    if old == new:
        return None
    names = {pk: theme.name for pk, theme in Theme.objects.in_bulk(old | new).items()}

    def shown(pk):
        name = names.get(pk, gettext("a theme deleted since"))
        if pk not in new:
            return format_html("<del>{}</del>", name)
        return format_html("<ins>{}</ins>", name) if pk not in old else name

    ordered = sorted(old | new, key=lambda pk: names.get(pk, ""))
    return format_html_join(", ", "{}", ((shown(pk),) for pk in ordered))


def version_title(sentence, version_id):
    """Return the context titling a version's page `sentence` with the name the version was saved under."""
    name = Version.objects.filter(pk=version_id).values_list("object_repr", flat=True).first()
    return {"title": sentence % {"name": name}} if name is not None else {}


class VersionedAdmin(CompareVersionAdmin):
    """
    History, compare and restore of django-reversion-compare, comparing what editors edit: the
    fields of the form (not the record of who saved it and when, which the history lists), by
    id for related objects, and the themes; an admin adds the parts its versions hold with
    compare_parts().
    """

    # django-reversion and reversion-compare title their pages in English for lack of Korean (and
    # comparisons for lack of Spanish too): the same titles, in Kormex's catalogs. The address's
    # ids are checked first (VersionHistoryGuard).
    def compare_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        title = {"title": gettext("Compare %(name)s") % {"name": obj}} if obj is not None else {}
        context = {**title, "may_restore": self.has_change_permission(request, obj), **(extra_context or {})}
        return super().compare_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        title = version_title(gettext("Revert %(name)s"), version_id)
        before = self.latest_revision(unquote(object_id))
        response = super().revision_view(request, object_id, version_id, {**title, **(extra_context or {})})
        self.say_restored(unquote(object_id), before, version_id, "restored")
        return response

    def recover_view(self, request, version_id, extra_context=None):
        title = version_title(gettext("Recover %(name)s"), version_id)
        object_id = Version.objects.filter(pk=version_id).values_list("object_id", flat=True).first()
        before = self.latest_revision(object_id)
        response = super().recover_view(request, version_id, {**title, **(extra_context or {})})
        self.say_restored(object_id, before, version_id, "recovered")
        return response

    def latest_revision(self, object_id):
        """Return the key of the newest revision holding object `object_id` of this admin's model, or None."""
        versions = Version.objects.get_for_object_reference(self.model, object_id)
        return versions.values_list("revision_id", flat=True).first()

    def say_restored(self, object_id, before, version_id, name):
        """
        Give the revision a restore just saved (if it saved one: newer than `before`) the comment
        COMMENTS[`name`] naming the date of version `version_id`: django-reversion's own is English
        text with the date in the restoring editor's language, the same for every reader.
        """
        latest = self.latest_revision(object_id)
        if latest is not None and latest != before:
            restored = Version.objects.get(pk=version_id).revision.date_created
            Revision.objects.filter(pk=latest).update(comment=kept(name, date=restored.isoformat()))

    def recoverlist_view(self, request, extra_context=None):
        title = {"title": gettext("Recover deleted %(name)s") % {"name": self.opts.verbose_name_plural}}
        return super().recoverlist_view(request, {**title, **(extra_context or {})})

    # The admin's saves keep Django's change message in their version, said in the language of
    # whoever reads the history (history_comments.py), not the text in the saver's.
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        keep_change_message(entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        keep_change_message(entry)
        return entry

    @property
    def compare_fields(self):
        return [field.name for field in self.model._meta.concrete_fields if field.editable and not field.primary_key]

    def compare(self, obj, version1, version2):
        fields, _ = super().compare(obj, version1, version2)
        diff = [{**entry, "label": capfirst(entry["field"].verbose_name)} for entry in fields if entry["diff"]]
        contents = RevisionContents(version1.revision), RevisionContents(version2.revision)
        if hasattr(self.model, "tagged_items"):
            themes = themes_diff(*(each.theme_ids(self.model, obj.pk) for each in contents))
            if themes is not None:
                diff.append({"label": THEMES, "diff": themes})
        # Nothing shown is outside the versions any more: the note reversion-compare adds for that is not needed.
        return diff + self.compare_parts(obj, *contents), False

    def fallback_compare(self, obj_compare):
        return word_diff(*obj_compare.to_string())

    def compare_DateTimeField(self, obj_compare):
        """
        Compare times to the second, as the form edits them: a time saved with microseconds (by
        the publish action, the importer) and saved again through the form is the same time.
        """
        old, new = obj_compare.value1, obj_compare.value2
        both = isinstance(old, datetime) and isinstance(new, datetime)
        if both and old.replace(microsecond=0) == new.replace(microsecond=0):
            return None
        return super().compare_DateTimeField(obj_compare)

    def compare_parts(self, obj, old, new):
        """Return the diff entries of the parts the versions of `obj` hold, from RevisionContents `old` and `new`."""
        return []


def field_aspect(model, name):
    """Return the aspect of field `name` of `model`: its label, and the text of its value in a version."""
    return capfirst(model._meta.get_field(name).verbose_name), lambda version: str(version.field_dict[name])


def compare_part(model, aspects, old, new, contents):
    """
    Return what changed in one part (a Q&A pair, a fact) between its versions `old` and `new`
    (None when it is added or removed): a title, and (label, diff) for each of `aspects`
    ((label, text of a version)) whose text differs and for its themes; None if nothing did.
    `contents` are the RevisionContents of the two versions.
    """
    changes = []
    for label, text in aspects:
        diff = text_diff(text(old) if old else "", text(new) if new else "")
        if diff is not None:
            changes.append((label, diff))
    old_contents, new_contents = contents
    themes = themes_diff(
        old_contents.theme_ids(model, old.object_id) if old else set(),
        new_contents.theme_ids(model, new.object_id) if new else set(),
    )
    if themes is not None:
        changes.append((THEMES, themes))
    if not changes:
        return None
    title = CHANGED if old and new else ADDED if new else REMOVED
    return {"title": title % {"name": (new or old).object_repr}, "changes": changes}


def compare_parts(label, model, aspects, olds, news, contents, order):
    """
    Return the diff entry `label` of the parts of `model` whose versions are `olds` and `news`
    ({object id: version}), in the `order` of a version, or None if none changed.
    """
    parts = []
    for pk in sorted(olds.keys() | news.keys(), key=lambda pk: order(news.get(pk) or olds[pk])):
        part = compare_part(model, aspects, olds.get(pk), news.get(pk), contents)
        if part is not None:
            parts.append(part)
    if not parts:
        return None
    return {"label": label, "diff": render_to_string("admin/articles/compare_parts.html", {"parts": parts})}


def yes_aspect(model, name):
    """Return the aspect of boolean field `name` of `model`: its label, and "Yes" when it is set."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    return label, lambda version: gettext("Yes") if version.field_dict[name] else ""


def figure(version):
    value = version.field_dict["value"]
    return "" if value is None else f"{grouped(value, active_language())} {version.field_dict['unit']}"


def date(version):
    return format_date(version.field_dict["date"], version.field_dict["date_precision"])


class ArticleVersionedAdmin(VersionedAdmin):
    """Compare an article's versions with the Q&A pairs and facts each holds, part by part."""

    def compare_parts(self, obj, old, new):
        contents = old, new
        olds, news = old.of(QAPair, article_id=obj.pk), new.of(QAPair, article_id=obj.pk)
        # A fact's pair is named as the newer version names it: a pair moved from 3 to 9 is the same pair.
        pairs = {**olds, **news}
        pair_entry = compare_parts(
            capfirst(QAPair._meta.verbose_name_plural),
            QAPair,
            [field_aspect(QAPair, name) for name in ["position", "prompt", "answer", "anchor"]],
            olds,
            news,
            contents,
            order=lambda version: version.field_dict["position"],
        )
        olds, news = old.of(Fact, article_id=obj.pk), new.of(Fact, article_id=obj.pk)
        people = Person.objects.in_bulk(
            {version.field_dict["person_id"] for version in [*olds.values(), *news.values()]} - {None}
        )

        def pair(version):
            pk = version.field_dict["pair_id"]
            if pk is None:
                return gettext("The intro")
            return pairs[str(pk)].object_repr if str(pk) in pairs else gettext("A Q&A pair deleted since")

        def person(version):
            who = people.get(version.field_dict["person_id"])
            return who.name if who else ""

        fact_entry = compare_parts(
            capfirst(Fact._meta.verbose_name_plural),
            Fact,
            [
                field_aspect(Fact, "statement"),
                (capfirst(Fact._meta.get_field("pair").verbose_name), pair),
                yes_aspect(Fact, "in_prompt"),
                field_aspect(Fact, "quote"),
                (FIGURE, figure),
                (DATE, date),
                (capfirst(Fact._meta.get_field("person").verbose_name), person),
                yes_aspect(Fact, "is_key_figure"),
            ],
            olds,
            news,
            contents,
            order=lambda version: int(version.object_id),
        )
        return [entry for entry in [pair_entry, fact_entry] if entry is not None]
