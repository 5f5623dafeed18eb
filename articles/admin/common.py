"""Widgets and forms shared by the admin pages."""

import hashlib
import re
from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget, AdminURLFieldWidget, AutocompleteSelect
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, ngettext
from reversion.models import Version

from ..control_characters import clean_text
from ..links import WEB_SCHEMES
from ..models import Article, Fact, SearchEntry, Theme
from ..services.themes import TAGGED_ITEM_MODELS
from .figures import FigureField

# A URL typed without a scheme means https (Django 6.0's default; 5.2 warns about its old "http"),
# and the widget links the current address only when it is a web address.
URL_FIELDS_ASSUME_HTTPS = {
    models.URLField: {
        "assume_scheme": "https",
        "widget": AdminURLFieldWidget(validator_class=partial(URLValidator, schemes=WEB_SCHEMES)),
    }
}


# How a fact's fields are laid out, in its own admin page (after its article) and inline.
FACT_LAYOUT = [
    "pair",
    "in_prompt",
    "statement",
    "quote",
    ("value", "unit"),
    ("date", "date_precision"),
    "person",
    "is_key_figure",
    "themes",
]


class FactForm(forms.ModelForm):
    class Meta:
        model = Fact
        fields = [
            "article",
            "pair",
            "in_prompt",
            "statement",
            "quote",
            "value",
            "unit",
            "date",
            "date_precision",
            "person",
            "is_key_figure",
            "themes",
        ]
        widgets = {"statement": AdminTextareaWidget(attrs={"rows": 2}), "quote": AdminTextareaWidget(attrs={"rows": 3})}
        field_classes = {"value": FigureField}

    def _post_clean(self):
        # A value or date the form could not read has its own message; the model's "give the value
        # this unit belongs to" would contradict it.
        unread = [name for name in ("value", "date") if name in self.errors]
        super()._post_clean()
        for name in unread:
            del self.errors[name][1:]


# The length of one part of a loaded-state token (a 128-bit digest in hexadecimal).
DIGEST_CHARS = 32
HEX = re.compile(r"[0-9a-f]+")
RELOAD = gettext_lazy(
    "Nothing was saved. Copy what you need from the form below, then reload the page to see the current "
    "version and make your changes again."
)
UNKNOWN_STATE = gettext_lazy(
    "This form does not say which version it was opened on, so it cannot tell whether someone else has "
    "changed it since."
)


def rows_digest(*querysets):
    """Return a digest of every row of `querysets` (each given an order) as a DIGEST_CHARS-long hex string."""
    digest = hashlib.blake2b(digest_size=DIGEST_CHARS // 2)
    for queryset in querysets:
        digest.update(repr(list(queryset)).encode())
    return digest.hexdigest()


def state_token(*parts):
    """Return the loaded-state token of `parts`, each a list of querysets: their digests, joined."""
    return "".join(rows_digest(*querysets) for querysets in parts)


def tagged_theme_names(tagged_items):
    """Return the theme names of `tagged_items` (tagged-items rows), by content object, as the forms show them."""
    return tagged_items.order_by("content_object", "tag__name").values_list("content_object", "tag__name")


class LoadedStateField(forms.CharField):
    """The hidden token of the state a change form was loaded from: never an edit of its own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class StaleEditForm(forms.ModelForm):
    """
    A change form that refuses to save over what someone else saved after it was loaded.

    The page carries `loaded_state`, a token of the rows it was made from: a digest of the
    object's row and of the rows shown with it (an article's pairs, facts and theme names). The
    save is refused, with the form kept as typed, when the rows in the database no longer give
    that token. A digest rather than a version counter: a counter only sees the writes that
    remember to bump it, and these rows also change along paths that never see this form (the
    pair and fact pages, the importer, bulk theme actions and merges, which use
    queryset.update() and bulk_create()); a digest of the rows themselves sees every one of
    them, needs no column, and costs a few indexed queries when the page is opened and saved.

    The check first locks the row of the article concerned; PostgreSQL holds that lock until the
    admin's transaction commits the save, so two saves of an article or of its parts never both
    pass the check. (SQLite has no row locks; it lets one writer in at a time.)
    """

    loaded_state = LoadedStateField()
    # What the refusal says happened (subclasses); ArticleForm says who saved it, and when.
    changed_message = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["loaded_state"] = self.current_state()

    def current_state(self):
        """Return the token of the object's rows as they are in the database now."""
        raise NotImplementedError

    def article_to_lock(self):
        """Return the id of the article to lock: the object's own article as saved."""
        return self.instance.article_id

    def lock(self):
        """Lock the row that serialises saves of the object (its article's) and return it."""
        return Article.objects.select_for_update().filter(pk=self.article_to_lock()).first()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            article = self.lock()
            loaded, current = cleaned_data.get("loaded_state", ""), self.current_state()
            if loaded != current:
                known = len(loaded) == len(current) and HEX.fullmatch(loaded)
                reason = self.describe_change(loaded, current, article) if known else UNKNOWN_STATE
                raise ValidationError(f"{reason} {RELOAD}", code="stale")
        return cleaned_data

    def describe_change(self, loaded, current, article):
        """Say what changed between the `loaded` and the `current` token; `article` is locked."""
        return self.changed_message


class StaleEditAdmin:
    """Give the change page of every object the user may change the loaded-state token of its form."""

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        fields = [field for field in options["fields"] if field != "loaded_state"]
        if obj is not None and self.has_change_permission(request, obj):
            fields.append("loaded_state")
        return [(name, {**options, "fields": fields}), *rest]


