from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from careersupport.notifications.kinds import registered_kinds
from tests.conftest import need_service
from tests.workers import CeleryRig, RedisServer, redis_available, shared_database_url

TEST_KIND = "tests.nudge"


@pytest.fixture(autouse=True)
def _test_kind(monkeypatch):
    """A reminder kind of the tests' own, so they do not depend on which apps publish."""
    monkeypatch.setitem(registered_kinds(), TEST_KIND, "A test nudge")
    monkeypatch.setitem(registered_kinds(), "tests.other", "Another test kind")


@pytest.fixture
def mailbox():
    from django.core import mail

    return mail.outbox


@pytest.fixture
def clock(monkeypatch):
    """`clock(dt)`: what `django.utils.timezone.now()` returns from now on in this test."""

    def travel(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return travel


# --- real services for the reliability tests ------------------------------------------------


@pytest.fixture
def shared_db(transactional_db):
    """The test database's URL for worker subprocesses (PostgreSQL, or an SQLite file)."""
    url = shared_database_url()
    need_service(
        url is not None, "a database worker processes can share (DATABASE_URL=postgres://…)"
    )
    return url


@contextmanager
def exclusive(name: str):
    """One holder at a time across processes: pytest-xdist's workers, or two test runs."""
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"careersupport-{digest}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def redis_broker():
    """CELERY_BROKER_URL when it is a reachable Redis, with its default queue emptied.

    Workers on one queue take each other's tasks, so two rigs on the same Redis database
    (the two processes of `pytest -n 2`) would deliver from the wrong test database and
    empty each other's queue: the rigs take turns. Only the default queue and kombu's
    unacked bookkeeping are emptied, never the whole database, which other tests (a ping
    on a queue of its own) may be using at the same moment."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    need_service(
        url.startswith("redis") and redis_available(url), "Redis (CELERY_BROKER_URL=redis://…)"
    )
    with exclusive(url):
        client = redis.Redis.from_url(url)
        client.delete(*client.scan_iter(match="celery*"), "unacked", "unacked_index")
        yield url


@pytest.fixture
def rig(tmp_path, shared_db, redis_broker, settings):
    """Workers, beats and dispatchers on the shared Redis and the test database."""
    settings.REMINDER_LEASE_SECONDS = 3
    rig = CeleryRig(tmp_path, redis_broker, shared_db)
    yield rig
    rig.stop_all()


@pytest.fixture
def own_redis(tmp_path):
    """A private redis-server that the test may restart (never the shared one)."""
    need_service(shutil.which("redis-server") is not None, "redis-server")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()
