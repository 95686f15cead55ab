"""Settings of the Drechtsteden samenwerkingsportaal.

Everything comes from the environment (see ``.env.example``). Without any variables the portal
runs locally on SQLite with an embedded Celery broker; ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and Redis. With ``DJANGO_DEBUG=false`` secrets have no default and the deploy checks
apply.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-development-only-key")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "simple_history",
    "axes",
    "import_export",
    "django_filters",
    "drechtsteden",
    "documenten",
    "meldingen",
    "tafels",
    "conferenties",
    "coalities",
    "financiering",
    "regiekamer",
    "portaal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "drechtsteden.middleware.nederlands_tenzij_gekozen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "drechtsteden.middleware.AlleenLezenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "drechtsteden.urls"
WSGI_APPLICATION = "drechtsteden.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every form field through one template (templates/componenten/veld.html); see drechtsteden/forms.py.
FORM_RENDERER = "drechtsteden.forms.Weergave"

# --- Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the Celery worker use the file at the same time; the test
    # database is a file too, so a worker process can reach it. IMMEDIATE takes the write lock when a
    # transaction begins and the timeout lets a second writer wait for it (seconds), so two
    # simultaneous saves queue up like row locks on PostgreSQL instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("DJANGO_SQLITE_TIMEOUT", default=20),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The options of a choice field are read with QuerySet.iterator(), which on PostgreSQL opens a
    # server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a few dozen rows. The portal
    # reads no result sets too large for memory; one round trip per list is faster.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "drechtsteden.Gebruiker"

# --- Authentication ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "drechtsteden.backends.GebruikerBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failed attempts for one user name from one address lock that pair.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The NL Design System typeface (a dependency of the design tokens), embedded in PDFs.
    ("fonts/noto-sans", NODE_MODULES / "@fontsource-variable" / "noto-sans" / "files"),
]
# From node_modules only the stylesheets the pages link to (see drechtsteden/staticfiles.py): the
# packages' other files include icons that point to SVGs they do not ship, which breaks the manifest.
STATICFILES_BESTANDEN = {
    "nlds/index.css": NODE_MODULES / "@utrecht" / "component-library-css" / "dist" / "index.css",
    "tokens/index.css": NODE_MODULES / "@utrecht" / "design-tokens" / "dist" / "index.css",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "drechtsteden.staticfiles.BestandenFinder",
]
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # An unacknowledged job (its worker died) goes back to the queue after this many seconds.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    # Embedded broker for local use: messages and results are files under var/celery.
    CELERY_DIR = Path(env("CELERY_DIR", default=str(VAR_DIR / "celery")))
    for folder in ("queue", "processed", "results"):
        (CELERY_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="drechtsteden")
# Document jobs (PDFs) on a queue of their own, if set; by default the queue above.
DOCUMENTEN_QUEUE = env("DOCUMENTEN_QUEUE", default="")
# Version of the cached PDF sections; raise it to render everything afresh.
DOCUMENTEN_CACHE_VERSIE = env.int("DOCUMENTEN_CACHE_VERSIE", default=1)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "gezondheid": {"task": "drechtsteden.tasks.health_check", "schedule": timedelta(hours=1)},
    "instap-omzetten": {"task": "coalities.tasks.instap_omzetten", "schedule": crontab(hour=0, minute=5)},
    # Checks requested while the broker was away go out once it is back.
    "bewaarde-systeemcontroles": {
        "task": "portaal.tasks.bewaarde_systeemcontroles_versturen", "schedule": timedelta(minutes=1),
    },
    # ... and so do documents (agenda packs, reports) asked for while it was away.
    "bewaarde-documentopdrachten": {
        "task": "documenten.tasks.bewaarde_opdrachten_aanbieden", "schedule": timedelta(minutes=1),
    },
    # The monitoring report of the quarter (and half year) that ended yesterday.
    "monitoring-na-periode": {
        "task": "regiekamer.tasks.monitoring_periode_afgelopen",
        "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Notifications of the day: papers due in three days and overdue actions, open coalition choices;
    # then the daily overview mail of whoever wants those once a day.
    "meldingen-tafels": {"task": "tafels.tasks.dagelijkse_meldingen", "schedule": crontab(minute=0, hour=6)},
    "meldingen-coalities": {"task": "coalities.tasks.keuze_meldingen", "schedule": crontab(minute=5, hour=6)},
    "meldingen-achtergebleven": {"task": "meldingen.tasks.achtergebleven_mailen", "schedule": timedelta(minutes=5)},
    "meldingen-overzicht": {"task": "meldingen.tasks.overzichten_mailen", "schedule": crontab(minute=0, hour=7)},
}

# --- Security ---------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Uploads ----------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Documents of bestuurlijke tafels: PDF, DOCX, XLSX or ODT up to this size.
TAFELS_STUK_MAX_BYTES = env.int("TAFELS_STUK_MAX_BYTES", default=20 * 1024 * 1024)
# Open escalations older than this many weeks are flagged on the dashboard of the regiekamer.
REGIEKAMER_SIGNALERINGSTERMIJN_WEKEN = env.int("REGIEKAMER_SIGNALERINGSTERMIJN_WEKEN", default=8)

DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="portaal@drechtsteden.nl")
# Mail: printed to the console locally; in production SMTP from the environment
# (DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT, DJANGO_EMAIL_HOST_USER, DJANGO_EMAIL_HOST_PASSWORD, DJANGO_EMAIL_USE_TLS).
if DEBUG and not env("DJANGO_EMAIL_HOST", default=""):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("DJANGO_EMAIL_HOST", default="localhost"),
                "port": env.int("DJANGO_EMAIL_PORT", default=587),
                "username": env("DJANGO_EMAIL_HOST_USER", default=""),
                "password": env("DJANGO_EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=True),
                "timeout": 30,
            },
        }
    }
# The portal's own address, for links in e-mails sent by the worker (no request there); in production
# set it to the public https address, or the links in notification mails point nowhere.
PORTAAL_URL = env("PORTAAL_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"zonder_traceback_bij_weigering": {"()": "drechtsteden.logfilters.ZonderTracebackBijWeigering"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # A 403 is logged as one warning line; its traceback says nothing (see drechtsteden/logfilters.py).
        "django.request": {"filters": ["zonder_traceback_bij_weigering"]},
        # PDF rendering reports every step and font subset at INFO; only problems are of interest.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
AXES_VERBOSE = False
