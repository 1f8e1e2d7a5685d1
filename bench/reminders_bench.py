"""Reminder delivery benchmark: a real worker, PostgreSQL, Redis and an e-mail backend.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/2 \\
        python bench/reminders_bench.py [--n 10000] [--sent 1000000] [--concurrency 4]
        python bench/reminders_bench.py --smoke    # seconds: checks, no figures

1. Tops the table up to `--sent` already-sent reminders (kept between runs; `--cleanup`
   removes every bench row) and times the dispatcher's claim query on it with
   EXPLAIN ANALYZE: idle (nothing due) and busy (a batch of 500 due).
2. Creates `--n` due reminders, starts a Celery worker on the broker, runs the dispatcher
   and measures until every one is sent: reminders per second end to end (claim, queue,
   lock, inbox row, e-mail rendered and written by the e-mail backend, commit).

Targets on the 2-core machine: >= 500 reminders/s, dispatcher query < 5 ms with 1M sent.
Not a test: it writes to the database it is given (rows of an employer with slug "bench",
or "bench-smoke" for `--smoke`), and creates that database when it is missing.

`--smoke` (200 due, 2,000 sent, no timing asserted) checks that every reminder is delivered
exactly once (an e-mail and an inbox row each) and that the dispatcher's query count stays
within its budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")

import django  # noqa: E402

django.setup()

from _common import check, ensure_database, filled_columns, header  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from careersupport.notifications.models import Notification, Reminder  # noqa: E402
from careersupport.notifications.tasks import dispatch_due_reminders  # noqa: E402
from careersupport.people.models import Employer, Individual  # noqa: E402

# Delivery does not look kinds up (only scheduling does), so the bench needs none registered.
BENCH_KIND = "bench.reminder"
RECIPIENTS = 200
SMOKE = {"n": 200, "sent": 2_000, "concurrency": 2}
# The dispatcher's queries per claimed batch (claim in a transaction) and the fixed rest.
DISPATCH_QUERIES_PER_BATCH, DISPATCH_QUERIES_FIXED = 4, 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="due reminders to deliver")
    parser.add_argument("--sent", type=int, default=1_000_000, help="sent reminders in the table")
    parser.add_argument("--concurrency", type=int, default=4, help="worker processes")
    parser.add_argument("--cleanup", action="store_true", help="delete every bench row and stop")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)

    header("reminder delivery", smoke=args.smoke)
    ensure_database()
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        sys.exit("Set CELERY_BROKER_URL=redis://… (the figures are for Redis).")
    call_command("migrate", verbosity=0)
    employer, people = bench_people("bench-smoke" if args.smoke else "bench")
    if args.cleanup:
        Reminder.objects.for_employer(employer).delete()
        print("Deleted every bench reminder.")
        return

    print(
        f"PostgreSQL {getattr(connection, 'pg_version', '?')}, broker {settings.CELERY_BROKER_URL}"
    )
    top_up_sent(employer, people, args.sent)
    idle = claim_query_ms(repeat=50)
    print(f"\nDispatcher query, nothing due, {sent_count(employer):,} sent rows in the table:")
    print(f"  {idle['median']:.3f} ms median, {idle['max']:.3f} ms max over 50 runs")
    print(f"  plan: {idle['plan']}")

    reminders = create_due(employer, people, args.n)
    busy = claim_query_ms(repeat=20)
    print(f"\nDispatcher query, {args.n:,} due (claims a batch of 500):")
    print(f"  {busy['median']:.3f} ms median, {busy['max']:.3f} ms max over 20 runs")

    result = deliver(reminders, args.concurrency, warm_up=0 if args.smoke else 6)
    print(f"\nEnd to end, {args.n:,} reminders, worker --concurrency={args.concurrency}:")
    print(
        f"  dispatcher claimed and queued all in {result['dispatch']:.2f} s, "
        f"{result['dispatch_queries']} queries"
    )
    print(f"  delivered in {result['seconds']:.2f} s: {result['rate']:.0f} reminders/s")
    print(f"  {result['emails']:,} e-mails written, {result['inbox']:,} inbox rows")
    cores = os.cpu_count() or 1
    print(
        f"  CPU per reminder (worker processes + their PostgreSQL backends): "
        f"{result['cpu_ms']:.2f} ms ({result['worker_ms']:.2f} worker, "
        f"{result['backend_ms']:.2f} PostgreSQL), "
        f"i.e. {cores * 1000 / result['cpu_ms']:.0f} reminders/s "
        f"if {cores} cores were ours alone (load average now {os.getloadavg()[0]:.1f})"
    )
    print("\nTargets: >= 500 reminders/s, < 5 ms dispatcher query with 1M sent.")
    batches = args.n // settings.REMINDER_DISPATCH_BATCH + 1
    budget = DISPATCH_QUERIES_PER_BATCH * batches + DISPATCH_QUERIES_FIXED
    check(result["left"] == 0, f"{result['left']} reminders were not delivered")
    check(result["emails"] == args.n, f"{result['emails']} e-mails for {args.n} reminders")
    check(result["inbox"] == args.n, f"{result['inbox']} inbox rows for {args.n} reminders")
    check(
        result["dispatch_queries"] <= budget,
        f"the dispatcher ran {result['dispatch_queries']} queries, budget {budget}",
    )
    print(
        f"checks: OK (each reminder delivered once, dispatcher within {budget} queries)",
        flush=True,
    )


def bench_people(slug: str) -> tuple[Employer, list[Individual]]:
    employer, _ = Employer.objects.get_or_create(slug=slug, defaults={"name": f"Bench {slug}"})
    have = Individual.objects.for_employer(employer).count()
    Individual.objects.bulk_create(
        Individual(
            employer=employer,
            email=f"bench{i}@example.invalid",
            first_name=f"Bench{i}",
            time_zone="Europe/Berlin",
        )
        for i in range(have, RECIPIENTS)
    )
    return employer, list(Individual.objects.for_employer(employer))


def sent_count(employer) -> int:
    return Reminder.objects.for_employer(employer).filter(state=Reminder.State.SENT).count()


# The sent rows, column by column, as SQL over generate_series `g`. Any other NOT NULL column
# of the model takes its constant default (filled_columns); one without (a new required
# field) stops the run with its name.
SENT_ROW = {
    "employer_id": "%(employer)s",
    "recipient_id": "(%(people)s::bigint[])[1 + g %% %(n)s]",
    "kind": "%(kind)s",
    "key": "'bench-sent:' || g || ':' || md5(random()::text)",
    "due_at": "now() - (g || ' seconds')::interval",
    "next_attempt_at": "now() - (g || ' seconds')::interval",
    "title": "'Sent reminder'",
    "url": "'/'",
    "state": "'sent'",
    "sent_at": "now() - (g || ' seconds')::interval",
    "attempts": "1",
    "created_at": "now()",
    "updated_at": "now()",
}


def sent_rows_sql() -> tuple[str, dict]:
    """INSERT … SELECT of `%(missing)s` sent reminders, every column named."""
    extra, values = filled_columns(Reminder, list(SENT_ROW))
    columns = [*SENT_ROW, *extra]
    expressions = [*SENT_ROW.values(), *(f"%(fill_{i})s" for i in range(len(extra)))]
    sql = (
        f"INSERT INTO {Reminder._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM generate_series(1, %(missing)s) AS g"
    )
    return sql, {f"fill_{i}": value for i, value in enumerate(values)}


def top_up_sent(employer, people, target: int) -> None:
    missing = target - sent_count(employer)
    if missing <= 0:
        return
    print(f"Adding {missing:,} sent reminders (kept for the next run)…", flush=True)
    started = time.monotonic()
    sql, defaults = sent_rows_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "employer": employer.pk,
                "people": [p.pk for p in people],
                "n": len(people),
                "kind": BENCH_KIND,
                "missing": missing,
                **defaults,
            },
        )
        cursor.execute(f"ANALYZE {Reminder._meta.db_table}")
    print(f"  in {time.monotonic() - started:.1f} s")


def claim_query_ms(repeat: int) -> dict:
    """EXPLAIN ANALYZE the claim's SELECT … FOR UPDATE SKIP LOCKED, rolled back each time."""
    query = (
        Reminder.objects.filter(state=Reminder.State.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[: settings.REMINDER_DISPATCH_BATCH]
    )
    times, plan = [], ""
    for _ in range(repeat):
        with transaction.atomic(), connection.cursor() as cursor:
            sql, params = query.query.sql_with_params()
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            result = cursor.fetchone()[0][0]
            times.append(result["Planning Time"] + result["Execution Time"])
            plan = describe(result["Plan"])
            transaction.set_rollback(True)
    return {"median": statistics.median(times), "max": max(times), "plan": plan}


def describe(node: dict) -> str:
    text = node["Node Type"] + (f" using {node['Index Name']}" if "Index Name" in node else "")
    children = node.get("Plans", [])
    return text + (" <- " + describe(children[0]) if children else "")


def create_due(employer, people, n: int) -> list[int]:
    now = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            employer=employer,
            recipient=people[i % len(people)],
            kind=BENCH_KIND,
            key=f"bench-due:{now.timestamp()}:{i}",
            due_at=now,
            next_attempt_at=now,
            title=f"Bench reminder {i}",
            body="Your goal check-in is due.",
            url="/notifications/",
        )
        for i in range(n)
    )
    return list(
        Reminder.objects.for_employer(employer)
        .filter(state=Reminder.State.PENDING)
        .values_list("pk", flat=True)
    )


