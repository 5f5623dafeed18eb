from django.contrib.auth.management import create_permissions
from django.db import migrations

# What each role may do; Editors also hold every permission of the articles app.
CONTRIBUTOR = {
    "articles": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "add_qapair",
        "change_qapair",
        "delete_qapair",
        "view_qapair",
        "add_fact",
        "change_fact",
        "delete_fact",
        "view_fact",
        "add_theme",
        "view_theme",
        "add_person",
        "change_person",
        "view_person",
        "add_source",
        "change_source",
        "view_source",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so that the
    # groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    contributor, _ = Group.objects.get_or_create(name="Contributor")
    for app_label, codenames in CONTRIBUTOR.items():
        contributor.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    editor, _ = Group.objects.get_or_create(name="Editor")
    # Only the models of this migration's state: those that later migrations add grant their own
    # permissions (and take them back when reversed), whatever permissions the database holds.
    models = [model._meta.model_name for model in apps.get_app_config("articles").get_models()]
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", content_type__model__in=models)
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Contributor", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
