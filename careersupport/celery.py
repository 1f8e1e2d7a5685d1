from __future__ import annotations

import os

from celery import Celery
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