def deliver(reminder_ids: list[int], concurrency: int, warm_up: float) -> dict:
    mail_dir = Path(tempfile.mkdtemp(prefix="reminders-bench-mail-"))
    var_dir = Path(tempfile.mkdtemp(prefix="reminders-bench-var-"))
    env = {
        **os.environ,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "VAR_DIR": str(var_dir),
        # A worker as production runs it: DEBUG off (no query log kept per task).
        "DEBUG": "false",
        "SITE_URL": os.environ.get("SITE_URL", "https://careers.example.com"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 32),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "careersupport",
            "--quiet",  # no banner in the benchmark's table
            "worker",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            "-n",
            f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        time.sleep(warm_up)  # the worker's start-up is not part of the figure
        pending = Reminder.objects.filter(pk__in=reminder_ids, state=Reminder.State.PENDING)
        worker_before, backend_before = worker_cpu_seconds(worker.pid), backend_cpu_seconds()
        started = time.monotonic()
        with CaptureQueriesContext(connection) as dispatch_queries:
            dispatch_due_reminders()
        dispatched = time.monotonic() - started
        # A hung delivery fails the run rather than hold it (and CI) for ever.
        deadline = started + max(120.0, len(reminder_ids) / 20)
        while pending.exists():
            if worker.poll() is not None:
                sys.exit("The worker died.")
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
        worker_cpu = worker_cpu_seconds(worker.pid) - worker_before
        backend_cpu = backend_cpu_seconds() - backend_before
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    emails = sum(p.read_text().count("\nMessage-ID: ") for p in mail_dir.glob("*.log"))
    # Each run writes ~15 MB of e-mail: counted, it can go.
    shutil.rmtree(mail_dir, ignore_errors=True)
    shutil.rmtree(var_dir, ignore_errors=True)
    return {
        "dispatch": dispatched,
        "dispatch_queries": len(dispatch_queries.captured_queries),
        "left": pending.count(),
        "seconds": seconds,
        "rate": len(reminder_ids) / seconds,
        # At least one clock tick: a tiny --n can finish between two.
        "cpu_ms": max(worker_cpu + backend_cpu, 0.01) * 1000 / len(reminder_ids),
        "worker_ms": worker_cpu * 1000 / len(reminder_ids),
        "backend_ms": backend_cpu * 1000 / len(reminder_ids),
        "emails": emails,
        "inbox": Notification.objects.filter(reminder__in=reminder_ids).count(),
    }


def _proc_cpu(pid: int) -> float:
    """user + system seconds of one process, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_cpu_seconds(pid: int) -> float:
    """The worker and its pool processes (its children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid, *map(int, children.read_text().split())] if children.exists() else [pid]
    return sum(_proc_cpu(p) for p in pids)


def backend_cpu_seconds() -> float:
    """PostgreSQL backends serving this database, except the bench's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return sum(_proc_cpu(pid) for (pid,) in cursor.fetchall())


if __name__ == "__main__":
    main()
