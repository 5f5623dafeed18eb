"""
The change forms of the records no article owns (people, sources, themes), refused when someone
else saved the record after the form was opened, as an article's are (StaleEditForm).
"""

from django.utils.translation import gettext_lazy

from .common import StaleEditForm, state_token


def record_state(record):
    """Return the loaded-state token of `record`: a digest of its row as the database holds it."""
    return state_token([type(record).objects.filter(pk=record.pk).values_list()])


class RecordForm(StaleEditForm):
    """A record's change form: the record's own row is what it was loaded from, and what a save locks."""

    def current_state(self):
        return record_state(self.instance)

    def lock(self):
        return type(self.instance).objects.select_for_update().filter(pk=self.instance.pk).first()


class PersonForm(RecordForm):
    changed_message = gettext_lazy("Changes to this person were saved after you opened this page.")


class SourceForm(RecordForm):
    changed_message = gettext_lazy("Changes to this source were saved after you opened this page.")
