"""Widgets and forms shared by the admin pages."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from taggit.forms import TagField, TextareaTagWidget
from taggit.managers import TaggableManager

from ..models import Fact, Theme

# A URL typed without a scheme means https (Django 6.0's default; 5.2 warns about its old "http").
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def refuse_lookalikes(names, themes):
    """
    Raise ValidationError for each of `names` that differs from the name of one of `themes`
    only by case, accents, punctuation or spacing, so that editors reuse a theme rather than
    creating its twin.
    """
    errors = [
        ValidationError(
            "“%(name)s” looks like the existing theme “%(theme)s”: use that name or choose a clearly different one.",
            code="lookalike",
            params={"name": name, "theme": theme.name},
        )
        for name, theme in themes.lookalikes(names).items()
    ]
    if errors:
        raise ValidationError(errors)


class ThemesField(TagField):
    """A comma-separated list of theme names that refuses lookalikes of existing themes."""

    def clean(self, value):
        names = super().clean(value)
        refuse_lookalikes(names, Theme.objects.all())
        return names


# Theme fields refuse lookalikes of existing themes, and theme lists are long ("Trade and the FTA",
# "Digital government"): give them a full-width box.
THEME_FIELDS_WIDE = {
    TaggableManager: {
        "form_class": ThemesField,
        "widget": TextareaTagWidget(attrs={"rows": 2, "class": "vLargeTextField"}),
    }
}


# How a fact's fields are laid out, in its own admin page (after its article) and inline.
FACT_LAYOUT = [
    "pair",
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
