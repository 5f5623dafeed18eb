"""The app's own signals, for what subscribes to content changes (the content version, versions.py)."""

from django.dispatch import Signal

# Sent after content changed without a save() or delete() of each object (queryset.update(),
# bulk_create()), which sends no post_save or post_delete. Receivers may raise to roll the
# change back (the content version does when the shared cache does not answer).
content_changed = Signal()