class DeletionSummary:
    """
    Leave the reader search's entries out of a delete page: they go with what they index, and
    editors neither see nor delete them ("Search entries: 33" under an article was noise).
    """

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        counts.pop(SearchEntry._meta.verbose_name_plural, None)
        return without_search_entries(deleted), counts, perms_needed, protected


def without_search_entries(deleted):
    """Return the nested list of a delete page (names, and lists of what goes with them) without search entries."""
    entry = f"{capfirst(SearchEntry._meta.verbose_name)}: "
    return [
        without_search_entries(item) if isinstance(item, list) else item
        for item in deleted
        if isinstance(item, list) or not str(item).startswith(entry)
    ]


class VersionHistoryGuard:
    """
    Guard the history pages of django-reversion. They look versions up by the address's object id
    as text, where PostgreSQL refuses NUL (a server error): an id that is not one answers 400; the
    version of another model answers 404. And
    restoring or recovering a version that links content to themes merged or deleted since is
    refused: its links would point at no theme, and saving them failed with a server error.
    """

    def history_view(self, request, object_id, extra_context=None):
        check_id(self.opts.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        check_id(self.opts.pk, unquote(object_id))
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        check_id(self.opts.pk, unquote(object_id))
        version = get_object_or_404(self.versions(), pk=version_id, object_id=unquote(object_id))
        history = reverse(admin_urlname(self.opts, "history"), args=[object_id])
        return self.refuse_lost_themes(request, version, history) or super().revision_view(
            request, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(self.versions(), pk=version_id)
        recover_list = reverse(admin_urlname(self.opts, "recoverlist"))
        return self.refuse_lost_themes(request, version, recover_list) or super().recover_view(
            request, version_id, extra_context
        )

    def versions(self):
        """
        Return the versions of this admin's model: reversion looked a version up by its id alone,
        so the address of another model's version reverted that one under this model's form.
        """
        return Version.objects.get_for_model(self.model)

    def refuse_lost_themes(self, request, version, back):
        """Return a redirect to `back` with an error if `version`'s revision links to missing themes, else None."""
        through_types = ContentType.objects.get_for_models(*TAGGED_ITEM_MODELS).values()
        links = version.revision.version_set.filter(content_type__in=through_types)
        theme_ids = {link.field_dict["tag_id"] for link in links}
        lost = len(theme_ids - set(Theme.objects.filter(pk__in=theme_ids).values_list("pk", flat=True)))
        if not lost:
            return None
        self.message_user(
            request,
            ngettext(
                "This version cannot be restored: it links to %(lost)d theme merged into another theme or deleted "
                "since it was saved. Edit the current version instead.",
                "This version cannot be restored: it links to %(lost)d themes merged into another theme or deleted "
                "since it was saved. Edit the current version instead.",
                lost,
            )
            % {"lost": lost},
            messages.ERROR,
        )
        return redirect(back)


class CleanTextField(forms.CharField):
    """
    A text box that cleans the control characters of what is typed or pasted as the model will
    store it (control_characters.clean_text()), before it is validated: a quote is checked
    against its answer, and a length against its limit, as they will be saved. Text holding NUL
    is left whole, for Django's validator to refuse with its message: NUL is no editor's text.
    """

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and "\x00" not in value:
            value = clean_text(value, multiline=self.multiline)
        return super().to_python(value)


class CleanTextInput:
    """
    Give an admin's or an inline's plain text fields CleanTextField: not slugs, addresses or
    choices, nor fields a form gives a class of its own (Meta.field_classes).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        plain = type(db_field) in (models.CharField, models.TextField) and not db_field.choices
        if plain and "form_class" not in kwargs:
            kwargs.update(form_class=CleanTextField, multiline=isinstance(db_field, models.TextField))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PostedIdAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete, which looked a posted value that is not an id up and failed: it shows no choice."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [each for each in value if is_id(self.field.target_field, each)], attr)


class AutocompleteGuard:
    """Give an admin's or an inline's autocomplete fields PostedIdAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PostedIdAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ForgedInputGuard(CleanTextInput, AutocompleteGuard):
    """
    Answer 400 to admin input that Django passes to the database unchecked, where a forged or
    mangled value was a server error: the items selected for an action, and related items
    prefilled from an add page's query string, when they are not ids; a changelist's filters and
    the searches of changelists and autocompletes holding NUL, which PostgreSQL refuses in text.
    An empty _to_field, which made the change and delete pages a server error, is ignored, a
    posted autocomplete value that is not an id gets the field's error, and text fields clean
    the control characters pasted into them.
    """

    def changelist_view(self, request, extra_context=None):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            raise BadRequest("A filter holds a NUL character.")
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # An empty _to_field in the query string names no field; Django looked up the field "".
        return super().get_object(request, object_id, from_field or None)

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:
            raise BadRequest("The search holds a NUL character.")
        return super().get_search_results(request, queryset, search_term)

    def response_action(self, request, queryset):
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            check_id(self.opts.pk, value)
        return super().response_action(request, queryset)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in initial.items():
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.ForeignKey):
                check_id(field.target_field, value)
        return initial


def is_id(field, value):
    """Return whether `value` is a valid value of primary key `field`."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


def check_id(field, value):
    """Raise BadRequest unless `value` is a valid value of primary key `field`."""
    if not is_id(field, value):
        raise BadRequest(f"“{value}” is not an id.")
