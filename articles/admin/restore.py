"""Restoring an article's earlier version, or recovering a deleted one, never takes it online or offline unasked."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from reversion.utils import mute_signals

from ..models import Article, Fact

# What a version's article was, on the restore and recover forms.
WAS_DRAFT = gettext_lazy("When this version was saved, the article was a draft.")
WAS_PUBLISHED = gettext_lazy("When this version was saved, the article was published, to appear from %(time)s.")
RESTORE_KEEPS = gettext_lazy(
    "Restoring it brings back its text, Q&A pairs, facts and themes. The status and publish time below are the "
    "article's current ones: they stay as they are unless you change them."
)
RECOVER_AS_DRAFT = gettext_lazy(
    "It comes back as a draft, whatever it was when it was deleted, unless you choose another status below."
)
# What the article is after the save, by whether its state changed.
STAYS = {
    Article.State.DRAFT: gettext_lazy("The article stays a draft."),
    Article.State.SCHEDULED: gettext_lazy("The article stays scheduled for %(time)s."),
    Article.State.PUBLISHED: gettext_lazy("The article stays published."),
}
BECOMES = {
    Article.State.DRAFT: gettext_lazy("The article is now a draft: readers no longer see it."),
    Article.State.SCHEDULED: gettext_lazy("The article is now scheduled for %(time)s."),
    Article.State.PUBLISHED: gettext_lazy("The article is now published."),
}
RECOVERED_AS = {
    Article.State.DRAFT: gettext_lazy("It is a draft: readers see it once it is published."),
    Article.State.SCHEDULED: gettext_lazy("It is scheduled for %(time)s."),
    Article.State.PUBLISHED: gettext_lazy("It is published again: readers see it now."),
}
RESTORED = gettext_lazy("Restored the version of %(date)s.")
RECOVERED = gettext_lazy("Recovered the version of %(date)s.")


def when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def sentence(template, **values):
    """
    Return the sentence `template` % `values` with one full stop at its end where a value ends
    it with an abbreviation's (English times end in "p.m."), as English writes it.
    """
    text = template % values
    return text.removesuffix(".") if text.endswith("..") else text


def state_of(status, published_at):
    """Return the Article.State of an original of `status` and `published_at` now."""
    return Article(status=status, published_at=published_at).state


def describe(sentences, status, published_at):
    """Return the sentence of `sentences` for the state of `status` and `published_at`."""
    time = when(published_at) if published_at else ""
    return sentence(sentences[state_of(status, published_at)], time=time)


class Restore:
    """
    The status and publish time a restored version of an article is given: those the article
    has now, or, for an article recovered after its deletion, a draft with the version's publish
    time (which applies if an editor publishes it from the form).
    """

    def __init__(self, version, article):
        self.version = version
        self.recovered = article is None
        # Whether the restore was saved (RestoreKeepsStatus.response_change).
        self.saved = False
        self.status = Article.Status.DRAFT if self.recovered else article.status
        self.published_at = version.field_dict["published_at"] if self.recovered else article.published_at

    def note(self):
        """Say, above the form, what status the version had and what the article keeps."""
        fields = self.version.field_dict
        if fields["status"] == Article.Status.DRAFT:
            was = WAS_DRAFT
        else:
            was = sentence(WAS_PUBLISHED, time=when(fields["published_at"]))
        return f"{was} {RECOVER_AS_DRAFT if self.recovered else RESTORE_KEEPS}"

    def outcome(self, article):
        """Say what was restored and what `article`, as saved, is now."""
        date = when(self.version.revision.date_created)
        if self.recovered:
            done, sentences = sentence(RECOVERED, date=date), RECOVERED_AS
        else:
            done = sentence(RESTORED, date=date)
            stays = state_of(article.status, article.published_at) == state_of(self.status, self.published_at)
            sentences = STAYS if stays else BECOMES
        return f"{done} {describe(sentences, article.status, article.published_at)}"


def facts_added_since(version):
    """Return the facts of the article of `version` that its revision does not hold."""
    held = version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(Fact))
    # Versions keep keys as text.
    keys = [int(key) for key in held.values_list("object_id", flat=True)]
    return Fact.objects.filter(article_id=version.object_id).exclude(pk__in=keys)


class RestoreKeepsStatus:
    """
    Give an article restored from its history the status and publish time of Restore, shown in
    the form (where editors who may publish can change them) and named in the message.

    django-reversion reverts the whole revision, the article's row included, then runs the
    change form on the reverted article (rolled back again on GET): the status is put back on
    the object the form is made from, so the form shows and saves it, and the publishing guard
    judges the article as it is, not as the version was. It comes after VersionHistoryGuard,
    which checks the address and refuses a version of lost themes first.
    """

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """
        django-reversion deletes what the version lacks one model at a time, and refuses to delete
        a pair added since while its facts, which protect it, are still there: those facts go
        first, in the same transaction, kept only when the restore is saved.
        """
        version = get_object_or_404(self.versions(), pk=version_id, object_id=unquote(object_id))
        extra_context = self.begin(request, version, extra_context)
        with transaction.atomic():
            # Opening a version changes nothing: no signal tells of what is rolled back.
            with mute_signals(pre_delete, post_delete) if request.method != "POST" else nullcontext():
                facts_added_since(version).delete()
            response = super().revision_view(request, object_id, version_id, extra_context)
            if not request.article_restore.saved:
                transaction.set_rollback(True)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(self.versions(), pk=version_id)
        return super().recover_view(request, version_id, self.begin(request, version, extra_context))

    def begin(self, request, version, extra_context):
        """Remember on `request` what restoring `version` keeps; return `extra_context` with the form's note."""
        request.article_restore = restore = Restore(version, Article.objects.filter(pk=version.object_id).first())
        return {**(extra_context or {}), "restore_note": restore.note()}

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        restore = getattr(request, "article_restore", None)
        if obj is not None and restore is not None:
            obj.status, obj.published_at = restore.status, restore.published_at
        return obj

    def response_change(self, request, obj):
        restore = getattr(request, "article_restore", None)
        if restore is None:
            return super().response_change(request, obj)
        restore.saved = True
        self.message_user(request, restore.outcome(obj), messages.SUCCESS)
        return redirect(admin_urlname(self.opts, "change"), quote(obj.pk))
