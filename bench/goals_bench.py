"""Benchmark of /team/ and /goals/ on a large employer (PostgreSQL; not run in CI).

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_goals_bench \
        .venv/bin/python bench/goals_bench.py --people 50000 --runs 200
    .venv/bin/python bench/goals_bench.py --smoke     # seconds: checks, no figures

Loads (once; it is reused by the next runs of the same size) an employer of `--people`
employees in a reporting tree where every manager has 5–50 reports, `--goals` goals each with
two milestones, and check-ins at each goal's cadence over the last `--years` years, all with
PostgreSQL's COPY. Then it times, in-process through Django's test client (the whole request:
middleware, session, views, templates), these pages:

    /team/                for a manager of 50 direct reports
    /team/?scope=chain    the same manager with everyone below them
    /goals/               for an employee of that team
    /goals/<pk>/          that employee's goal page, seen by the manager

and prints median and p99 server time, the number of SQL queries per page, and the median CPU
time of the web process (less inflated than wall time when other processes share the cores).

`--smoke` loads a tiny employer (300 people) and checks that every page answers 200 within
its query budget; it asserts no timing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careersupport.settings")
# Production-like request handling: no DEBUG query log, no HTTPS redirect for the test client.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SITE_URL", "https://careers.example.com")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("CONN_MAX_AGE", "600")  # persistent connections, as in production

import django

django.setup()

from _common import BenchFailure, check, check_pages, ensure_database, filled_columns, header  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from careersupport.goals.models import CheckIn, Goal, Milestone  # noqa: E402
from careersupport.people.hierarchy import below_sql  # noqa: E402
from careersupport.people.models import Department, Employer, Individual, User  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402

STATUSES = ["active"] * 12 + ["achieved"] * 3 + ["paused"] * 2 + ["dropped", "draft", "draft"]
CADENCES = [("weekly", 7), ("biweekly", 14), ("monthly", 30), ("monthly", 30), ("quarterly", 91)]
CATEGORIES = [c for c, _ in Goal.Category.choices]
TZ = "Europe/Berlin"
SMOKE = {"people": 300, "goals": 2, "years": 1, "runs": 3}
# The target: at most this many queries a page, whatever the size of the employer.
QUERY_BUDGET = 15


def _cell(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


class CopyWriter:
    """Streams rows into one table with COPY, 100k rows at a time, so memory stays flat."""

    CHUNK = 100_000

    def __init__(self, model, columns: list[str]):
        # Every other NOT NULL column gets what the ORM would save, or the run stops naming it.
        extra, self.defaults = filled_columns(model, columns)
        self.sql = f"COPY {model._meta.db_table} ({', '.join(columns + extra)}) FROM STDIN"
        self.buffer, self.pending, self.count = io.StringIO(), 0, 0

    def add(self, row) -> None:
        self.buffer.write("\t".join(_cell(v) for v in (*row, *self.defaults)))
        self.buffer.write("\n")
        self.pending += 1
        self.count += 1
        if self.pending >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.copy_expert(self.sql, self.buffer)
            self.buffer, self.pending = io.StringIO(), 0


def copy_rows(model, columns: list[str], rows) -> int:
    writer = CopyWriter(model, columns)
    for row in rows:
        writer.add(row)
    writer.flush()
    return writer.count


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )


def build_tree(n: int, rng: random.Random) -> list[int | None]:
    """Manager index of each person, level by level, every manager with 5–50 reports; each
    level is shuffled so that the last, partial level spreads over the whole company. Person 1
    reports to the top and has exactly 50 reports: the benchmark's "manager of 50"."""
    managers: list[int | None] = [None]
    level = [0]
    while len(managers) < n:
        rng.shuffle(level)
        following = []
        for boss in level:
            size = 10 if boss == 0 else 50 if boss == 1 else rng.randint(5, 50)
            for _ in range(min(size, n - len(managers))):
                managers.append(boss)
                following.append(len(managers) - 1)
        level = following
    return managers


def _noon(day: date) -> datetime:
    """When something of `day` was recorded (check-ins are charted by that moment)."""
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=12)


