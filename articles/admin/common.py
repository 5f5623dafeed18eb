"""Widgets and forms shared by the admin pages."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from taggit.forms import TextareaTagWidget
from taggit.managers import TaggableManager

from ..models import Fact

# A URL typed without a scheme means https (Django 6.0's default; 5.2 warns about its old "http").
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
# Theme lists are long ("Trade and the FTA", "Digital government"): give them a full-width box.
THEME_FIELDS_WIDE = {TaggableManager: {"widget": TextareaTagWidget(attrs={"rows": 2, "class": "vLargeTextField"})}}


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
