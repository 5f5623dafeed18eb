"""The article list's actions that publish and unpublish: originals before their translations."""

import reversion
from django.contrib import admin, messages
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from ..history_comments import set_comment
from ..models import Article
from ..models.article_checks import publication_errors


class PublishingAdmin:
    """The publish and unpublish actions of the article admin (permission: has_publish_permission)."""

    def set_status(self, request, queryset, status, comment):
        """
        Give each selected article `status`, one saved version each, originals first, so that a
        translation selected with its original is published after it; return the articles
        changed and those refused (a translation whose original is not published before it).
        Each version's comment is `comment`, a name of history_comments.COMMENTS.
        """
        changed, refused = [], []
        # Not the list's select_related(): a translation reads its original as the loop left it.
        articles = queryset.select_related(None).exclude(status=status)
        for article in articles.order_by(F("translation_of").asc(nulls_first=True), "pk"):
            article.status = status
            if status == Article.Status.PUBLISHED and article.published_at is None:
                article.published_at = timezone.now()
            if publication_errors(article):
                refused.append(article)
                continue
            with reversion.create_revision():
                article.updated_by = request.user
                article.save()
                reversion.set_user(request.user)
                set_comment(comment)
            changed.append(article)
        return changed, refused

    def warn_of_earlier_translations(self, request, original):
        """Say which translations are published or scheduled before `original`: they wait for it."""
        earlier = original.translations.filter(status=Article.Status.PUBLISHED, published_at__lt=original.published_at)
        if titles := [f"“{translation}”" for translation in earlier]:
            message = ngettext(
                "The translation %(titles)s is set to appear before the article: readers see it from %(time)s, "
                "with the article.",
                "The translations %(titles)s are set to appear before the article: readers see them from %(time)s, "
                "with the article.",
                len(titles),
            )
            when = formats.date_format(timezone.localtime(original.published_at), "DATETIME_FORMAT")
            self.message_user(request, message % {"titles": ", ".join(titles), "time": when}, messages.WARNING)

    def say_publication(self, request, article, changed):
        """
        After a save of `article` from its page, whose form changed the fields `changed`: say when
        readers see it if the save scheduled it, and, of an original, which translations wait for it.
        """
        if {"status", "published_at"} & set(changed) and article.state == Article.State.SCHEDULED:
            when = formats.date_format(timezone.localtime(article.public_from), "DATETIME_FORMAT")
            self.message_user(request, gettext("Scheduled: readers see it from %(time)s.") % {"time": when})
        if article.translation_of_id is not None:
            return
        if article.status == Article.Status.PUBLISHED:
            self.warn_of_earlier_translations(request, article)
        elif "status" in changed:
            self.warn_of_waiting_translations(request, article)

    def warn_of_waiting_translations(self, request, original):
        """Say which published translations `original`, returned to draft, takes off the site with it."""
        waiting = original.translations.filter(status=Article.Status.PUBLISHED)
        if titles := [f"“{translation}”" for translation in waiting]:
            message = ngettext(
                "The translation %(titles)s is published but waits for the article: readers no longer see it, "
                "until the article is published again.",
                "The translations %(titles)s are published but wait for the article: readers no longer see them, "
                "until the article is published again.",
                len(titles),
            )
            self.message_user(request, message % {"titles": ", ".join(titles)}, messages.WARNING)

    @admin.action(
        description=gettext_lazy("Publish selected articles (a future time stays scheduled)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        # Counted first: a list filtered by state no longer holds what changed.
        selected = queryset.count()
        changed, refused = self.set_status(request, queryset, Article.Status.PUBLISHED, "published")
        scheduled = [article for article in changed if article.state == Article.State.SCHEDULED]
        now, already = len(changed) - len(scheduled), selected - len(changed) - len(refused)
        said = []
        if now:
            said.append(
                ngettext("Published %(count)d article now.", "Published %(count)d articles now.", now) % {"count": now}
            )
        if scheduled:
            said.append(
                ngettext("Scheduled %(count)d article.", "Scheduled %(count)d articles.", len(scheduled))
                % {"count": len(scheduled)}
            )
        if already:
            said.append(
                ngettext(
                    "%(count)d was already published or scheduled.",
                    "%(count)d were already published or scheduled.",
                    already,
                )
                % {"count": already}
            )
        if said:
            self.message_user(request, " ".join(said), messages.SUCCESS if changed else messages.WARNING)
        for original in changed:
            if original.translation_of_id is None:
                self.warn_of_earlier_translations(request, original)
        for article in refused:
            message = " ".join(str(error) for error in publication_errors(article).values())
            self.message_user(
                request,
                gettext("“%(article)s” was not published. %(reason)s") % {"article": article, "reason": message},
                messages.ERROR,
            )

    @admin.action(description=gettext_lazy("Return selected articles to draft"), permissions=["publish"])
    def unpublish(self, request, queryset):
        selected = queryset.count()
        changed, _ = self.set_status(request, queryset, Article.Status.DRAFT, "returned-to-draft")
        already = selected - len(changed)
        said = []
        if changed:
            said.append(
                ngettext("Returned %(count)d article to draft.", "Returned %(count)d articles to draft.", len(changed))
                % {"count": len(changed)}
            )
        if already:
            was = ngettext("%(count)d was a draft already.", "%(count)d were drafts already.", already)
            said.append(was % {"count": already})
        self.message_user(request, " ".join(said), messages.SUCCESS if changed else messages.WARNING)
        for original in changed:
            if original.translation_of_id is None:
                self.warn_of_waiting_translations(request, original)
