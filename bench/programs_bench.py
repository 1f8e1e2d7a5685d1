"""Benchmark of the programs catalog (an employee) and the HR approval queue.

Loads one employer with N offerings, P people and E enrollments by bulk insert, then requests
each page R times through Django's test client (the whole server side: middleware, views,
queries, templates) and prints median and p99 time and the query count.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_programs_bench \\
        python bench/programs_bench.py --offerings 500 --people 50000 --enrollments 200000
    python bench/programs_bench.py --smoke     # seconds: checks, no figures

It creates the database when it does not exist, its tables (migrate), and reuses an already
loaded employer of the same size (`--reload` starts over). Not part of the test suite.
`--smoke` loads a tiny employer and checks that every page answers 200 within its query
budget; it asserts no timing.
"""

from __future__ import annotations

import argparse
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

# The hashed-name manifest needs collectstatic; plain static URLs cost the same to render.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from _common import check, check_pages, ensure_database, header  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from careersupport.people.models import Department, Employer, Individual, User  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402
from programs.models import Enrollment, Offering  # noqa: E402

KINDS = [k for k in Offering.Kind.values if k != "eap"]
BATCH = 5000
SMOKE = {"offerings": 20, "people": 300, "enrollments": 600, "rounds": 3}
# The target: at most this many queries a page, whatever the size.
QUERY_BUDGET = 15


def load(slug: str, offerings: int, people: int, enrollments: int) -> Employer:
    rng = random.Random(42)
    started = time.perf_counter()
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        departments = Department.objects.bulk_create(
            [Department(employer=employer, name=f"Dept {i}") for i in range(20)]
        )
        persons = Individual.objects.bulk_create(
            [
                Individual(
                    employer=employer,
                    email=f"p{i}@{slug}.test",
                    first_name=f"First{i}",
                    last_name=f"Last{i:06d}",
                    kind="partner" if i % 10 == 9 else "employee",
                    department=departments[i % 20] if i % 10 != 9 else None,
                    is_caregiver=i % 7 == 0,
                    time_zone="Europe/Berlin",
                )
                for i in range(people)
            ],
            batch_size=BATCH,
        )
        hr = persons[0]
        hr.is_hr_admin = True
        hr.user = User.objects.create_user(f"hr@{slug}.test", "x")
        hr.save(update_fields=["is_hr_admin", "user"])
        viewer = persons[1]
        viewer.user = User.objects.create_user(f"employee@{slug}.test", "x")
        viewer.save(update_fields=["user"])
        today = timezone.localdate()
        rows = []
        for i in range(offerings):
            start = today + timedelta(days=rng.randint(-200, 200))
            rows.append(
                Offering(
                    employer=employer,
                    title=f"Offering {i} {KINDS[i % len(KINDS)]}",
                    description="Benchmark offering with a short description.",
                    kind=KINDS[i % len(KINDS)],
                    status="published" if i % 10 else "draft",
                    for_employees=i % 5 != 4,
                    for_partners=i % 3 == 0,
                    for_caregivers=i % 5 == 4,
                    format="online",
                    online_url="https://meet.example.test/x",
                    starts_on=start,
                    ends_on=start + timedelta(days=30),
                    capacity=None if i % 4 == 0 else 300,
                    needs_approval=i % 3 == 1,
                )
            )
        offering_rows = Offering.objects.bulk_create(rows, batch_size=BATCH)
        through = Offering.departments.through
        through.objects.bulk_create(
            [
                through(offering=o, department=departments[j % 20])
                for j, o in enumerate(offering_rows[::6])
                for _ in range(1)
            ]
        )
        # Distinct (offering, person) pairs: each person takes a few offerings.
        seen: set[tuple[int, int]] = set()
        statuses = ["enrolled"] * 6 + ["requested", "waitlisted", "completed", "withdrawn"]
        batch: list[Enrollment] = []
        while len(seen) < enrollments:
            o = offering_rows[rng.randrange(offerings)]
            p = persons[rng.randrange(people)]
            if (o.pk, p.pk) in seen:
                continue
            seen.add((o.pk, p.pk))
            status = rng.choice(statuses)
            batch.append(
                Enrollment(
                    employer=employer,
                    offering=o,
                    person=p,
                    status=status,
                    waitlist_position=rng.randint(1, 50) if status == "waitlisted" else None,
                    created_at=timezone.now() - timedelta(minutes=rng.randint(0, 100000)),
                )
            )
            if len(batch) >= BATCH:
                Enrollment.objects.bulk_create(batch)
                batch = []
        Enrollment.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum does on a live database after a bulk load: statistics and
            # the visibility map that index-only scans rely on.
            cursor.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.1f} s")
    return employer


def measure(client: Client, url: str, rounds: int) -> tuple[float, float, float, float, int]:
    """Median and p99 of the whole server-side time, median time spent in SQL, median CPU
    time of this process (Python's share, which a busy machine inflates less), queries."""
    for _ in range(5):  # warm-up: templates, connection, caches
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
    parser.add_argument("--offerings", type=int, default=500)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--enrollments", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--reload", action="store_true", help="drop and load the data again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("programs catalog and HR queue", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"bench-{args.offerings}-{args.people}-{args.enrollments}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        Enrollment.objects.for_employer(employer).delete()
        Offering.objects.for_employer(employer).delete()
        Individual.objects.for_employer(employer).update(user=None)
        User.objects.filter(email__endswith=f"@{slug}.test").delete()
        Individual.objects.for_employer(employer).delete()
        employer.delete()
        employer = None
    employer = employer or load(slug, args.offerings, args.people, args.enrollments)
    print(
        f"{Offering.objects.for_employer(employer).count()} offerings, "
        f"{Individual.objects.for_employer(employer).count()} people, "
        f"{Enrollment.objects.for_employer(employer).count()} enrollments"
    )
    pages = [
        ("catalog (employee)", f"employee@{slug}.test", reverse("programs:catalog")),
        ("HR approval queue", f"hr@{slug}.test", reverse("programs:manage-queue")),
        ("HR offering list", f"hr@{slug}.test", reverse("programs:manage")),
    ]
    prepare_process()  # as careersupport.wsgi does in a server process
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'page':<22} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'CPU ms':>7} {'queries':>8}"
        f"  ({args.rounds} requests)"
    )
    counted = []
    for name, email, url in pages:
        client = Client()
        client.force_login(User.objects.get(email=email))
        median, p99, sql, cpu, queries = measure(client, url, args.rounds)
        print(f"{name:<22} {median:>10.1f} {p99:>8.1f} {sql:>7.1f} {cpu:>7.1f} {queries:>8}")
        counted.append((name, queries, QUERY_BUDGET))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    check_pages(counted)


if __name__ == "__main__":
    main()
