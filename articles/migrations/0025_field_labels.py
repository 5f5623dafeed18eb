"""The fields editors see in the admin get labels in their language; the tables do not change."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0024_search_entry_words'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='article',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by'),
        ),
        migrations.AlterField(
            model_name='article',
            name='import_digest',
            field=models.CharField(blank=True, default='', editable=False, help_text='Fingerprint of the text this article was imported from, to refuse importing it twice.', max_length=64, verbose_name='import digest'),
        ),
        migrations.AlterField(
            model_name='article',
            name='interviewee',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interviews', to='articles.person', verbose_name='interviewee'),
        ),
        migrations.AlterField(
            model_name='article',
            name='interviewer',
            field=models.ForeignKey(blank=True, help_text='The journalist who asked the questions: facts quoted from the prompts are attributed to them.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='conducted_interviews', to='articles.person', verbose_name='interviewer'),
        ),
        migrations.AlterField(
            model_name='article',
            name='intro',
            field=models.TextField(blank=True, default='', help_text='Introductory paragraphs, separated by a blank line.', verbose_name='intro'),
        ),
        migrations.AlterField(
            model_name='article',
            name='kind',
            field=models.CharField(choices=[('interview', 'Interview'), ('news', 'News'), ('opinion', 'Opinion')], default='interview', max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='article',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('ko', 'Korean')], default='en', help_text='The language the article is written in.', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='article',
            name='original_date_precision',
            field=models.CharField(blank=True, choices=[('decade', 'Decade'), ('year', 'Year'), ('month', 'Month'), ('day', 'Day')], default='', max_length=10, verbose_name='original date precision'),
        ),
        migrations.AlterField(
            model_name='article',
            name='reviewed_original',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='reviewed original'),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(allow_unicode=True, help_text="The article's address on the site: letters of any script, digits and hyphens.", max_length=200, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='article',
            name='source',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='articles.source', verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='article',
            name='standfirst',
            field=models.TextField(blank=True, default='', help_text='One or two sentences shown under the title and in lists.', verbose_name='standfirst'),
        ),
        migrations.AlterField(
            model_name='article',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='article',
            name='text_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='text changed at'),
        ),
        migrations.AlterField(
            model_name='article',
            name='title',
            field=models.CharField(max_length=300, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='article',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AlterField(
            model_name='article',
            name='updated_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facts', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='date',
            field=models.DateField(blank=True, help_text='A date the fact states.', null=True, verbose_name='date'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='date_precision',
            field=models.CharField(blank=True, choices=[('decade', 'Decade'), ('year', 'Year'), ('month', 'Month'), ('day', 'Day')], default='', help_text='How much of the date the source gives: "2023" is a year, "May 2024" a month.', max_length=10, verbose_name='date precision'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='quote',
            field=models.TextField(help_text="The source's exact words that support it, copied from the answer (or the intro).", verbose_name='quote'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='statement',
            field=models.CharField(help_text='The fact in one sentence, in your words.', max_length=300, verbose_name='statement'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='unit',
            field=models.CharField(blank=True, default='', help_text='What the value counts: "USD", "%", or a plural noun such as "jobs".', max_length=40, verbose_name='unit'),
        ),
        migrations.AlterField(
            model_name='fact',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=4, help_text='A figure the fact states, e.g. 19800000000 for $19.8 billion.', max_digits=20, null=True, verbose_name='value'),
        ),
        migrations.AlterField(
            model_name='factwording',
            name='fact',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='wordings', to='articles.fact', verbose_name='fact'),
        ),
        migrations.AlterField(
            model_name='person',
            name='country',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='country'),
        ),
        migrations.AlterField(
            model_name='person',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='role',
            field=models.CharField(blank=True, default='', help_text='Position at the time of the interview, e.g. "Minister of the Interior and Security".', max_length=200, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='person',
            name='slug',
            field=models.SlugField(max_length=200, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='article',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='lead_picture', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='digest',
            field=models.CharField(db_index=True, default='', editable=False, max_length=64, verbose_name='digest'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='height',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='height'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='person',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='portrait', to='articles.person', verbose_name='person'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='renditions',
            field=models.JSONField(default=dict, editable=False, verbose_name='renditions'),
        ),
        migrations.AlterField(
            model_name='picture',
            name='width',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='width'),
        ),
        migrations.AlterField(
            model_name='qapair',
            name='anchor',
            field=models.SlugField(blank=True, help_text='Stable link target on the article page (#anchor). Filled from the prompt when empty; keep it once published, as citations link to it.', max_length=80, verbose_name='anchor'),
        ),
        migrations.AlterField(
            model_name='qapair',
            name='answer',
            field=models.TextField(help_text='Paragraphs separated by a blank line.', verbose_name='answer'),
        ),
        migrations.AlterField(
            model_name='qapair',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pairs', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='qapair',
            name='position',
            field=models.PositiveSmallIntegerField(help_text='Order within the article, from 1.', verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='qapair',
            name='prompt',
            field=models.TextField(help_text='Usually a question; interviews also use statements that introduce a topic.', verbose_name='prompt'),
        ),
        migrations.AlterField(
            model_name='source',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('es', 'Spanish'), ('ko', 'Korean')], default='es', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='source',
            name='name',
            field=models.CharField(max_length=200, unique=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='theme',
            name='description',
            field=models.TextField(blank=True, default='', help_text='One sentence telling readers what this theme covers.', verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='thememerge',
            name='merged_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='merged at'),
        ),
        migrations.AlterField(
            model_name='thememerge',
            name='merged_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='merged by'),
        ),
        migrations.AlterField(
            model_name='themeredirect',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='themeredirect',
            name='old_slug',
            field=models.SlugField(allow_unicode=True, help_text='The slug of an address /themes/<slug>/ that should lead to the theme.', max_length=100, unique=True, verbose_name='old slug'),
        ),
        migrations.AlterField(
            model_name='themeredirect',
            name='theme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='redirects', to='articles.theme', verbose_name='theme'),
        ),
    ]
