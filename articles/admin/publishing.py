"""The article list's actions that publish and unpublish: originals before their translations."""

import reversion
from django.contrib import admin, messages
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ..models import Article


class PublishingAdmin:
    """The publish and unpublish actions of the article admin (permission: has_publish_permission)."""

    def set_status(self, request, queryset, status, comment):
        """
        Give each selected article `status`, one saved version each, originals first, so that a
        translation selected with its original is published after it; return the articles
        changed and those refused (a translation whose original is not published before it).
        """
        changed, refused = [], []
        for article in queryset.exclude(status=status).order_by(F("translation_of").asc(nulls_first=True), "pk"):
            article.status = status
            if status == Article.Status.PUBLISHED and article.published_at is None:
                article.published_at = timezone.now()
            if article.publication_errors():
                refused.append(article)
                continue
            with reversion.create_revision():
                article.updated_by = request.user
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment(comment)
            changed.append(article)
        return changed, refused

    @admin.action(
        description=gettext_lazy("Publish selected articles (a future time stays scheduled)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        changed, refused = self.set_status(request, queryset, Article.Status.PUBLISHED, gettext("Published."))
        scheduled = [article for article in changed if article.state == Article.State.SCHEDULED]
        counts = {
            "now": len(changed) - len(scheduled),
            "scheduled": len(scheduled),
            "already": queryset.count() - len(changed) - len(refused),
        }
        self.message_user(
            request,
            gettext(
                "Published %(now)d article(s) now and scheduled %(scheduled)d; "
                "%(already)d were already published or scheduled."
            )
            % counts,
        )
        for article in refused:
            message = " ".join(str(error) for error in article.publication_errors().values())
            self.message_user(
                request,
                gettext("“%(article)s” was not published. %(reason)s") % {"article": article, "reason": message},
                messages.ERROR,
            )

    @admin.action(description=gettext_lazy("Return selected articles to draft"), permissions=["publish"])
    def unpublish(self, request, queryset):
        changed, _ = self.set_status(request, queryset, Article.Status.DRAFT, gettext("Returned to draft."))
        self.message_user(
            request,
            gettext("Returned %(changed)d article(s) to draft; %(already)d were drafts already.")
            % {"changed": len(changed), "already": queryset.count() - len(changed)},
        )
