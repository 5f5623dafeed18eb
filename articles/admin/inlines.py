"""
An article's Q&A pairs and facts, inline on its page, a page of pairs at a time (pair_pages.py):
a save changes exactly the rows its page posted. A new pair left without a position is numbered
after the last one, and a fact added in the same save may quote it, chosen by that number ("new-"
and the number, as posted).
"""

from itertools import groupby
from operator import attrgetter

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, F
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.formsets import DEFAULT_MAX_NUM, DELETION_FIELD_NAME
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy

from ..models import Fact, QAPair
from .common import FACT_LAYOUT, CleanTextInput, FactForm
from .permissions import PublishedContentGuard
from .rows import KnownAutocompleteSelect, KnownChoiceField, PageRowsFormSet, ThemedRowForm

# How a fact's select names a pair added in the same save: this prefix and the pair's number.
NEW_PAIR = "new-"
# Django's formsets refuse more rows than their default maximum plus this (formset_factory's absolute_max).
MOST_ROWS = 2 * DEFAULT_MAX_NUM
MAX_BIGINT = BigIntegerField.MAX_BIGINT

POSITION_HELP = gettext_lazy(
    "Order within the article, from 1. Leave it empty on a new pair to place it after the last one."
)
POSITION_HELD = gettext_lazy(
    "Position %(position)s belongs to a Q&A pair on another page of this article. Choose a free position."
)
ANCHOR_HELD = gettext_lazy("A Q&A pair on another page of this article has the anchor “%(anchor)s”.")
NO_NEW_PAIR = gettext_lazy("No new Q&A pair numbered %(number)s is added with this save.")
DELETING_QUOTED_PAIR = gettext_lazy(
    "The Q&A pair “%(pair)s” cannot be deleted: these facts quote it: %(facts)s. Delete them too, or choose "
    "another pair for them."
)
CORRECT_NEW_PAIR = gettext_lazy(
    "Correct the new Q&A pair numbered %(number)s first: this fact's quote is checked against it."
)


def posted_ids(data, prefix):
    """Return the ids of the saved rows that formset `prefix` posted in `data`, leaving out what is not an id."""
    try:
        count = min(int(data.get(f"{prefix}-INITIAL_FORMS", "")), MOST_ROWS)
    except ValueError:
        return []
    ids = (data.get(f"{prefix}-{index}-id", "") for index in range(count))
    return [int(value) for value in ids if value.isascii() and value.isdigit() and int(value) <= MAX_BIGINT]


def posted_value(form, name):
    """Return what field `name` of `form` will hold once cleaned, or its value as posted if it is refused."""
    value = form[name].value()
    try:
        return form.fields[name].clean(value)
    except ValidationError:
        return value


