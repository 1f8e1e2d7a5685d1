"""A real worker on real Redis runs our task and hands back its result."""

import os

import pytest
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult

from careersupport.celery import app

from .conftest import need_service
from .workers import CeleryRig

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    need_service(url.startswith("redis://"), "Redis (CELERY_BROKER_URL=redis://...)")
    return url


def test_a_worker_on_redis_runs_a_task_and_returns_its_result(redis_url, tmp_path):
    # Results in the broker's own database (keys celery-task-meta-<id>, expiring after a day),
    # so the test writes nowhere CI did not hand it.
    results_url = redis_url
    # The ping task opens no database; the worker only needs a URL to start.
    rig = CeleryRig(
        tmp_path,
        redis_url,
        f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        CELERY_RESULT_BACKEND=results_url,
    )
    queue = f"ping-{os.getpid()}"
    try:
        rig.worker(queue=queue)
        sent = app.send_task("careersupport.ping", args=["hello from the test"], queue=queue)
        # The web side stores no results; read this one straight from the worker's backend.
        result = AsyncResult(sent.id, app=app, backend=RedisBackend(app=app, url=results_url))
        assert result.get(timeout=30) == "hello from the test"
    finally:
        rig.stop_all()
