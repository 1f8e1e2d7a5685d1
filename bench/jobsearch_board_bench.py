"""Benchmark of the job-search tracker: a partner's board, the list with filters and an
application's page, at the issue's size (20,000 partners with 30 applications each).

Loads one employer with P employees and their P partners (active partnerships), A
applications per partner (every stage, a next step on most open ones, one timeline row
each) by PostgreSQL's COPY, and a few networking evenings; then requests each page R
times through Django's test client (the whole server side: middleware, views, queries,
templates) and prints median and p99 time and the query count.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_jobsearch_bench \\
        python bench/jobsearch_board_bench.py --partners 20000 --per-partner 30
    python bench/jobsearch_board_bench.py --smoke     # seconds: checks, no figures

It creates the database when it does not exist, its tables (migrate), and reuses an already
loaded employer of the same size (`--reload` starts over). Not part of the test suite.
`--smoke` loads a tiny employer and checks that every page answers 200 within its query
budget; it asserts no timing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
# Production-like: no DEBUG overhead; the test client's host and scheme are accepted.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SITE_URL", "https://careers.example.com")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from _common import check, check_pages, ensure_database, filled_columns, header  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from careersupport.jobsearch.models import Application, StageChange  # noqa: E402
from careersupport.people.models import Employer, Individual, Partnership, User  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402
from programs.models import Offering, Session  # noqa: E402

SMOKE = {"partners": 200, "per_partner": 30, "rounds": 3}
QUERY_BUDGET = 15
STAGES = Application.Stage.values
# How a search spreads over the stages (weights, in the stages' order).
WEIGHTS = [6, 8, 4, 3, 1, 1, 5, 2]
ORGS = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware", "Adatum", "Proseware"]
ROLES = ["Product designer", "Data analyst", "Backend engineer", "UX researcher", "Designer"]


def _cell(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY rows into the model's table, 100k at a time; every other NOT NULL column gets
    what the ORM would save (or the run stops naming it: a new field fails here loudly)."""
    extra, defaults = filled_columns(model, columns)
    sql = f"COPY {model._meta.db_table} ({', '.join(columns + extra)}) FROM STDIN"
    buffer, pending, count = io.StringIO(), 0, 0

    def flush():
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(sql, buffer)

    for row in rows:
        buffer.write("\t".join(_cell(v) for v in (*row, *defaults)) + "\n")
        pending, count = pending + 1, count + 1
        if pending >= 100_000:
            flush()
            buffer, pending = io.StringIO(), 0
    if pending:
        flush()
    return count


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def load(slug: str, partners: int, per_partner: int) -> Employer:
    rng = random.Random(15)
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        people = Individual.objects.bulk_create(
            [
                Individual(
                    employer=employer,
                    email=f"{'e' if i < partners else 'p'}{i}@{slug}.test",
                    first_name=f"First{i}",
                    last_name=f"Last{i:06d}",
                    kind="employee" if i < partners else "partner",
                    time_zone="Europe/Berlin",
                )
                for i in range(2 * partners)
            ],
            batch_size=5000,
        )
        employees, partner_rows = people[:partners], people[partners:]
        Partnership.objects.bulk_create(
            [
                Partnership(employer=employer, employee=e, partner=p, status="active")
                for e, p in zip(employees, partner_rows, strict=True)
            ],
            batch_size=5000,
        )
        viewer = partner_rows[0]
        viewer.user = User.objects.create_user(f"partner@{slug}.test", "x")
        viewer.save(update_fields=["user"])
        first_id = next_id(Application)

        def applications():
            pk = first_id
            for person in partner_rows:
                for n in range(per_partner):
                    stage = rng.choices(STAGES, WEIGHTS)[0]
                    moved = now - timedelta(days=rng.randint(0, 120), minutes=n)
                    planned = stage in Application.OPEN_STAGES and rng.random() < 0.7
                    yield (
                        pk,
                        employer.pk,
                        person.pk,
                        f"{rng.choice(ORGS)} {n}",
                        rng.choice(ROLES),
                        "Berlin",
                        rng.random() < 0.3,
                        stage,
                        moved,
                        "Follow up" if planned else "",
                        today + timedelta(days=rng.randint(-5, 20)) if planned else None,
                        "",
                        False,
                        moved,
                        moved,
                    )
                    pk += 1

        total = copy_rows(
            Application,
            [
                "id",
                "employer_id",
                "owner_id",
                "organisation",
                "role",
                "location",
                "remote",
                "stage",
                "stage_changed_at",
                "next_step",
                "next_step_on",
                "notes",
                "shared_with_coach",
                "created_at",
                "updated_at",
            ],
            applications(),
        )
        reset_sequence(Application)
        copy_rows(
            StageChange,
            ["employer_id", "application_id", "from_stage", "to_stage", "changed_at"],
            ((employer.pk, pk, "", "interested", now) for pk in range(first_id, first_id + total)),
        )
        for i in range(6):
            offering = Offering.objects.create(
                employer=employer,
                title=f"Networking evening {i}",
                description="Meet employers of the region.",
                kind="networking" if i % 2 else "career_fair",
                status="published",
                for_employees=True,
                for_partners=True,
                format="online",
                online_url="https://meet.example.test/x",
                starts_on=today,
                ends_on=today + timedelta(days=60),
            )
            for d in (7, 21):
                start = now + timedelta(days=d + i)
                Session.objects.create(
                    offering=offering,
                    title=f"Evening {d}",
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"loaded {total} applications in {time.perf_counter() - started:.1f} s")
    return employer


