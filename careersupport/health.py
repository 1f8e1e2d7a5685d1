"""`/healthz` for load balancers: 200 when this web process can serve, 503 when it cannot.

    GET /healthz           the database answers (one `SELECT 1`)
    GET /healthz?broker=1  the database and the Celery broker answer

It is answered by a middleware placed first, before anything that would get in a probe's
way: the HTTPS redirect (probes speak plain HTTP to the instance), the allowed-hosts check
(probes send the instance's address as Host), sessions and sign-in. It reveals nothing but
"ok" or "unavailable" per component; the reason goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"
# A probe waits this long at most for the broker (load balancers time out after 2-5 s).
BROKER_TIMEOUT_SECONDS = 2.0


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("health check: the database does not answer", exc_info=True)
        return False
    return True


def broker_ok() -> bool:
    from kombu import Connection

    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "socket_timeout": BROKER_TIMEOUT_SECONDS,
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
    }
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=BROKER_TIMEOUT_SECONDS,
            transport_options=options,
        ) as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception:
        logger.warning("health check: the broker does not answer", exc_info=True)
        return False
    return True


def healthz(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD"
        return response
    checks = {"database": database_ok()}
    if "broker" in request.GET:
        checks["broker"] = broker_ok()
    healthy = all(checks.values())
    if len(checks) == 1:
        body = "ok\n" if healthy else "database: unavailable\n"
    else:
        body = "".join(f"{name}: {'ok' if ok else 'unavailable'}\n" for name, ok in checks.items())
    response = HttpResponse(body, status=200 if healthy else 503, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers `/healthz` before the rest of the stack runs (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in (PATH, PATH + "/"):
            return healthz(request)
        return self.get_response(request)
