# The real Celery worker, beat and Redis of the delivery tests (tests/workers.py).
from tests.notifications.conftest import redis_broker, rig, shared_db  # noqa: F401
