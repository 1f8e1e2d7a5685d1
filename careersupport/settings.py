"""CareerSupport settings: one module, configured by environment variables only.

A fresh clone runs with no configuration (SQLite, a file-system Celery broker and
e-mail written to files, all under var/). Production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is false.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base for links in e-mails (invitations, reminders). `make run` sets it from PORT
# for all its processes (the worker sends most e-mails); in development it otherwise follows
# PORT; production must say it, or every link would point at a development address.
_DEV_SITE_URL = f"http://127.0.0.1:{env.int('PORT', default=8000)}"
SITE_URL = env.str("SITE_URL", default=_DEV_SITE_URL if DEBUG else "").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured(
        "Set SITE_URL when DEBUG is false: the public address of the app, such as "
        "https://careers.example.com, used in the links of every e-mail."
    )

INSTALLED_APPS = [
    "careersupport.apps.OperatorAdminConfig",  # the Django admin, for operators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "careersupport.people",
    "careersupport.goals",
    "careersupport.notifications",
    "programs",
    "careersupport.requests",
    "coaching",
    "mentorship",
    "careersupport.jobsearch",
    "careersupport.household",
    "careersupport.reports",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers before the HTTPS redirect, host check and session.
    "careersupport.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "careersupport.people.middleware.IndividualMiddleware",
]

ROOT_URLCONF = "careersupport.urls"
WSGI_APPLICATION = "careersupport.wsgi.application"

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
                "careersupport.people.context_processors.roles",
                "careersupport.notifications.context_processors.inbox",
                "careersupport.context_processors.choices",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'careersupport.sqlite3'}")
}
# Keep a connection for a minute rather than open one per request (a PostgreSQL connection
# costs milliseconds to set up); a health check replaces one the server has dropped.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the Celery worker write the embedded database together.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, sign-up only through an invitation (see the adapter).
ACCOUNT_ADAPTER = "careersupport.people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CareerSupport] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so they are visibly on.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CareerSupport"

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
# The interface is English-only. Without the translation machinery every number a template
# prints and every {% url %} costs about half as much (each asked for the active language).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    # Uploads (receipts, résumés): outside the web root, never served by URL, only through
    # a view that checks who asks (careersupport/uploads.py). Production may point
    # PRIVATE_STORAGE_BACKEND at django-storages (e.g. storages.backends.s3.S3Storage) with
    # its options as JSON in PRIVATE_STORAGE_OPTIONS.
    "private": {
        "BACKEND": env.str(
            "PRIVATE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "PRIVATE_STORAGE_OPTIONS",
            default={"location": env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))},
        ),
    },
}
# The largest upload accepted (bytes); each app says which types it takes.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# E-mail: files under var/mail/ by default; smtp://user:pass@host:587 (or smtp+tls://) in production.
# django-environ drops the first slash of a filemail path: four slashes make it absolute.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default=f"filemail:///{VAR_DIR / 'mail'}")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CareerSupport <no-reply@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung SMTP server must fail the attempt (and be retried), not hold a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery. The embedded default is a file-system broker under var/ with atomic writes
# (careersupport/broker.py); production points CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="atomicfs://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("atomicfs"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        # kombu sleeps this long whenever the prefetch window is full, so it caps the
        # embedded worker at about prefetch / interval tasks a second (kombu's 1 s: 2 a second).
        "polling_interval": 0.02,
    }
else:
    # A task lost with a killed worker comes back after this long; the database
    # state (notifications) re-queues sooner, this is the broker's own safety net.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None) or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = "UTC"
# Celery's Django fix-up closes the database connection before and after every task unless
# this is set: a new PostgreSQL connection per reminder cost ~25 ms, five times the work.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The one beat schedule: every periodic job of the project is listed here.
CELERY_BEAT_SCHEDULE: dict = {
    # Claims due reminders and queues their send tasks; expires so that a backlog of
    # dispatcher runs does not pile up while no worker is running.
    "dispatch-due-reminders": {
        "task": "notifications.dispatch_due_reminders",
        "schedule": env.float("REMINDER_DISPATCH_EVERY", default=60.0),
        "options": {"expires": 50},
    },
    # The invitation e-mails' dispatcher, for what the one queued after each commit missed:
    # a lost task, a killed worker, a retry after a mail error (careersupport/people/tasks.py).
    "dispatch-invitation-emails": {
        "task": "people.dispatch_invitation_emails",
        "schedule": env.float("REMINDER_DISPATCH_EVERY", default=60.0),
        "options": {"expires": 50},
    },
    # Keeps each HR admin's 08:00 (their time) reminder of pending approvals up to date.
    "programs-pending-approvals": {
        "task": "programs.publish_pending_approvals",
        "schedule": 3600.0,
    },
    # Keeps each approver's 08:00 (their time) reminder of waiting requests up to date.
    "requests-waiting": {
        "task": "requests.publish_waiting",
        "schedule": 3600.0,
    },
    # HR's job-search figures per employer, counted again and stored for their page.
    "jobsearch-refresh-figures": {
        "task": "jobsearch.refresh_figures",
        "schedule": 3600.0,
    },
    # Keeps each manager's Monday 09:00 (their time) summary of overdue check-ins up to date.
    "goals-team-summaries": {
        "task": "goals.publish_team_summaries",
        "schedule": 3600.0,
    },
    # Coaching requests a coach has left unanswered for two working days (to them and HR).
    "coaching-waiting-requests": {
        "task": "coaching.publish_waiting_requests",
        "schedule": 3600.0,
    },
    # Active coaching with sessions left and none booked for 30 days (to the coachee).
    "coaching-idle-engagements": {
        "task": "coaching.publish_idle_engagements",
        "schedule": 3600.0,
    },
    # Stores each mentoring pair's health label and tells both sides of a stalled pair.
    "mentorship-refresh-health": {
        "task": "mentorship.refresh_health",
        "schedule": 3600.0,
    },
    # Closes the mentorships whose agreement has ended and asks both for feedback.
    "mentorship-close-ended": {
        "task": "mentorship.close_ended",
        "schedule": 3600.0,
    },
    # Invites everyone something ended for (an offering, coaching, a leave) to its survey.
    "reports-publish-surveys": {
        "task": "reports.publish_surveys",
        "schedule": 3600.0,
    },
    # The report figures of every employer, recomputed each night (HR can refresh any time).
    "reports-rollup-all": {
        "task": "reports.rollup_all",
        "schedule": crontab(hour=2, minute=30),
    },
}

# Reminders (careersupport/notifications), and invitation e-mails, which run on the same
# engine (notifications/outbox.py) with these settings. A claimed row whose task has not
# finished within the lease is queued again: a killed worker delays it by one lease, and the
# lease must outlast the queue's backlog, or busy workers get harmless duplicate tasks.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=300)
REMINDER_DISPATCH_BATCH = env.int("REMINDER_DISPATCH_BATCH", default=500)
REMINDER_DISPATCH_MAX = env.int("REMINDER_DISPATCH_MAX", default=50_000)
# Reminders per send task, and per transaction within it: a worker killed mid-transaction
# may have mailed up to that many before the rollback (sent again, same Message-ID). Ten a
# transaction cost a fifth less CPU per reminder than five, and fifty a task a quarter less
# worker CPU than twenty: Celery's own cost is paid per task (bench/reminders_bench.py).
REMINDER_SEND_CHUNK = env.int("REMINDER_SEND_CHUNK", default=50)
REMINDER_COMMIT_EVERY = env.int("REMINDER_COMMIT_EVERY", default=10)
# Mail errors: retried after 1, 2, 4, 8 minutes, failed for good after the 5th attempt.
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=60)

# Production hardening: on whenever DEBUG is off, each switch overridable.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind a proxy that terminates TLS (nginx, a load balancer) and sets X-Forwarded-Proto.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Invitations stay valid this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