@transaction.atomic
def load(slug: str, people: int, goals_per_person: int, years: int, seed: int) -> None:
    rng = random.Random(seed)
    today = date.today()
    now = datetime.now(UTC)
    employer = Employer.objects.create(name=f"Bench {people}", slug=slug)
    departments = Department.objects.bulk_create(
        [Department(employer=employer, name=f"Department {i}") for i in range(20)]
    )
    t0 = time.perf_counter()
    managers = build_tree(people, rng)
    base = next_id(Individual)
    copy_rows(
        Individual,
        [
            "id",
            "employer_id",
            "email",
            "first_name",
            "last_name",
            "preferred_name",
            "kind",
            "job_title",
            "department_id",
            "manager_id",
            "time_zone",
            "notification_email",
            "is_hr_admin",
            "is_caregiver",
            "is_returner",
            "created_at",
        ],
        (
            (
                base + i,
                employer.pk,
                f"p{i}@{slug}.test",
                f"First{i}",
                f"Last{i % 997}",
                "",
                "employee",
                "Engineer",
                departments[i % 20].pk,
                None if m is None else base + m,
                TZ,
                "",
                False,
                False,
                False,
                now,
            )
            for i, m in enumerate(managers)
        ),
    )
    reset_sequence(Individual)
    print(f"  people: {people} in {time.perf_counter() - t0:.1f}s", flush=True)

    t0 = time.perf_counter()
    goal_base = next_id(Goal)
    goal_rows, milestone_rows = [], []
    # Foreign keys are checked at commit (deferred), so check-ins may stream in before goals.
    checkins = CopyWriter(
        CheckIn,
        [
            "goal_id",
            "author_id",
            "date",
            "due_on",
            "progress",
            "went_well",
            "in_the_way",
            "next_step",
            "created_at",
        ],
    )
    span_days = 365 * years
    gid = goal_base
    for i in range(people):
        owner = base + i
        for _ in range(goals_per_person):
            status = rng.choice(STATUSES)
            cadence, step = rng.choice(CADENCES)
            start = today - timedelta(days=rng.randint(14, span_days))
            target = start + timedelta(days=rng.randint(60, 540))
            # Two milestones, done on their due date when that is a month past; progress
            # follows them (the goals' rule): each check-in the share done on its day.
            milestones = []
            for k in (1, 2):
                m_due = start + (target - start) * k / 3
                done = m_due < today - timedelta(days=30)
                milestones.append((m_due, done))
                milestone_rows.append(
                    (gid, f"Milestone {k}", m_due, done, _noon(m_due) if done else None, now)
                )
            day, last = start, None
            end = today if status in ("active", "achieved") else start + (today - start) / 2
            while status != "draft" and day + timedelta(days=step) <= end:
                due = day + timedelta(days=step)
                day = due + timedelta(days=rng.choice([0, 0, 0, 1, 3, 8]))
                if day > end:
                    break
                done_then = sum(1 for m_due, done in milestones if done and m_due <= day)
                row = (gid, owner, day, due, 50 * done_then, "Progress made", "", "Keep going")
                checkins.add((*row, _noon(day)))
                last = day
            progress = 50 * sum(1 for _, done in milestones if done)
            next_due = (last or start) + timedelta(days=step) if status == "active" else None
            open_m = [m_due for m_due, done in milestones if not done]
            goal_rows.append(
                (
                    gid,
                    employer.pk,
                    owner,
                    f"Goal {gid}",
                    "",
                    rng.choice(CATEGORIES),
                    target,
                    status,
                    rng.random() < 0.85,
                    rng.random() < 0.2,
                    progress,
                    cadence,
                    next_due,
                    min(open_m) if open_m and status == "active" else None,
                    last,
                    _noon(start),
                    now,
                )
            )
            gid += 1
    copy_rows(
        Goal,
        [
            "id",
            "employer_id",
            "owner_id",
            "title",
            "why",
            "category",
            "target_date",
            "status",
            "shared_with_manager",
            "shared_with_partner",
            "progress",
            "cadence",
            "next_checkin_due",
            "next_milestone_due",
            "last_checkin_on",
            "created_at",
            "updated_at",
        ],
        goal_rows,
    )
    reset_sequence(Goal)
    copy_rows(
        Milestone, ["goal_id", "title", "due_date", "done", "done_at", "created_at"], milestone_rows
    )
    checkins.flush()
    # The per-person roll-up the services keep (services.rollup_refresh), computed in one go.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO goals_goalrollup (owner_id, employer_id, active_goals, attention_on, updated_at)
            SELECT owner_id, employer_id, COUNT(*) FILTER (WHERE visible),
                   LEAST(MIN(next_checkin_due) FILTER (WHERE visible),
                         MIN(next_milestone_due) FILTER (WHERE visible),
                         MIN(target_date) FILTER (WHERE visible)),
                   NOW()
            FROM (SELECT *, status = 'active' AND shared_with_manager AS visible
                  FROM goals_goal WHERE employer_id = %s) g
            GROUP BY owner_id, employer_id
            """,
            [employer.pk],
        )
    print(
        f"  goals: {len(goal_rows)}, milestones: {len(milestone_rows)}, "
        f"check-ins: {checkins.count} in {time.perf_counter() - t0:.1f}s",
        flush=True,
    )


def viewer(person: Individual | None) -> tuple[Individual, User]:
    """The person and their login (made on first use)."""
    if person is None:
        raise BenchFailure("the reporting tree has no such person")
    user = User.objects.filter(email=person.email).first() or User.objects.create_user(
        person.email, None
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return person, user


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int, float]:
    for _ in range(3):  # warm caches and connections
        status = client.get(url).status_code
        check(status == 200, f"{url} answered {status}")
    # Count through an execute wrapper: the request_started signal resets connection.queries.
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        # The web process's own CPU time: what a busy machine inflates least.
        cpu.append((time.process_time() - start_cpu) * 1000)
        check(response.status_code == 200, f"{url} answered {response.status_code}")
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
    return statistics.median(times), p99, len(queries), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--goals", type=int, default=4, help="goals per person")
    parser.add_argument("--years", type=int, default=2, help="years of check-ins")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reload", action="store_true", help="drop and load the employer again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("goals and the team view", smoke=args.smoke)

    # Plain static URLs: a benchmark run has no collectstatic manifest.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    ensure_database()  # PostgreSQL only: the loader uses COPY
    call_command("migrate", verbosity=0)
    slug = f"bench-{args.people}-{args.goals}-{args.years}"
    existing = Employer.objects.filter(slug=slug).first()
    if existing and args.reload:
        print("Dropping the previous bench employer…", flush=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM goals_checkin c USING goals_goal g WHERE c.goal_id = g.id AND g.employer_id = %s",
                [existing.pk],
            )
            cursor.execute(
                "DELETE FROM goals_milestone m USING goals_goal g WHERE m.goal_id = g.id AND g.employer_id = %s",
                [existing.pk],
            )
            cursor.execute("DELETE FROM goals_goalrollup WHERE employer_id = %s", [existing.pk])
            cursor.execute("DELETE FROM goals_goal WHERE employer_id = %s", [existing.pk])
            cursor.execute(
                "UPDATE people_individual SET manager_id = NULL WHERE employer_id = %s",
                [existing.pk],
            )
            cursor.execute("DELETE FROM people_individual WHERE employer_id = %s", [existing.pk])
        existing.delete()
        existing = None
    if existing is None:
        print(
            f"Loading {args.people} people, {args.goals} goals each, {args.years} years of check-ins…",
            flush=True,
        )
        t0 = time.perf_counter()
        load(slug, args.people, args.goals, args.years, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Loaded in {time.perf_counter() - t0:.1f}s", flush=True)
    employer = Employer.objects.get(slug=slug)

    people = Individual.objects.for_employer(employer)
    top = people.get(manager__isnull=True)
    manager, manager_login = viewer(people.filter(manager=top).order_by("id").first())
    employee, employee_login = viewer(people.filter(manager=manager).order_by("id").first())
    goal = (
        Goal.objects.filter(owner=employee, shared_with_manager=True)
        .exclude(status="draft")
        .first()
    )
    chain = people.filter(id__in=below_sql(manager.pk)).count()

    as_manager, as_employee = Client(), Client()
    as_manager.force_login(manager_login)
    as_employee.force_login(employee_login)
    pages = [
        ("/team/ (50 direct reports)", as_manager, reverse("team:overview")),
        (
            f"/team/?scope=chain ({chain} people)",
            as_manager,
            reverse("team:overview") + "?scope=chain",
        ),
        (
            "/team/?scope=chain&overdue=on",
            as_manager,
            reverse("team:overview") + "?scope=chain&overdue=on",
        ),
        ("/goals/ (employee)", as_employee, reverse("goals:goal-list")),
    ]
    if goal is not None:
        pages.append(("/goals/<pk>/ (seen by the manager)", as_manager, goal.get_absolute_url()))
    totals = {
        "people": people.count(),
        "goals": Goal.objects.for_employer(employer).count(),
        "check-ins": CheckIn.objects.for_employer(employer).count(),
    }
    prepare_process()  # as careersupport.wsgi does in a server process
    print(f"\nEmployer: {totals}; DEBUG={settings.DEBUG}; {args.runs} timed requests per page")
    print("Load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"{'page':48} {'median ms':>10} {'p99 ms':>8} {'queries':>8} {'web CPU ms':>11}")
    counted = []
    for label, client, url in pages:
        median, p99, queries, cpu = measure(client, url, args.runs)
        print(f"{label:48} {median:10.1f} {p99:8.1f} {queries:8d} {cpu:11.1f}", flush=True)
        counted.append((label, queries, QUERY_BUDGET))
    print("Load average (1, 5, 15 min) after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    check(len(counted) == 5, "the employee has no goal their manager sees: no goal page measured")
    check_pages(counted)


if __name__ == "__main__":
    main()