class PairRowForm(ThemedRowForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = self.instance.pk is not None
            self.fields["position"].help_text = POSITION_HELP


class PairRowsFormSet(PageRowsFormSet):
    """
    The pairs of one page of an article; `page` is its PairPages, None on the add page, and
    `fact_rows` the same page's facts formset, set by ArticleAdmin.
    """

    fact_rows = None

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.deferred = []

    @cached_property
    def held(self):
        """The positions and anchors of the article's pairs that this page does not show."""
        if self.instance.pk is None:
            return []
        others = QAPair.objects.filter(article=self.instance).exclude(pk__in=[int(pk) for pk in self.loaded])
        return list(others.values_list("position", "anchor"))

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "position" in form.fields:
            # What js/article_pairs.js numbers new rows after, as clean() does.
            after = max((position for position, _ in self.held), default=0)
            form.fields["position"].widget.attrs["data-numbered-after"] = after

    def clean(self):
        """
        Refuse positions and anchors held by pairs of other pages; number the new rows left without
        a position after the last position in use, in row order; fill the anchors left empty from
        the prompts, unique among the article's pairs. Then Django's checks for duplicates.
        """
        rows = [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and not self._should_delete_form(form)
        ]
        held_positions = {position for position, _ in self.held}
        held_anchors = {anchor for _, anchor in self.held}
        for form in rows:
            position, anchor = form.cleaned_data.get("position"), form.cleaned_data.get("anchor")
            if position in held_positions:
                form.add_error("position", ValidationError(POSITION_HELD, code="held", params={"position": position}))
            if anchor and anchor in held_anchors:
                form.add_error("anchor", ValidationError(ANCHOR_HELD, code="held", params={"anchor": anchor}))
        last = max([*held_positions, *(form.cleaned_data.get("position") or 0 for form in rows)], default=0)
        taken = held_anchors | {form.cleaned_data["anchor"] for form in rows if form.cleaned_data.get("anchor")}
        for form in rows:
            if form.instance.pk is None and not form.cleaned_data.get("position") and "position" not in form.errors:
                last += 1
                form.cleaned_data["position"] = form.instance.position = last
            if not form.cleaned_data.get("anchor") and form.cleaned_data.get("prompt"):
                form.instance.prompt = form.cleaned_data["prompt"]
                anchor = form.instance.default_anchor(taken)
                form.cleaned_data["anchor"] = form.instance.anchor = anchor
                taken.add(anchor)
        super().clean()
        self.refuse_deleting_quoted_pairs()

    def refuse_deleting_quoted_pairs(self):
        """
        Refuse to delete a pair that facts still quote: Django's check (hand_clean_DELETE), with
        the facts this save deletes or moves to another pair left out, so that a pair and its
        facts go in one save.
        """
        deleted = [form.instance for form in self.forms if form.instance.pk and self._should_delete_form(form)]
        if not deleted:
            return
        staying = Fact.objects.filter(pair__in=deleted).exclude(pk__in=self.leaving_facts()).select_related("pair")
        errors = [
            ValidationError(
                DELETING_QUOTED_PAIR,
                code="deleting_protected",
                params={"pair": pair, "facts": ", ".join(f"“{fact}”" for fact in facts)},
            )
            for pair, facts in groupby(staying.order_by("pair__position", "pk"), key=attrgetter("pair"))
        ]
        if errors:
            raise ValidationError(errors)

    def full_clean(self):
        # A pair's own check of the words its facts quote (QAPair.clean) sees them as this save leaves them.
        for pair in self.loaded.values():
            pair.facts_after_save = self.facts_after_save(pair)
        super().full_clean()

    @cached_property
    def posted_facts(self):
        """
        The saved facts this save posts, by key: each one's pair as posted and as stored (keys
        as text, "" for the intro; posted None when it is deleted), and the fact with the quote
        and place posted.
        """
        posted = {}
        for form in self.fact_rows.initial_forms if self.fact_rows is not None else []:
            fact, fields = form.instance, form.fields
            if fact.pk is None:
                continue
            stored = str(fact.pair_id or "")
            if DELETION_FIELD_NAME in fields and form[DELETION_FIELD_NAME].value():
                posted[fact.pk] = (None, stored, fact)
                continue
            pair = form["pair"].value() if "pair" in fields else stored
            values = {name: posted_value(form, name) for name in ["quote", "in_prompt"] if name in fields}
            posted[fact.pk] = (pair, stored, Fact(**{"quote": fact.quote, "in_prompt": fact.in_prompt, **values}))
        return posted

    def facts_after_save(self, pair):
        """The facts that will quote `pair` after this save, as far as its own rows tell."""
        facts = []
        for fact in pair.facts.all():
            posted_pair, _, posted = self.posted_facts.get(fact.pk, (str(pair.pk), None, fact))
            if posted_pair == str(pair.pk):
                facts.append(posted)
        return facts

    def leaving_facts(self):
        """The keys of the saved facts this save deletes or moves to another pair, as posted."""
        return [pk for pk, (pair, stored, _) in self.posted_facts.items() if pair != stored]

    def delete_existing(self, obj, commit=True):
        """Delete `obj` once the page's facts are saved (delete_deferred()): those leaving it are gone by then."""
        if commit:
            self.deferred.append(obj)

    def delete_deferred(self):
        for pair in self.deferred:
            pair.delete()
        self.deferred = []


class PairField(forms.ModelChoiceField):
    """
    The Q&A pair a fact quotes, as its page's formset `rows` knows them: a saved pair of the page
    (posted by its id), a pair added in the same save (NEW_PAIR and its number) or none (the intro).
    Another pair is looked up in the queryset.
    """

    rows = None

    def to_python(self, value):
        if self.rows is not None and isinstance(value, str):
            if value.startswith(NEW_PAIR):
                return self.rows.new_pair(value.removeprefix(NEW_PAIR))
            if value in self.rows.saved_pairs:
                return self.rows.saved_pairs[value]
        return super().to_python(value)


class FactRowForm(ThemedRowForm, FactForm):
    """A fact row; `rows` is its FactRowsFormSet, which knows the pairs it may quote."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        if "pair" in self.fields:
            field = self.fields["pair"]
            field.rows = rows
            field.choices = lambda: rows.pair_choices(self)
        if "person" in self.fields and self.instance.person_id is not None:
            field, person = self.fields["person"], self.instance.person
            field.known = {str(person.pk): person}
            getattr(field.widget, "widget", field.widget).known = {str(person.pk): str(person)}


class FactRowsFormSet(PageRowsFormSet):
    """The facts of one page of an article; `pair_rows`, the same page's pairs formset, is set by ArticleAdmin."""

    pair_rows = None

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "rows": self}

    @property
    def saved_pairs(self):
        """The saved pairs of the page, by id as text."""
        return self.pair_rows.loaded if self.pair_rows is not None else {}

    @cached_property
    def new_pairs(self):
        """The forms of the pairs this save adds, by the number each gets (once the pair rows are cleaned)."""
        if self.pair_rows is None or not self.pair_rows.is_bound:
            return {}
        self.pair_rows.is_valid()
        return {
            form.cleaned_data["position"]: form
            for form in self.pair_rows.extra_forms
            if form.has_changed()
            and form.cleaned_data.get("position")
            and not form.cleaned_data.get(DELETION_FIELD_NAME)
        }

    def new_pair(self, number):
        """Return the unsaved pair numbered `number` (as posted) in this save, or raise ValidationError."""
        # A position has five digits at most (a PositiveSmallIntegerField).
        form = self.new_pairs.get(int(number)) if number.isascii() and number.isdigit() and len(number) <= 5 else None
        if form is None:
            raise ValidationError(NO_NEW_PAIR, code="invalid_choice", params={"number": number})
        if form.errors:
            raise ValidationError(CORRECT_NEW_PAIR, code="pair_errors", params={"number": number})
        return form.instance

    @cached_property
    def offered_pairs(self):
        """The choices of a fact's pair (read when the page is shown): the intro, the page's pairs, the new ones."""
        return [
            ("", BLANK_CHOICE_DASH[0][1]),
            *((pk, str(pair)) for pk, pair in self.saved_pairs.items()),
            *((f"{NEW_PAIR}{number}", str(row.instance)) for number, row in self.new_pairs.items()),
        ]

    def pair_choices(self, form):
        """The pairs a fact's `form` may choose: those offered, and whatever it posted, so that it shows again."""
        posted = form.data.get(form.add_prefix("pair")) if form.is_bound else None
        if posted and posted not in {value for value, _ in self.offered_pairs}:
            return [*self.offered_pairs, (posted, posted)]
        return self.offered_pairs


