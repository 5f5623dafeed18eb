"""People quoted and the sources articles come from."""

from django.contrib import admin

from ..models import Person, Source
from .common import URL_FIELDS_ASSUME_HTTPS, ForgedInputGuard


@admin.register(Person)
class PersonAdmin(ForgedInputGuard, admin.ModelAdmin):
    list_display = ["name", "role", "country"]
    search_fields = ["name", "role", "country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(ForgedInputGuard, admin.ModelAdmin):
    list_display = ["name", "url", "language"]
    search_fields = ["name"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
