"""
Let Editors see admin sign-in lockouts (django-axes) and lift one by deleting its access attempt;
Contributors get nothing of axes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog"]


def editor_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="axes", codename__in=EDITOR_CODENAMES
    )


def grant_editors(apps, schema_editor):
    # As in 0003: permissions are normally created after all migrations ran; create axes' now so
    # that the Editor group can hold them on a fresh database.
    app_config = apps.get_app_config("axes")
    models_module, app_config.models_module = getattr(app_config, "models_module", None), True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = models_module
    for editor in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        editor.permissions.add(*editor_permissions(apps))


def revoke_editors(apps, schema_editor):
    for editor in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        editor.permissions.remove(*editor_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_seed_theme_translations"),
        ("axes", "0010_accessattemptexpiration"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
