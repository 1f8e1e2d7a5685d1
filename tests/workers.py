"""Real processes for the tests about delivery: Celery workers and beats, and a Redis server.

The subprocesses run this checkout with the test process's own database (built from
`connection.settings_dict`), a broker URL, and e-mail written to files in a temporary folder,
so a test can kill them, restart them and count what was delivered.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def shared_database_url() -> str | None:
    """A DATABASE_URL for the database this test runs on, if another process can open it."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = f"{quote(db['USER'] or '', safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    name = str(db["NAME"])
    if connection.vendor == "sqlite" and "memory" not in name and name:
        return f"sqlite:///{name}"
    return None


def redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Timeouts are written for an idle machine; beside a parallel test run on two cores, workers
# start and send several times slower. A passing wait returns at once, so patience is free.
PATIENCE = 4


def wait_for(predicate, timeout: float, interval: float = 0.05, what: str = "condition"):
    timeout *= PATIENCE
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")


class Process:
    """A subprocess in its own session, so killing it takes its children (the pool) too."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path):
        self.name, self.args, self.env, self.log = name, args, env, log

    def start(self) -> Process:
        self._log_file = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.args,
            cwd=ROOT,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, no acknowledgements."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)
        self._log_file.close()

    def stop(self, timeout: float = 10) -> None:
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        # Pool children outlive a parent that died first; never leave one behind.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self._log_file.close()


class CeleryRig:
    """Starts workers, beats and one-off dispatcher runs against one broker and database."""

    def __init__(self, tmp: Path, broker_url: str, database_url: str, **extra_env: str):
        self.tmp = tmp
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        self.broker_url = broker_url
        self.processes: list[Process] = []
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CELERY_")},
            "DJANGO_SETTINGS_MODULE": "careersupport.settings",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "EMAIL_URL": f"filemail:///{self.mail_dir}",  # four slashes: absolute
            "VAR_DIR": str(tmp / "var"),
            "REMINDER_LEASE_SECONDS": "3",
            "REMINDER_DISPATCH_EVERY": "1",
            "REMINDER_RETRY_BASE_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }

    def _process(self, name: str, args: list[str], **env: str) -> Process:
        process = Process(name, args, {**self.env, **env}, self.tmp / f"{name}.log")
        self.processes.append(process)
        return process.start()

    def worker(
        self, name: str = "worker", concurrency: int = 2, queue: str = "", **env: str
    ) -> Process:
        args = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "careersupport",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            "-n",
            f"{name}-{uuid.uuid4().hex[:8]}@%h",
            *(["-Q", queue] if queue else []),
        ]
        process = self._process(name, args, **env)
        wait_for(
            lambda: " ready." in process.output() or not process.alive,
            timeout=30,
            what=f"{name} to start",
        )
        assert process.alive, process.output()
        return process

    def beat(self, name: str = "beat") -> Process:
        schedule = self.tmp / f"{name}-schedule"
        args = [sys.executable, "-m", "celery", "-A", "careersupport", "beat", "-s", str(schedule)]
        return self._process(name, [*args, "--loglevel=INFO"])

    def dispatch_once(self, name: str = "dispatch", **env: str) -> Process:
        """`manage.py reminders_dispatch` in its own process (a second dispatcher)."""
        return self._process(name, [sys.executable, "manage.py", "reminders_dispatch"], **env)

    def stop_all(self) -> None:
        for process in self.processes:
            process.stop()

    def message_ids(self) -> Counter:
        """How many e-mails went out per Message-ID (one per reminder)."""
        ids: Counter = Counter()
        for path in self.mail_dir.glob("*.log"):
            ids.update(re.findall(r"^Message-ID: (\S+)", path.read_text(), flags=re.M))
        return ids


class RedisServer:
    """A private redis-server on a free port without persistence: a restart loses every
    queued message, which is the point."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: redis_available(self.url), timeout=10, what="redis-server to start")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self, down_for: float = 0.5) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()
