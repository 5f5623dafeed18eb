"""People quoted and the sources articles come from, each with its history."""

from django.contrib import admin

from ..models import Person, Source
from .common import URL_FIELDS_ASSUME_HTTPS, ForgedInputGuard, StaleEditAdmin, VersionHistoryGuard
from .compare import VersionedAdmin
from .permissions import SharedRecordGuard
from .pictures import PortraitInline
from .records import PersonForm, SourceForm


@admin.register(Person)
class PersonAdmin(ForgedInputGuard, VersionHistoryGuard, StaleEditAdmin, SharedRecordGuard, VersionedAdmin):
    form = PersonForm
    list_display = ["name", "role", "country"]
    search_fields = ["name", "role", "country"]
    prepopulated_fields = {"slug": ["name"]}
    shown_by = ["interviewee", "interviewer", "facts__person"]
    inlines = [PortraitInline]


@admin.register(Source)
class SourceAdmin(ForgedInputGuard, VersionHistoryGuard, StaleEditAdmin, SharedRecordGuard, VersionedAdmin):
    form = SourceForm
    list_display = ["name", "url", "language"]
    search_fields = ["name"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    shown_by = ["source"]
