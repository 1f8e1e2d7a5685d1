"""Benchmark of the household page (both partners showing everything, a financial plan
with the employer's support) and the home page with its household card.

Loads one employer with H couples, each with an open household page and a plan, G shared
goals and A applications per person (the measured couple gets `--big` times as many), by
bulk insert; then requests each page R times through Django's test client and prints median
and p99 time and the query count.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_household_bench \\
        python bench/household_bench.py --households 5000 --goals 3 --applications 10
    python bench/household_bench.py --smoke     # seconds: checks, no figures

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
from decimal import Decimal
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

from careersupport.goals.models import Goal  # noqa: E402
from careersupport.household.models import FinancialPlan, Household  # noqa: E402
from careersupport.jobsearch.models import Application  # noqa: E402
from careersupport.people.models import Employer, Individual, Partnership, User  # noqa: E402
from careersupport.requests.models import FinancialKind  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402

BATCH = 5000
SMOKE = {"households": 30, "goals": 2, "applications": 5, "big": 5, "rounds": 3}
# The target: at most this many queries a page, whatever the size.
QUERY_BUDGET = 15
# The home page is every app's card at once (one or two queries each, none growing with
# rows): its own budget, which each new app's card spends from.
HOME_QUERY_BUDGET = 20
STAGES = Application.Stage.values


def _people(employer: Employer, slug: str, households: int) -> list[tuple[Individual, Individual]]:
    people = Individual.objects.bulk_create(
        [
            Individual(
                employer=employer,
                email=f"{side}{i}@{slug}.test",
                first_name=f"{side.title()}{i}",
                last_name=f"Last{i:06d}",
                kind=side,
                time_zone="Europe/Berlin",
            )
            for i in range(households)
            for side in ("employee", "partner")
        ],
        batch_size=BATCH,
    )
    return list(zip(people[::2], people[1::2], strict=True))


def load(slug: str, households: int, goals: int, applications: int, big: int) -> Employer:
    rng = random.Random(42)
    started = time.perf_counter()
    today = timezone.localdate()
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        couples = _people(employer, slug, households)
        partnerships = Partnership.objects.bulk_create(
            [
                Partnership(
                    employer=employer,
                    employee=e,
                    partner=p,
                    status="active",
                    employee_shares_goals=True,
                    partner_shares_goals=True,
                )
                for e, p in couples
            ],
            batch_size=BATCH,
        )
        on = dict.fromkeys(
            [
                "employee_opted_in",
                "partner_opted_in",
                "employee_shows_jobsearch",
                "partner_shows_jobsearch",
                "employee_shows_programmes",
                "partner_shows_programmes",
            ],
            True,
        )
        homes = Household.objects.bulk_create(
            [Household(employer=employer, partnership=p, openings=1, **on) for p in partnerships],
            batch_size=BATCH,
        )
        FinancialPlan.objects.bulk_create(
            [
                FinancialPlan(
                    employer=employer,
                    household=h,
                    monthly_costs=Decimal(rng.randint(1500, 5000)),
                    savings=Decimal(rng.randint(0, 30000)),
                    monthly_income=Decimal(rng.randint(0, 4000)),
                )
                for h in homes
            ],
            batch_size=BATCH,
        )
        for category in ("advance", "reimbursement"):
            FinancialKind.objects.create(
                employer=employer, name=category, category=category, person_budget=Decimal(2000)
            )
        goal_rows, app_rows = [], []
        for n, (e, p) in enumerate(couples):
            scale = big if n == 0 else 1
            for person in (e, p):
                goal_rows += [
                    Goal(
                        employer=employer,
                        owner=person,
                        title=f"Goal {g}",
                        target_date=today + timedelta(days=30 + g),
                        shared_with_partner=g % 3 != 2,
                    )
                    for g in range(goals * scale)
                ]
                app_rows += [
                    Application(
                        employer=employer,
                        owner=person,
                        organisation=f"Org {a}",
                        role="Analyst",
                        stage=STAGES[a % len(STAGES)],
                        next_step=f"Step {a}" if a % 2 else "",
                        next_step_on=today + timedelta(days=a % 40),
                    )
                    for a in range(applications * scale)
                ]
        Goal.objects.bulk_create(goal_rows, batch_size=BATCH)
        Application.objects.bulk_create(app_rows, batch_size=BATCH)
        viewer_e, viewer_p = couples[0]
        for person in (viewer_e, viewer_p):
            person.user = User.objects.create_user(person.email, "x")
            person.save(update_fields=["user"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
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
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--goals", type=int, default=3, help="per person")
    parser.add_argument("--applications", type=int, default=10, help="per person")
    parser.add_argument("--big", type=int, default=50, help="the measured couple's multiple")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--reload", action="store_true", help="drop and load the data again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("household page", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"bench-hh-{args.households}-{args.goals}-{args.applications}-{args.big}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        for model in (Goal, Application, Partnership, FinancialKind):  # households cascade
            model.objects.for_employer(employer).delete()
        Individual.objects.for_employer(employer).update(user=None)
        User.objects.filter(email__endswith=f"@{slug}.test").delete()
        Individual.objects.for_employer(employer).delete()
        employer.delete()
        employer = None
    employer = employer or load(slug, args.households, args.goals, args.applications, args.big)
    household = Household.objects.for_employer(employer).order_by("pk").first()
    check(household is not None, "no household loaded")
    print(
        f"{Household.objects.for_employer(employer).count()} households, "
        f"{Goal.objects.for_employer(employer).count()} goals, "
        f"{Application.objects.for_employer(employer).count()} applications"
    )
    employee, partner = f"employee0@{slug}.test", f"partner0@{slug}.test"
    pages = [
        ("household page", employee, reverse("household:page", args=[household.pk])),
        ("household settings", partner, reverse("household:settings")),
        ("home (with the card)", partner, reverse("home")),
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
        counted.append(
            (name, queries, HOME_QUERY_BUDGET if name.startswith("home") else QUERY_BUDGET)
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    check_pages(counted)


if __name__ == "__main__":
    main()
