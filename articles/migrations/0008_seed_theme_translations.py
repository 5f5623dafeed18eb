"""
Give the seed's themes their Spanish and Korean names, slugs and descriptions in databases that
loaded the seed before themes had translations. A theme is found by its English slug; only
empty translations are filled, so an editor's own translation is kept, and a name or slug
another theme already has is left out.
"""

from django.db import migrations
from django.db.models import Q

# A copy of the translations in articles/seed/seed.json as they were when this migration was
# written; tests/test_i18n_themes.py checks that the two agree.
# English slug -> the seed theme's Spanish and Korean name, slug and description.
SEED_THEME_TRANSLATIONS = {
    "trade-and-the-fta": {
        "name_es": "Comercio y el TLC",
        "slug_es": "comercio-y-el-tlc",
        "description_es": "El comercio entre Corea y México y el tratado de libre comercio que ambos países negocian.",
        "name_ko": "무역과 FTA",
        "slug_ko": "무역과-fta",
        "description_ko": "한국과 멕시코의 교역, 그리고 두 나라가 협상 중인 자유무역협정.",
    },
    "investment-and-nearshoring": {
        "name_es": "Inversión y nearshoring",
        "slug_es": "inversion-y-nearshoring",
        "description_es": (
            "La inversión de las empresas coreanas en México, los empleos que crea y las cadenas de "
            "suministro que se acercan a Norteamérica."
        ),
        "name_ko": "투자와 니어쇼어링",
        "slug_ko": "투자와-니어쇼어링",
        "description_ko": "한국 기업의 멕시코 투자와 이를 통해 창출되는 일자리, 그리고 북미 인근으로 옮겨 오는 공급망.",
    },
    "digital-government": {
        "name_es": "Gobierno digital",
        "slug_es": "gobierno-digital",
        "description_es": (
            "Cómo los gobiernos usan sistemas digitales para servir a las personas, desde los trámites en "
            "línea hasta la identificación en el celular."
        ),
        "name_ko": "디지털 정부",
        "slug_ko": "디지털-정부",
        "description_ko": (
            "온라인 민원 서비스부터 모바일 신분증까지, 정부가 디지털 시스템으로 국민에게 서비스를 제공하는 방식."
        ),
    },
    "public-data": {
        "name_es": "Datos públicos",
        "slug_es": "datos-publicos",
        "description_es": (
            "Datos del gobierno abiertos para que cualquiera, incluidas las empresas, pueda crear servicios con ellos."
        ),
        "name_ko": "공공데이터",
        "slug_ko": "공공데이터",
        "description_ko": "기업을 포함해 누구나 서비스를 만들 수 있도록 개방된 정부 데이터.",
    },
    "aerospace": {
        "name_es": "Aeroespacial",
        "slug_es": "aeroespacial",
        "description_es": "Agencias espaciales, satélites, sitios de lanzamiento y exploración lunar en ambos países.",
        "name_ko": "항공우주",
        "slug_ko": "항공우주",
        "description_ko": "두 나라의 우주 기관, 인공위성, 발사장과 달 탐사.",
    },
    "migration-and-community": {
        "name_es": "Migración y comunidad",
        "slug_es": "migracion-y-comunidad",
        "description_es": "La inmigración coreana a México y la comunidad coreana que hoy vive en el país.",
        "name_ko": "이민과 한인 사회",
        "slug_ko": "이민과-한인-사회",
        "description_ko": "한국인의 멕시코 이민과 오늘날 멕시코에 사는 한인 사회.",
    },
    "culture": {
        "name_es": "Cultura e intercambios",
        "slug_es": "cultura-e-intercambios",
        "description_es": (
            "Los intercambios culturales y humanos entre ambos pueblos, incluida la ola coreana en México."
        ),
        "name_ko": "문화와 교류",
        "slug_ko": "문화와-교류",
        "description_ko": "멕시코의 한류를 비롯한 두 나라 국민 사이의 문화·인적 교류.",
    },
    "energy": {
        "name_es": "Energía",
        "slug_es": "energia",
        "description_es": "Cooperación en recursos energéticos y energías renovables.",
        "name_ko": "에너지",
        "slug_ko": "에너지",
        "description_ko": "에너지 자원과 재생에너지 분야의 협력.",
    },
    "infrastructure": {
        "name_es": "Infraestructura",
        "slug_es": "infraestructura",
        "description_es": (
            "Cooperación para construir y modernizar el transporte, los servicios públicos y otras infraestructuras."
        ),
        "name_ko": "인프라",
        "slug_ko": "인프라",
        "description_ko": "교통, 전력·수도 같은 공공 설비 등 인프라의 건설과 현대화를 위한 협력.",
    },
    "diplomacy": {
        "name_es": "Diplomacia",
        "slug_es": "diplomacia",
        "description_es": (
            "La asociación estratégica, las visitas oficiales y la relación política entre ambos gobiernos."
        ),
        "name_ko": "외교",
        "slug_ko": "외교",
        "description_ko": "전략적 동반자 관계와 공식 방문, 두 나라 정부 사이의 정치적 관계.",
    },
}


def fill_translations(apps, schema_editor):
    Theme = apps.get_model("articles", "Theme")
    ThemeRedirect = apps.get_model("articles", "ThemeRedirect")
    for theme in Theme.objects.filter(slug__in=SEED_THEME_TRANSLATIONS):
        translations = SEED_THEME_TRANSLATIONS[theme.slug]
        others = Theme.objects.exclude(pk=theme.pk)
        changed = []
        for code in ["es", "ko"]:
            name, slug = translations[f"name_{code}"], translations[f"slug_{code}"]
            if not getattr(theme, f"name_{code}") and not getattr(theme, f"slug_{code}"):
                name_taken = others.filter(**{f"name_{code}__iexact": name}).exists()
                slug_taken = others.filter(Q(slug=slug) | Q(slug_es=slug) | Q(slug_ko=slug)).exists()
                if not (name_taken or slug_taken):
                    setattr(theme, f"name_{code}", name)
                    setattr(theme, f"slug_{code}", slug)
                    changed += [f"name_{code}", f"slug_{code}"]
                    # As Theme.save() does: a live address wins over a redirect.
                    ThemeRedirect.objects.filter(old_slug=slug).delete()
            if not getattr(theme, f"description_{code}"):
                setattr(theme, f"description_{code}", translations[f"description_{code}"])
                changed.append(f"description_{code}")
        if changed:
            theme.save(update_fields=changed)


def clear_translations(apps, schema_editor):
    """
    Empty the seed translations that are still as fill_translations() wrote them (a name with
    its slug, a description), keeping every translation an editor changed. The theme redirects
    that fill_translations() deleted are not brought back: a live address had replaced them.
    """
    Theme = apps.get_model("articles", "Theme")
    for theme in Theme.objects.filter(slug__in=SEED_THEME_TRANSLATIONS):
        translations = SEED_THEME_TRANSLATIONS[theme.slug]
        cleared = []
        for code in ["es", "ko"]:
            for fields in [[f"name_{code}", f"slug_{code}"], [f"description_{code}"]]:
                if all(getattr(theme, field) == translations[field] for field in fields):
                    cleared += fields
        for field in cleared:
            setattr(theme, field, "")
        if cleared:
            theme.save(update_fields=cleared)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_theme_translations_article_translation_of"),
    ]

    operations = [
        migrations.RunPython(fill_translations, clear_translations),
    ]