class ArticleInlineGuard(PublishedContentGuard):
    """Inlines get the parent article as `obj`; adding rows to a locked article is refused too."""

    def article_of(self, obj):
        return obj

    def has_add_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_add_permission(request, obj)


class QAPairInline(CleanTextInput, ArticleInlineGuard, admin.StackedInline):
    model = QAPair
    form = PairRowForm
    formset = PairRowsFormSet
    template = "admin/articles/article/pairs_inline.html"
    # The rows' own field (ThemedRowForm) stands for the model's.
    exclude = ["themes"]
    extra = 0
    ordering = ["position"]
    fields = ["position", "prompt", "answer", "anchor", "themes", "fact_links"]
    readonly_fields = ["fact_links", "fact_list"]
    prepopulated_fields = {"anchor": ["prompt"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("facts", "themes")

    def get_fields(self, request, obj=None):
        # A pair the user may not change lists its facts without offering to add one.
        fields = super().get_fields(request, obj)
        return (
            [("fact_list" if name == "fact_links" else name) for name in fields]
            if self.is_locked(request, obj)
            else fields
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Django's form checks a deleted pair's facts alone; PairRowsFormSet does, with the facts' rows.
        formset.form = type(formset.form.__name__, (formset.form,), {"hand_clean_DELETE": lambda form: None})
        return formset

    @admin.display(description=gettext_lazy("facts from this answer"))
    def fact_list(self, pair):
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_fact_change", args=[fact.pk]), fact.statement) for fact in pair.facts.all()),
        )
        return links or gettext("None yet.")

    @admin.display(description=gettext_lazy("facts from this answer"))
    def fact_links(self, pair):
        if pair.pk is None:
            return gettext("Add its facts under Facts below, choosing this pair by its number.")
        add = reverse("admin:articles_fact_add") + f"?article={pair.article_id}&pair={pair.pk}"
        return format_html('{} <a class="addlink" href="{}">{}</a>', self.fact_list(pair), add, gettext("Add a fact"))


class FactInline(CleanTextInput, ArticleInlineGuard, admin.StackedInline):
    model = Fact
    form = FactRowForm
    formset = FactRowsFormSet
    exclude = ["themes"]
    extra = 0
    fields = FACT_LAYOUT
    autocomplete_fields = ["person"]
    classes = ["collapse"]

    def get_queryset(self, request):
        """The facts with their people and themes, those of the intro first, then by pair."""
        return (
            super()
            .get_queryset(request)
            .select_related("pair", "person")
            .prefetch_related("themes")
            .order_by(F("pair__position").asc(nulls_first=True), "pk")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["form_class"] = KnownChoiceField
            kwargs["widget"] = KnownAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        elif db_field.name == "pair":
            kwargs["form_class"] = PairField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "pair":
            # The page's own pairs are edited above: no links to add or change one in a popup.
            field.widget = getattr(field.widget, "widget", field.widget)
        return field

    def get_formset(self, request, obj=None, **kwargs):
        """A posted pair that is not one of the page's is looked up among the article's pairs alone."""
        formset = super().get_formset(request, obj, **kwargs)
        if "pair" in formset.form.base_fields:
            saved = obj is not None and obj.pk is not None
            pairs = QAPair.objects.filter(article=obj) if saved else QAPair.objects.none()
            formset.form.base_fields["pair"].queryset = pairs
        return formset
