"""The embedded `atomicfs://` broker under concurrent producers (kombu issue #1551).

kombu's own file-system transport lets a reader pick up a message file before the writer
filled it, and the worker dies on the JSON decode. Here a worker runs on atomicfs in a fresh
folder while two producer processes send their tasks at the same moment: every result must
arrive and the worker must stay alive.
"""

from __future__ import annotations

import json
import sys
import time

import pytest

from tests.workers import Process, wait_for

PER_PRODUCER = 250

PRODUCER = """
import sys, time
from careersupport.celery import app
tag, start, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
for i in range(count):
    app.send_task("careersupport.ping", args=[f"{tag}-{i}"])
print("sent", count, flush=True)
"""


@pytest.fixture
def atomicfs_env(tmp_path):
    import os

    results = tmp_path / "results"
    results.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="careersupport.settings",
        VAR_DIR=str(tmp_path / "var"),
        CELERY_BROKER_URL="atomicfs://",
        CELERY_RESULT_BACKEND=f"file://{results}",
        PYTHONUNBUFFERED="1",
    )
    return env, results


def delivered(results) -> set[str]:
    values = set()
    for path in results.glob("celery-task-meta-*"):
        try:
            meta = json.loads(path.read_bytes())
        except ValueError:
            continue  # the result backend is still writing this one
        if meta.get("status") == "SUCCESS":
            values.add(meta["result"])
    return values


def test_the_worker_survives_concurrent_producers_and_gets_every_message(atomicfs_env, tmp_path):
    env, results = atomicfs_env
    celery = [sys.executable, "-m", "celery", "-A", "careersupport"]
    # The flags of `make run` (Procfile.dev): gossip, mingle and heartbeats on.
    worker = Process(
        "worker", [*celery, "worker", "--concurrency=2", "--loglevel=INFO"], env, tmp_path / "w.log"
    ).start()
    processes = [worker]
    try:
        start = time.time() + 2.5  # both producers begin together as the worker starts
        for tag in ("a", "b"):
            args = [sys.executable, "-c", PRODUCER, tag, str(start), str(PER_PRODUCER)]
            processes.append(Process(tag, args, env, tmp_path / f"{tag}.log").start())
        for producer in processes[1:]:
            producer.popen.wait(timeout=60)
            assert producer.popen.returncode == 0, producer.output()
        expected = {f"{tag}-{i}" for tag in ("a", "b") for i in range(PER_PRODUCER)}
        wait_for(lambda: delivered(results) >= expected, 40, 0.25, "every result")
        assert worker.alive, worker.output()
        assert "Unrecoverable error" not in worker.output()
    finally:
        for process in processes:
            process.stop()
