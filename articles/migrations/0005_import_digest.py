from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_theme_tools"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="import_digest",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="Fingerprint of the text this article was imported from, to refuse importing it twice.",
                max_length=64,
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("import_digest", ""), _negated=True),
                fields=("import_digest",),
                name="article_imported_once",
                violation_error_message="This text was already imported.",
            ),
        ),
    ]