def measure(client: Client, url: str, rounds: int) -> tuple[float, float, float, float, int]:
    """Median and p99 of the whole server-side time, median SQL time, median CPU time of
    this process (Python's share, which a busy machine inflates less), queries."""
    for _ in range(5):
        client.get(url, secure=True)
    times, sql, cpu = [], [], []
    queries = 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        check(response.status_code == 200, f"{url} answered {response.status_code}")
        queries = len(ctx.captured_queries)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, statistics.median(sql), statistics.median(cpu), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--per-partner", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--reload", action="store_true", help="drop and load the data again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("job-search board, list and application page", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"jobsearch-{args.partners}-{args.per_partner}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        with transaction.atomic():
            Application.objects.for_employer(employer).delete()
            Offering.objects.for_employer(employer).delete()
            Partnership.objects.filter(employer=employer).delete()
            User.objects.filter(email__endswith=f"@{slug}.test").delete()
            Individual.objects.for_employer(employer).delete()
            employer.delete()
        employer = None
    employer = employer or load(slug, args.partners, args.per_partner)
    viewer = Individual.objects.get(user__email=f"partner@{slug}.test")
    print(
        f"{Individual.objects.for_employer(employer).filter(kind='partner').count()} partners, "
        f"{Application.objects.for_employer(employer).count()} applications "
        f"({Application.objects.filter(owner=viewer).count()} the viewer's)"
    )
    detail = Application.objects.filter(owner=viewer).order_by("pk").first()
    assert detail is not None
    lst = reverse("jobsearch:application-list")
    pages = [
        ("board", reverse("jobsearch:board")),
        ("list, open + remote + text", f"{lst}?stage=open&remote=yes&q=design"),
        ("list, next step this week", f"{lst}?due=week"),
        ("application page", detail.get_absolute_url()),
    ]
    prepare_process()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'page':<28} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'CPU ms':>7} {'queries':>8}  ({args.rounds} requests)"
    )
    client = Client()
    check(viewer.user is not None, "the viewer has no account")
    client.force_login(viewer.user)  # type: ignore[arg-type]
    counted = []
    for name, url in pages:
        median, p99, sql, cpu, queries = measure(client, url, args.rounds)
        print(f"{name:<28} {median:>10.1f} {p99:>8.1f} {sql:>7.1f} {cpu:>7.1f} {queries:>8}")
        counted.append((name, queries, QUERY_BUDGET))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    check_pages(counted)


if __name__ == "__main__":
    main()
