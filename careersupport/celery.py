from __future__ import annotations

import os

from celery import Celery
from celery.signals import task_prerun
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")

# The embedded broker: kombu's file-system transport with atomic writes.
TRANSPORT_ALIASES.setdefault("atomicfs", "careersupport.broker:Transport")

app = Celery("careersupport")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(
    ["careersupport.people", "careersupport.goals", "careersupport.notifications"]
)


@app.task(name="careersupport.ping")
def ping(value: str = "pong") -> str:
    """Round-trip check used by the health test and `manage.py` operators."""
    return value


@task_prerun.connect
def _replace_broken_db_connections(**kwargs) -> None:
    """Connections outlive tasks (CELERY_DB_REUSE_MAX); one that broke, say because PostgreSQL
    restarted, is replaced before the next task instead of failing every task until recycled."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.errors_occurred and not connection.is_usable():
            connection.close()
