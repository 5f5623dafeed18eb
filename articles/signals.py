"""The app's own signals, for what subscribes to content changes (the page cache)."""

from django.dispatch import Signal

# Sent after content changed without a save() or delete() of each object (queryset.update(),
# bulk_create()), which sends no post_save or post_delete. Receivers may raise to roll the
# change back (the page cache does when the shared cache does not answer).
content_changed = Signal()
