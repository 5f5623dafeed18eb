"""
Forms and formsets for the rows of an inline that cost no query a row.

Django's inline formsets ask the database once a row for many things: the row's hidden id, the
object each of its selects names, the autocomplete's chosen label, taggit's themes, and every
constraint of an unchanged row. Here a row's id and related objects are looked up among what its
formset loaded, its themes come from a prefetch, lookalike theme names are checked for all rows
at once, and a saved row left unchanged is not checked against the database again (it is not
saved either).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.text import capfirst
from taggit.forms import TagField, TextareaTagWidget

from ..models import Theme
from .common import PostedIdAutocompleteSelect
from .theme_fields import in_english, lookalike_error


class RowIdField(forms.ModelChoiceField):
    """The hidden id of a saved row, found among the rows its formset loaded (`rows`, by id as text)."""

    def __init__(self, rows, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.rows[str(value)]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class KnownChoiceField(forms.ModelChoiceField):
    """A related object chosen in a row, looked up in `known` (objects by id as text) before the database."""

    known = {}

    def to_python(self, value):
        if value not in self.empty_values and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class KnownAutocompleteSelect(PostedIdAutocompleteSelect):
    """An autocomplete that labels its chosen objects from `known` (labels by id as text) when it has them all."""

    known = {}

    def optgroups(self, name, value, attr=None):
        chosen = [str(each) for each in value if str(each) not in self.choices.field.empty_values]
        if not all(each in self.known for each in chosen):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options += [self.create_option(name, each, self.known[each], True, len(options)) for each in chosen]
        return [(None, options, 0)]


class ThemedRowForm(forms.ModelForm):
    """
    A row with the themes of its object, which its inline excludes from the model's fields: read
    from the row's prefetched themes (taggit's field reads them with one query a row) and saved
    by this form. Lookalike names are refused by the formset.
    """

    themes = TagField(required=False, widget=TextareaTagWidget(attrs={"rows": 2, "class": "vLargeTextField"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field = self._meta.model._meta.get_field("themes")
        self.fields["themes"].label = capfirst(model_field.verbose_name)
        self.fields["themes"].help_text = model_field.help_text
        if self.instance.pk is not None:
            self.initial.setdefault("themes", list(self.instance.themes.all()))

    def _post_clean(self):
        # A saved row left unchanged is not saved: checking it against the model and its
        # constraints again would cost queries a row for nothing.
        if self.instance.pk is None or self.has_changed():
            super()._post_clean()

    def _save_m2m(self):
        super()._save_m2m()
        if "themes" in self.changed_data:
            self.instance.themes.set(self.cleaned_data["themes"])


class PageRowsFormSet(BaseInlineFormSet):
    """An inline formset of ThemedRowForm rows whose ids are looked up among the rows it loaded."""

    @cached_property
    def loaded(self):
        """The rows of the formset's queryset, by id as text."""
        return {str(obj.pk): obj for obj in self.get_queryset()}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self.model._meta.pk.name
        field = form.fields[name]
        form.fields[name] = RowIdField(
            self.loaded, field.queryset, initial=field.initial, required=False, widget=field.widget
        )

    def clean(self):
        super().clean()
        self.refuse_lookalike_themes()

    def refuse_lookalike_themes(self):
        """
        Refuse, on its row, each theme name typed that looks like an existing theme's, and take a
        theme's Spanish or Korean name as that theme (in_english()); one query for all rows.
        """
        typed = [
            form
            for form in self.forms
            if form.has_changed()
            and "themes" in form.changed_data
            and form.cleaned_data.get("themes")
            and not self._should_delete_form(form)
        ]
        if not typed:
            return
        local, found = Theme.objects.tagging(set().union(*(form.cleaned_data["themes"] for form in typed)))
        for form in typed:
            errors = [lookalike_error(name, found[name]) for name in form.cleaned_data["themes"] if name in found]
            if errors:
                form.add_error("themes", errors)
            else:
                form.cleaned_data["themes"] = in_english(form.cleaned_data["themes"], local)
