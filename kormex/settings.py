"""
Settings for Kormex, read from environment variables (see README.md and .env.example).

With DJANGO_DEBUG off (the default) the site refuses to start without a secret key and
allowed hosts: it never falls back to a random key or to "*".
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import csp.constants as csp
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Return the boolean value of environment variable `name`, refusing unclear values."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default, minimum=0):
    """Return the integer value of environment variable `name`, refusing anything below `minimum`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
    return int(value)


def env_list(name):
    """Return the comma-separated environment variable `name` as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development).")
    SECRET_KEY = "django-insecure-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (or DJANGO_DEBUG=true for development).")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Serve static files through whitenoise under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "reversion_compare",
    "csp",
    "articles.apps.SignInLockoutsConfig",
    "articles",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages from the shared cache, before anything else runs (see pagecache/middleware.py); it
    # stores what GZipMiddleware below has compressed and answers conditional requests for them.
    "pagecache.middleware.PageCacheMiddleware",
    # 304 answers from the ETag and Last-Modified of the pages the page cache does not store.
    "django.middleware.http.ConditionalGetMiddleware",
    # Compress pages as whitenoise compresses static files; CSRF tokens are masked per request,
    # which is Django's defence against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, with the admin in the editor's language (see articles/middleware.py).
    "articles.middleware.EditorLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the page cache, as X-Frame-Options: cached pages keep the header they were sent with.
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kormex.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kormex.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one SQLite file: take the write lock when a transaction
    # starts and wait for it, rather than failing with "database is locked" mid-transaction
    # (Django 5.1+), and let readers go on while one writes (write-ahead log).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# The cache holds the page cache (pagecache/) and must be shared by every worker serving
# the site: Redis across hosts; without it, files on this machine, which its gunicorn workers
# share (a local-memory cache would leave each worker its own stale copy of an edited page).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "pagecache.rediscache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kormex",
            # The content version (articles/versions.py), which the page cache reads on every
            # request: each worker keeps it until Redis says it changed (pagecache/rediscache.py).
            "OPTIONS": {"tracked_keys": ["content-version"]},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.filecache.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

# Serve public pages from the cache while the content is unchanged (KORMEX_PAGE_CACHE=off to
# measure rendering); pages expire after a day untouched, and a streamed export is kept only
# when it is at most PAGE_CACHE_MAX_BYTES.
PAGE_CACHE = env_bool("KORMEX_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = 24 * 60 * 60
PAGE_CACHE_MAX_BYTES = 1024 * 1024
# Each worker also keeps up to this many bytes of pages in memory, checked against the shared
# content version on every request (pagecache/middleware.py, LocalPages).
PAGE_CACHE_LOCAL_BYTES = 16 * 1024 * 1024
# And up to this many characters of page fragments (cards, sections) for the content version
# they were drawn at (articles/kept.py).
KEPT_FRAGMENTS_SIZE = 4 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The font the share cards (articles/share_cards/) are drawn with: Noto Sans CJK from Debian's
# fonts-noto-cjk (SIL OFL 1.1), which the Makefile installs; it covers Korean, Spanish and English.
# The face in the collection is its Korean one. A check (articles.E010) stops start-up without it.
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SHARE_CARD_FONTS = {
    "regular": os.environ.get("KORMEX_CARD_FONT", NOTO_CJK.format("Regular")),
    "bold": os.environ.get("KORMEX_CARD_BOLD_FONT", NOTO_CJK.format("Bold")),
}
SHARE_CARD_FONT_INDEX = env_int("KORMEX_CARD_FONT_INDEX", 1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses a locked-out sign-in before any backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en"
# Reader pages are served in each language under its prefix (/es/, /ko/; English unprefixed);
# the admin follows the editor's browser language.
LANGUAGES = [("en", "English"), ("es", "Español"), ("ko", "한국어")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures (docs/media.md): files under KORMEX_MEDIA_ROOT, or an S3-compatible bucket
# when KORMEX_S3_BUCKET is set (keys from the standard AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY),
# so that every host reads the same files.
MEDIA_ROOT = Path(os.environ.get("KORMEX_MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
# Serve MEDIA_URL from Django itself (published pictures only, cached for a year): on by default
# in development; in production, or let the proxy serve MEDIA_ROOT.
SERVE_MEDIA = env_bool("KORMEX_SERVE_MEDIA", default=DEBUG)
S3_BUCKET = os.environ.get("KORMEX_S3_BUCKET", "")
S3_ENDPOINT_URL = os.environ.get("KORMEX_S3_ENDPOINT_URL", "")
if S3_BUCKET:
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("KORMEX_S3_REGION") or None,
            "custom_domain": os.environ.get("KORMEX_S3_CUSTOM_DOMAIN") or None,
            # Content-hash names: public, unsigned addresses that never change, cached for a year.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # The origin pictures' addresses start with: the custom domain's, the endpoint's, or AWS's for the bucket.
    if os.environ.get("KORMEX_S3_CUSTOM_DOMAIN"):
        MEDIA_ORIGINS = [f"https://{os.environ['KORMEX_S3_CUSTOM_DOMAIN']}"]
    elif S3_ENDPOINT_URL:
        MEDIA_ORIGINS = [re.match(r"https?://[^/]+", S3_ENDPOINT_URL).group()]
    else:
        region = os.environ.get("KORMEX_S3_REGION")
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3{f'.{region}' if region else ''}.amazonaws.com"]
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
STORAGES = {
    "default": media_storage,
    # Compressed, hashed names with far-future cache headers; Django 5.2 ignores the old
    # STATICFILES_STORAGE setting.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Theme names match case-insensitively: "Trade" and "trade" are one theme.
TAGGIT_CASE_INSENSITIVE = True
# Theme names contain spaces ("Trade and the FTA"): editors separate them with commas only.
TAGGIT_TAGS_FROM_STRING = "articles.models.themes.parse_theme_names"
TAGGIT_STRING_FROM_TAGS = "articles.models.themes.format_theme_names"

# The compare view of version history compares a related object (an interviewee, a source) by its
# id: otherwise reversion-compare reports one as changed whenever any other field of the version is.
REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID = True

SITE_NAME = "Kormex"

# DJANGO_HTTPS says the site is served over HTTPS (behind a TLS-terminating proxy that sets
# X-Forwarded-Proto): redirect plain HTTP, send cookies only over TLS, and send HSTS.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything from this origin only, and nothing inline: no <script> or <style> elements, no style
# attributes, no event handlers, in reader pages and the admin alike (see docs/security.md).
# No nonce, so that cached pages stay byte-identical.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.NONE],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        # Pictures come from this origin (MEDIA_URL) or from the S3 store's.
        "img-src": [csp.SELF, *MEDIA_ORIGINS],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "base-uri": [csp.NONE],
        "object-src": [csp.NONE],
    }
}

# The admin's address: a path other than the well-known "admin/" keeps password-guessing robots
# away from the sign-in page.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH") or "admin/"
if not re.fullmatch(r"([A-Za-z0-9_~-][A-Za-z0-9._~-]*/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        f"DJANGO_ADMIN_PATH must be a path such as 'admin/' or 'staff/admin/': letters, digits, '.', '_', "
        f"'~' and '-', ending with '/' and not starting with one; not {ADMIN_PATH!r}."
    )

# An article's change page posts every pair and fact with it, about 11 fields a fact: Django's
# default limit of 1,000 fields refused the save of an interview of some 80 facts with a bare 400,
# and the edits with it. The limit stays, as a bound on what one request makes the server parse.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one username
# from one address, that pair is refused, whatever the password, for AXES_COOLOFF_TIME after the last
# failure, or until an editor deletes its access attempt in the admin.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 60, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful sign-in forgets earlier typos.
AXES_RESET_ON_SUCCESS = True
# Each failure listed in the admin under "Access failures" (its latest 1,000 a username).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "articles.admin.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "articles.admin.signin.client_ip_address"
# No banner in the log at every start-up; failures and lockouts are still logged.
AXES_VERBOSE = False
# How many reverse proxies in front of the site append to X-Forwarded-For; with none, the header is
# the client's to write, so the connection's address is used.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)

# Logs go to stdout, one JSON object a line, for whatever collects the process's output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
