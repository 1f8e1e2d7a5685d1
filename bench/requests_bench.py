"""Benchmark of the requests app: HR's approver page (5,000 waiting), a manager's, the team
month view and the leave form with its entitlement computation.

Loads one employer with P people, L leave requests, A arrangements and F financial
requests by bulk insert (once; later runs reuse it, `--reload` starts over), then requests
each page R times through Django's test client with DEBUG=false and prints median and p99
time, the median SQL and CPU time, and the query count.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_requests_bench \\
        python bench/requests_bench.py --people 50000 --leave 300000 \\
        --arrangements 50000 --financial 100000

`--smoke` loads a few hundred rows, requests each page a handful of times, checks each
answers 200 within the query budget and asserts no timing (CI runs it).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
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

from _common import check_pages, ensure_database, header  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from careersupport.people.models import Employer, Individual, User  # noqa: E402
from careersupport.requests.models import (  # noqa: E402
    Employment,
    FinancialKind,
    FinancialRequest,
    FlexibleArrangement,
    LeavePolicy,
    LeaveRequest,
    PublicHoliday,
)
from careersupport.serving import prepare_process  # noqa: E402

BATCH = 5000
QUERY_BUDGET = 15
TEAM = 20  # the measured manager's direct reports


def load(slug: str, people: int, leave: int, arrangements: int, financial: int, waiting: int):
    rng = random.Random(14)
    started = time.perf_counter()
    today = timezone.localdate()
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        persons = Individual.objects.bulk_create(
            [
                Individual(
                    employer=employer,
                    email=f"p{i}@{slug}.test",
                    first_name=f"First{i}",
                    last_name=f"Last{i:06d}",
                    is_caregiver=i % 5 == 0,
                    time_zone="Europe/Berlin",
                )
                for i in range(people)
            ],
            batch_size=BATCH,
        )
        hr, boss = persons[0], persons[1]
        hr.is_hr_admin = True
        hr.user = User.objects.create_user(f"hr@{slug}.test", "x")
        boss.user = User.objects.create_user(f"manager@{slug}.test", "x")
        viewer = persons[2]
        viewer.user = User.objects.create_user(f"employee@{slug}.test", "x")
        Individual.objects.bulk_update([hr, boss, viewer], ["is_hr_admin", "user"])
        # Teams of TEAM: the measured manager (persons[1]) has the first; the first person of
        # each team manages the next one, a chain through the whole employer.
        for i in range(2, people):
            team = (i - 2) // TEAM
            persons[i].manager = boss if team == 0 else persons[2 + (team - 1) * TEAM]
        Individual.objects.bulk_update(persons, ["manager"], batch_size=BATCH)
        Employment.objects.bulk_create(
            [Employment(employer=employer, person=p, start_date=date(2015, 1, 1)) for p in persons],
            batch_size=BATCH,
        )
        PublicHoliday.objects.bulk_create(
            [
                PublicHoliday(employer=employer, date=date(y, m, d), name="Holiday")
                for y in (today.year - 1, today.year, today.year + 1)
                for m, d in ((1, 1), (5, 1), (10, 3), (12, 25), (12, 26))
            ]
        )
        policies = [
            LeavePolicy.objects.create(
                employer=employer,
                name=name,
                kind=kind,
                paid_weeks=Decimal(weeks),
                period=period,
                needs_event=period == "per_event",
                event_kinds=["birth", "adoption", "foster"] if kind == "parental" else [],
                splittable=True,
                max_parts=50,
            )
            for name, kind, weeks, period in (
                ("Family care", "family_care", 40, "calendar_year"),
                ("Caregiver", "caregiver", 40, "rolling_12_months"),
                ("Parental", "parental", 40, "per_event"),
            )
        ]
        kind = FinancialKind.objects.create(
            employer=employer,
            name="Courses",
            category="reimbursement",
            person_budget=Decimal("100000"),
        )
        rows, pending_leave = [], min(waiting * 3 // 5, leave)
        for n in range(leave):
            person = persons[2 + n % (people - 2)]
            start = today + timedelta(days=((n // people) * 40 + rng.randint(-300, 300)))
            policy = policies[n % 3]
            rows.append(
                LeaveRequest(
                    employer=employer,
                    person=person,
                    policy=policy,
                    start_date=start,
                    end_date=start + timedelta(days=rng.randint(0, 6)),
                    days=Decimal(3),
                    event_kind="birth" if policy.period == "per_event" else "",
                    event_date=start if policy.period == "per_event" else None,
                    status="pending"
                    if n < pending_leave
                    else rng.choice(["approved"] * 4 + ["declined", "cancelled"]),
                    created_at=timezone.now() - timedelta(minutes=rng.randint(0, 500_000)),
                )
            )
            if len(rows) >= BATCH:
                LeaveRequest.objects.bulk_create(rows)
                rows = []
        LeaveRequest.objects.bulk_create(rows)
        FlexibleArrangement.objects.bulk_create(
            [
                FlexibleArrangement(
                    employer=employer,
                    person=persons[2 + n % (people - 2)],
                    kind="remote",
                    start_date=today,
                    reason="Bench",
                    status="pending" if n % 10 == 0 else "approved",
                )
                for n in range(arrangements)
            ],
            batch_size=BATCH,
        )
        pending_money = waiting - pending_leave
        FinancialRequest.objects.bulk_create(
            [
                FinancialRequest(
                    employer=employer,
                    person=persons[2 + n % (people - 2)],
                    support=kind,
                    amount=Decimal("120.00"),
                    currency="EUR",
                    description="Bench",
                    budget_year=today.year,
                    status="pending" if n < pending_money else "approved",
                    approved_amount=None if n < pending_money else Decimal("120.00"),
                    created_at=timezone.now() - timedelta(minutes=rng.randint(0, 500_000)),
                )
                for n in range(financial)
            ],
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.1f} s")
    return employer


def measure(client: Client, url: str, rounds: int, data: dict | None = None):
    def call():
        return client.post(url, data, secure=True) if data else client.get(url, secure=True)

    for _ in range(min(5, rounds)):
        call()
    times, sql, cpu, queries = [], [], [], 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = call()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, statistics.median(sql), statistics.median(cpu), queries


def drop(employer: Employer, slug: str) -> None:
    for model in (FinancialRequest, FlexibleArrangement, LeaveRequest, PublicHoliday, Employment):
        model.objects.filter(employer=employer).delete()
    FinancialKind.objects.filter(employer=employer).delete()
    LeavePolicy.objects.filter(employer=employer).delete()
    Individual.objects.filter(employer=employer).update(user=None, manager=None)
    User.objects.filter(email__endswith=f"@{slug}.test").delete()
    Individual.objects.filter(employer=employer).delete()
    employer.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--leave", type=int, default=300_000)
    parser.add_argument("--arrangements", type=int, default=50_000)
    parser.add_argument("--financial", type=int, default=100_000)
    parser.add_argument("--waiting", type=int, default=5_000, help="requests waiting for HR")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no timing asserted")
    args = parser.parse_args()
    if args.smoke:
        args.people, args.leave, args.arrangements = 300, 600, 100
        args.financial, args.waiting, args.rounds = 200, 50, 3
    header("requests: approver pages, team month, leave form", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"rbench-{args.people}-{args.leave}-{args.arrangements}-{args.financial}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and (args.reload or args.smoke):
        drop(employer, slug)
        employer = None
    employer = employer or load(
        slug, args.people, args.leave, args.arrangements, args.financial, args.waiting
    )
    policy = LeavePolicy.objects.filter(employer=employer, period="rolling_12_months").get()
    start = timezone.localdate() + timedelta(days=60)
    start += timedelta(days=(7 - start.weekday()) % 7)
    form_url = reverse("requests:leave-create") + f"?policy={policy.pk}"
    month = f"{timezone.localdate():%Y-%m}"
    pages = [
        ("approver page, HR", f"hr@{slug}.test", reverse("requests:decide"), None),
        ("approver page, manager", f"manager@{slug}.test", reverse("requests:decide"), None),
        ("all requests, HR", f"hr@{slug}.test", reverse("requests:all"), None),
        (
            "all, on leave now",
            f"hr@{slug}.test",
            reverse("requests:all") + "?when=current",
            None,
        ),
        (
            "all, approved, p. 3",
            f"hr@{slug}.test",
            reverse("requests:all") + "?status=approved&page=3",
            None,
        ),
        (
            "team month (manager)",
            f"manager@{slug}.test",
            reverse("requests:team") + f"?month={month}",
            None,
        ),
        ("leave form + entitlement", f"employee@{slug}.test", form_url, None),
        (
            "leave form, check dates",
            f"employee@{slug}.test",
            form_url,
            {"start_date": start, "end_date": start + timedelta(days=4), "check": "1"},
        ),
    ]
    prepare_process()
    print(
        f"{LeaveRequest.objects.filter(employer=employer, status='pending').count() + FinancialRequest.objects.filter(employer=employer, status='pending').count()} leave and financial requests waiting for HR"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'page':<26} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'CPU ms':>7} {'queries':>8}  ({args.rounds} requests)"
    )
    counted = []
    for name, email, url, data in pages:
        client = Client()
        client.force_login(User.objects.get(email=email))
        median, p99, sql, cpu, queries = measure(client, url, args.rounds, data)
        print(f"{name:<26} {median:>10.1f} {p99:>8.1f} {sql:>7.1f} {cpu:>7.1f} {queries:>8}")
        counted.append((name, queries, QUERY_BUDGET))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if args.smoke:
        drop(employer, slug)
    check_pages(counted)


if __name__ == "__main__":
    main()
