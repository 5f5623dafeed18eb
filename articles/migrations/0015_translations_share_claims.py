"""
Carry existing translations over to shared claims: each translation's pairs are aligned with
its original's by position (taking their anchors), each of its facts that states what one of
the original's facts states (same place, kind of figure and date) becomes that fact's wording in
the translation, and its theme links join the original's. Originals' words count as changed
when they were last saved, and translations as reviewed then, so that a translation saved
before its original's last change starts out of date.

Backwards, every wording becomes a fact of its translation again, on the aligned pair, with its
claim's figure, date, person and themes; theme links stay on the originals.
"""

from collections import defaultdict

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F

# Contributors word the facts of the translations they make, as they state those of originals;
# Editors hold every permission of the app.
WORDING_PERMISSIONS = {
    "Contributor": ["add_factwording", "change_factwording", "delete_factwording", "view_factwording"],
    "Editor": ["add_factwording", "change_factwording", "delete_factwording", "view_factwording"],
}


def claim_key(fact, position):
    return (position, fact.in_prompt, fact.value, fact.unit, fact.date, fact.date_precision)


def copy_theme_links(model, source_id, target_id):
    """Give the content `target_id` every theme the content `source_id` has, through `model`."""
    have = set(model.objects.filter(content_object_id=target_id).values_list("tag_id", flat=True))
    model.objects.bulk_create(
        model(content_object_id=target_id, tag_id=tag)
        for tag in model.objects.filter(content_object_id=source_id).values_list("tag_id", flat=True)
        if tag not in have
    )


def text_of(original):
    """What the original says, as Article.reviewed_original stores it (services/translations.py)."""
    return {
        "title": original.title,
        "standfirst": original.standfirst,
        "intro": original.intro,
        "pairs": [
            {"anchor": pair.anchor, "prompt": pair.prompt, "answer": pair.answer}
            for pair in original.pairs.order_by("position")
        ],
        "facts": [
            {"id": fact.pk, "statement": fact.statement, "quote": fact.quote} for fact in original.facts.order_by("pk")
        ],
    }


def share_claims(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    QAPair = apps.get_model("articles", "QAPair")
    FactWording = apps.get_model("articles", "FactWording")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    TaggedQAPair = apps.get_model("articles", "TaggedQAPair")
    TaggedFact = apps.get_model("articles", "TaggedFact")
    Article.objects.filter(translation_of=None).update(text_changed_at=F("updated_at"))
    for translation in Article.objects.exclude(translation_of=None).select_related("translation_of"):
        original = translation.translation_of
        by_position = {pair.position: pair for pair in QAPair.objects.filter(article=original)}
        pairs = list(QAPair.objects.filter(article=translation))
        # Free every anchor first: an unaligned pair may hold one an aligned pair takes.
        for pair in pairs:
            QAPair.objects.filter(pk=pair.pk).update(anchor=f"pair-{pair.pk}")
        for pair in pairs:
            match = by_position.get(pair.position)
            if match is not None:
                QAPair.objects.filter(pk=pair.pk).update(original=match, anchor=match.anchor)
                copy_theme_links(TaggedQAPair, pair.pk, match.pk)
                TaggedQAPair.objects.filter(content_object_id=pair.pk).delete()
            else:
                QAPair.objects.filter(pk=pair.pk).update(anchor=pair.anchor)
        claims = defaultdict(list)
        for fact in original.facts.select_related("pair"):
            claims[claim_key(fact, fact.pair.position if fact.pair else None)].append(fact)
        for fact in translation.facts.select_related("pair"):
            same = claims[claim_key(fact, fact.pair.position if fact.pair else None)]
            if not same:
                continue
            claim = same.pop(0)
            FactWording.objects.create(article=translation, fact=claim, statement=fact.statement, quote=fact.quote)
            copy_theme_links(TaggedFact, fact.pk, claim.pk)
            fact.delete()
        copy_theme_links(TaggedArticle, translation.pk, original.pk)
        TaggedArticle.objects.filter(content_object_id=translation.pk).delete()
        translation.reviewed_at = translation.updated_at
        translation.reviewed_original = text_of(original)
        translation.save(update_fields=["reviewed_at", "reviewed_original"])


def facts_of_translations(apps, schema_editor):
    Fact = apps.get_model("articles", "Fact")
    FactWording = apps.get_model("articles", "FactWording")
    QAPair = apps.get_model("articles", "QAPair")
    TaggedFact = apps.get_model("articles", "TaggedFact")
    for wording in FactWording.objects.select_related("fact"):
        claim = wording.fact
        pair = (
            QAPair.objects.filter(article=wording.article_id, original=claim.pair_id).first() if claim.pair_id else None
        )
        fact = Fact.objects.create(
            article_id=wording.article_id,
            pair=pair,
            in_prompt=claim.in_prompt,
            statement=wording.statement,
            quote=wording.quote,
            value=claim.value,
            unit=claim.unit,
            date=claim.date,
            date_precision=claim.date_precision,
            person_id=claim.person_id,
            is_key_figure=claim.is_key_figure,
        )
        copy_theme_links(TaggedFact, claim.pk, fact.pk)
        wording.delete()


def grant_roles(apps, schema_editor):
    # As in 0003: permissions are normally created after all migrations ran; create them now so
    # that the groups can hold them on a fresh database.
    app_config = apps.get_app_config("articles")
    models_module, app_config.models_module = getattr(app_config, "models_module", None), True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=WORDING_PERMISSIONS):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=WORDING_PERMISSIONS[group.name])
        )


def revoke_roles(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=WORDING_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=WORDING_PERMISSIONS[group.name])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_translations_aligned"),
    ]

    operations = [
        migrations.RunPython(grant_roles, revoke_roles),
        migrations.RunPython(share_claims, facts_of_translations),
    ]
