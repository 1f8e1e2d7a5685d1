"""Benchmark of HR's CSV import: a file of 5,000 new employees checked and imported in one request.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_invitations_bench \\
        .venv/bin/python bench/invitations_bench.py        # --people 50000 --rows 5000 --runs 5
    .venv/bin/python bench/invitations_bench.py --smoke    # seconds: checks, no figures

It creates the database when it is missing and migrates it, then loads (once; later runs reuse
it) an employer of `--people` employees in ten departments, a thousand of them managers, so the
file is checked against a directory of a realistic size. Each run uploads a new file of
`--rows` people through Django's test client as HR (the whole request: middleware, form,
service, redirect) with DEBUG=false: a tenth of them are managed by someone earlier in the
file, two levels deep, the rest by existing managers, across the ten departments and two new
ones. It prints the request's wall time, the CPU time of the web process and of its
PostgreSQL backend (their sum is the request's time on an idle machine, which the wall time
is not on a busy one) and its query count, checks that every person,
invitation and pending invitation e-mail was written and that no e-mail was sent by the
request, and deletes the imported rows so that the next run starts from the same directory.
Then it uploads the same file with one bad line at its end: every row is checked and nothing
is written (400), which is the time of validation alone.

The e-mails go after the commit as one Celery message to a dispatcher; the benchmark's broker
is kombu's in-memory transport, so no worker sends them (the delivery rate is the reminders'
engine's: bench/reminders_bench.py). Target: under 2 s of request time for 5,000 rows.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
# Production-like: no DEBUG overhead; the test client's host and scheme are accepted.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SITE_URL", "https://careers.example.com")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The request queues one message; no worker may send the e-mails of a benchmark.
os.environ["CELERY_BROKER_URL"] = "memory://localhost/"

import django

django.setup()

from _common import check, ensure_database, header  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from careersupport.people.models import (  # noqa: E402
    AuditEvent,
    Department,
    Employer,
    Individual,
    Invitation,
    InvitationEmail,
    User,
)
from careersupport.serving import prepare_process  # noqa: E402

HEADER = "email,first_name,last_name,job_title,department,manager_email,time_zone\n"
DEPARTMENTS = [f"Department {n}" for n in range(10)]
ZONES = ["Europe/Berlin", "Europe/Lisbon", "America/New_York", "Asia/Singapore", ""]
MANAGERS = 1000
DOMAIN = "import.bench.test"
# The import's own queries (checks, bulk INSERTs, audit) plus the request's frame; it must
# not grow with the file (tests/people/test_csv_import.py asserts the same at two sizes).
QUERY_BUDGET = 20


def load(slug: str, people: int) -> Employer:
    """The employer, its departments, managers and employees, and an HR admin who signs in."""
    started = time.perf_counter()
    employer = Employer.objects.create(name=f"Bench {people}", slug=slug)
    departments = Department.objects.bulk_create(
        Department(employer=employer, name=name) for name in DEPARTMENTS
    )
    managers = Individual.objects.bulk_create(
        Individual(
            employer=employer,
            email=f"manager{i}@{slug}.test",
            first_name=f"Manager{i}",
            last_name="Bench",
            department=departments[i % len(departments)],
            time_zone="Europe/Berlin",
        )
        for i in range(min(MANAGERS, people))
    )
    batch = []
    for i in range(people - len(managers)):
        batch.append(
            Individual(
                employer=employer,
                email=f"person{i}@{slug}.test",
                first_name=f"Person{i}",
                last_name="Bench",
                department=departments[i % len(departments)],
                manager=managers[i % len(managers)],
                time_zone="Europe/Berlin",
            )
        )
        if len(batch) == 5000:
            Individual.objects.bulk_create(batch)
            batch = []
    Individual.objects.bulk_create(batch)
    user = User.objects.create_user(f"hr@{slug}.test", None)
    Individual.objects.create(
        employer=employer,
        email=user.email,
        user=user,
        first_name="Hana",
        last_name="Bench",
        is_hr_admin=True,
        time_zone="Europe/Berlin",
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"loaded {people} people in {time.perf_counter() - started:.1f} s", flush=True)
    return employer


def csv_file(slug: str, run: int, rows: int, bad_last_line: bool = False) -> bytes:
    lines = [HEADER]
    for i in range(rows):
        if i % 10 == 5:
            manager = f"new{run}-{i - 5}@{DOMAIN}"  # someone earlier in the file
        else:
            manager = f"manager{i % MANAGERS}@{slug}.test"
        department = DEPARTMENTS[i % 10] if i % 50 else f"New department {run}-{i % 100 // 50}"
        lines.append(
            f"new{run}-{i}@{DOMAIN},New{i},Hire{run},Analyst,{department},{manager},"
            f"{ZONES[i % len(ZONES)]}\n"
        )
    if bad_last_line:
        lines[-1] = f"new{run}-last@{DOMAIN},,,,,,Mars/Base\n"
    return "".join(lines).encode()


def backend_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far, from /proc (Linux, a
    database on this machine); 0 elsewhere. With the web process's own CPU it is what the
    request costs when the machine is idle, however busy it is now."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def upload(client: Client, data: bytes) -> tuple[int, float, float, float, int]:
    """Status, wall ms, web CPU ms, PostgreSQL CPU ms and queries of one import request."""
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    file = SimpleUploadedFile("people.csv", data, content_type="text/csv")
    backend = backend_cpu()
    with connection.execute_wrapper(count):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post(reverse("people:invitation-import"), {"file": file})
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    database = (backend_cpu() - backend) * 1000
    return response.status_code, wall, cpu, database, len(queries)


def check_and_clean(employer: Employer, run: int, rows: int) -> None:
    imported = Individual.objects.for_employer(employer).filter(email__endswith=f"@{DOMAIN}")
    check(imported.count() == rows, f"{imported.count()} people imported of {rows}")
    invitations = Invitation.objects.filter(individual__in=imported).count()
    check(invitations == rows, f"{invitations} invitations for {rows} people")
    queued = InvitationEmail.objects.filter(invitation__individual__in=imported, state="pending")
    check(queued.count() == rows, f"{queued.count()} pending e-mails for {rows} invitations")
    check(not mail.outbox, "the request sent e-mail itself")
    with_manager = imported.filter(manager__email__endswith=f"@{DOMAIN}").count()
    check(with_manager == rows // 10, f"{with_manager} managed by someone in the file")
    imported.filter(manager__email__endswith=f"@{DOMAIN}").update(manager=None)
    imported.delete()
    Department.objects.for_employer(employer).filter(name__startswith="New department").delete()
    AuditEvent.objects.for_employer(employer).filter(verb="people.imported").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50_000, help="employees already there")
    parser.add_argument("--rows", type=int, default=5000, help="people in each file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reload", action="store_true", help="drop and load the employer again")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes; checks answers and queries, no timing"
    )
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 400s are on purpose
    if args.smoke:
        # 50 rows: one INSERT a table on SQLite too (999 parameters a query there)
        args.people, args.rows, args.runs = 300, 50, 2
    # Plain static URLs (no collectstatic manifest) and e-mail kept in memory, to check.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ).enable()
    mail.outbox = []
    header("CSV import of invitations", smoke=args.smoke)
    ensure_database()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    slug = f"bench-import-{args.people}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        Invitation.objects.for_employer(employer).delete()
        AuditEvent.objects.for_employer(employer).delete()
        Individual.objects.for_employer(employer).update(manager=None, user=None)
        Individual.objects.for_employer(employer).delete()
        User.objects.filter(email=f"hr@{slug}.test").delete()
        Department.objects.for_employer(employer).delete()
        employer.delete()
        employer = None
    employer = employer or load(slug, args.people)
    # A run interrupted before its clean-up leaves its rows: start from the loaded directory.
    Individual.objects.for_employer(employer).filter(email__endswith=f"@{DOMAIN}").update(
        manager=None
    )
    Individual.objects.for_employer(employer).filter(email__endswith=f"@{DOMAIN}").delete()
    client = Client()
    client.force_login(User.objects.get(email=f"hr@{slug}.test"))
    prepare_process()  # as careersupport.wsgi does in a server process
    print(
        f"{Individual.objects.for_employer(employer).count()} people in the directory; "
        f"files of {args.rows} rows; load average before: {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cores",
        flush=True,
    )
    print(f"{'request':<34} {'wall ms':>9} {'web CPU':>8} {'DB CPU':>7} {'queries':>8}")
    walls, rejected, costs = [], [], []
    for run in range(args.runs):
        status, wall, cpu, database, queries = upload(client, csv_file(slug, run, args.rows))
        check(status == 302, f"the import answered {status}")
        check(queries <= QUERY_BUDGET, f"the import ran {queries} queries, budget {QUERY_BUDGET}")
        check_and_clean(employer, run, args.rows)
        walls.append(wall)
        costs.append(cpu + database)
        name = f"import, run {run + 1}"
        print(f"{name:<34} {wall:>9.0f} {cpu:>8.0f} {database:>7.0f} {queries:>8}", flush=True)
        status, wall, cpu, database, queries = upload(client, csv_file(slug, run, args.rows, True))
        check(status == 400, f"a file with a bad line answered {status}")
        check(
            not Individual.objects.filter(email__endswith=f"@{DOMAIN}").exists(),
            "a file with a bad line imported people",
        )
        rejected.append(wall)
        name = "  the same with one bad line (400)"
        print(f"{name:<34} {wall:>9.0f} {cpu:>8.0f} {database:>7.0f} {queries:>8}")
    if not args.smoke:
        print(
            f"\nimport of {args.rows} rows: median {statistics.median(walls):.0f} ms, "
            f"max {max(walls):.0f} ms of request time (target < 2000 ms); web + database "
            f"CPU median {statistics.median(costs):.0f} ms; validation alone: median "
            f"{statistics.median(rejected):.0f} ms"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"checks: OK ({args.runs} imports of {args.rows} rows within {QUERY_BUDGET} queries)")


if __name__ == "__main__":
    main()
