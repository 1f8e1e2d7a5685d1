"""Benchmark of HR's outcome reports: the nightly roll-up and every report page.

Loads one employer with three years of history by bulk insert (people, offerings and their
participations, goals, parental leaves, coaching with its sessions and reviews, mentoring
pairs with their feedback, surveys and their answers, partners' invitations and job searches
with the jobs they accepted), times the roll-up job for that
employer (twice: the second run replaces the first with the same figures), then requests
each report page R times through Django's test client (the whole server side: middleware,
views, queries, templates) and prints median and p99 time and the query count.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_reports_bench \\
        python bench/reports_bench.py                # 50,000 people, three years
    python bench/reports_bench.py --smoke            # seconds: checks, no figures

It creates the database when it does not exist, its tables (migrate), and reuses an already
loaded employer of the same size (`--reload` starts over). Not part of the test suite.
`--smoke` loads a tiny employer and checks that the roll-up stores the same figures twice
and that every page answers 200 within its query budget; it asserts no timing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
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
from careersupport.jobsearch.models import Application, Outcome  # noqa: E402
from careersupport.people.models import (  # noqa: E402
    Department,
    Employer,
    Individual,
    Invitation,
    User,
)
from careersupport.reports.models import (  # noqa: E402
    Figure,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
)
from careersupport.reports.services import rollup_run  # noqa: E402
from careersupport.requests.models import LeavePolicy, LeaveRequest  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402
from coaching.models import Engagement, FinalReview, Session, SessionFeedback  # noqa: E402
from mentorship.models import Feedback, Mentorship, Programme  # noqa: E402
from programs.models import Enrollment, Offering  # noqa: E402

K = Offering.Kind
KINDS = [k for k in K.values if k not in ("policy", "coaching", "mentorship")]
BATCH = 5000
DEFAULTS = {
    "people": 50_000,
    "offerings": 720,  # twenty a month for three years
    "enrollments": 150_000,
    "goals": 100_000,
    "leaves": 3_000,
    "engagements": 3_000,
    "sessions": 15_000,
    "pairs": 3_000,
    "rounds": 200,
}
SMOKE = {
    "people": 300,
    "offerings": 24,
    "enrollments": 600,
    "goals": 300,
    "leaves": 20,
    "engagements": 30,
    "sessions": 60,
    "pairs": 30,
    "rounds": 3,
}
DATA = "with-job-search"
QUERY_BUDGET = 15  # every report page, whatever the size
YEARS = 3


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _people(employer, departments, n: int, rng: random.Random) -> list[Individual]:
    today = timezone.localdate()
    rows = [
        Individual(
            employer=employer,
            email=f"p{i}@{employer.slug}.test",
            first_name=f"First{i}",
            last_name=f"Last{i:06d}",
            kind="partner" if i % 10 == 9 else "employee",
            department=departments[i % len(departments)] if i % 10 != 9 else None,
            is_returner=i % 25 == 3,
            time_zone="Europe/Berlin",
            # Some left over the years (retention after leave counts them).
            deactivated_at=_at(today - timedelta(days=rng.randint(1, 900)))
            if i % 40 == 7
            else None,
        )
        for i in range(n)
    ]
    return Individual.objects.bulk_create(rows, batch_size=BATCH)


def _programmes(employer, n: int, rng: random.Random, first: date) -> list[Offering]:
    days = (timezone.localdate() - first).days
    rows = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        start = first + timedelta(days=rng.randint(0, days))
        rows.append(
            Offering(
                employer=employer,
                title=f"Offering {i} {kind}",
                description="Benchmark offering.",
                kind=kind,
                status="published",
                format="online",
                online_url="https://meet.example.test/x",
                starts_on=start,
                ends_on=start + timedelta(days=rng.choice([1, 1, 30, 90])),
                capacity=None,
            )
        )
    return Offering.objects.bulk_create(rows, batch_size=BATCH)


def _enrollments(employer, offerings, persons, n: int, rng: random.Random) -> list[Enrollment]:
    seen: set[tuple[int, int]] = set()
    rows: list[Enrollment] = []
    today = timezone.localdate()
    statuses = ["completed"] * 6 + ["enrolled", "enrolled", "withdrawn", "requested"]
    while len(rows) < n:
        o = offerings[rng.randrange(len(offerings))]
        p = persons[rng.randrange(1, len(persons))]
        if (o.pk, p.pk) in seen:
            continue
        seen.add((o.pk, p.pk))
        status = rng.choice(statuses)
        if o.ends_on > today and status == "completed":
            status = "enrolled"
        started = _at(o.starts_on) if status != "requested" else None
        ended = None
        if status == "completed":
            ended = _at(o.ends_on, 16)
        elif status == "withdrawn":
            ended = _at(o.starts_on + (o.ends_on - o.starts_on) / 2, 12)
        rows.append(
            Enrollment(
                employer=employer,
                offering=o,
                person=p,
                status=status,
                started_at=started,
                ended_at=ended,
                outcome=rng.choice(["placed", "extended", "exited"]) if o.kind == K.REENTRY else "",
                created_at=_at(o.starts_on - timedelta(days=10)),
            )
        )
    return Enrollment.objects.bulk_create(rows, batch_size=BATCH)


def _goals(employer, persons, n: int, rng: random.Random, first: date) -> None:
    days = (timezone.localdate() + timedelta(days=180) - first).days
    statuses = ["achieved", "achieved", "active", "abandoned", "draft"]
    Goal.objects.bulk_create(
        (
            Goal(
                employer=employer,
                owner=persons[rng.randrange(1, len(persons))],
                title=f"Goal {i}",
                category=Goal.Category.SKILL,
                status=rng.choice(statuses),
                target_date=first + timedelta(days=rng.randint(0, days)),
                cadence=Goal.Cadence.MONTHLY,
            )
            for i in range(n)
        ),
        batch_size=BATCH,
    )


def _leaves(employer, persons, n: int, rng: random.Random, first: date) -> None:
    policy = LeavePolicy.objects.create(
        employer=employer,
        name="Parental leave",
        kind=LeavePolicy.Kind.PARENTAL,
        paid_weeks=Decimal("16"),
        period=LeavePolicy.Period.PER_EVENT,
    )
    days = (timezone.localdate() - first).days
    people = rng.sample(persons[1:], n)
    rows = []
    for person in people:
        ends = first + timedelta(days=rng.randint(0, days))
        returned = ends + timedelta(days=3) if rng.random() < 0.85 else None
        rows.append(
            LeaveRequest(
                employer=employer,
                policy=policy,
                person=person,
                start_date=ends - timedelta(days=120),
                end_date=ends,
                days=Decimal("85"),
                paid_days=Decimal("85"),
                event_kind="birth",
                event_date=ends - timedelta(days=110),
                status="approved",
                returned_on=returned if returned and returned < timezone.localdate() else None,
                created_at=_at(ends - timedelta(days=200)),
            )
        )
    LeaveRequest.objects.bulk_create(rows, batch_size=BATCH)


def _coaching(employer, persons, engagements, sessions, rng, first: date) -> None:
    coaches = Individual.objects.bulk_create(
        [
            Individual(
                employer=employer,
                email=f"coach{i}@{employer.slug}.test",
                first_name="Coach",
                last_name=f"{i}",
                kind="external",
            )
            for i in range(max(engagements // 30, 2))
        ]
    )
    coaching = Offering.objects.create(
        employer=employer,
        title="Career coaching",
        description="Benchmark coaching programme.",
        kind=K.COACHING,
        status="published",
        format="online",
        online_url="https://meet.example.test/c",
    )
    today = timezone.localdate()
    days = (today - first).days
    rows, plans = [], []
    for i, coachee in enumerate(rng.sample(persons[1:], engagements)):
        start = first + timedelta(days=rng.randint(0, days))
        ended: date | None = start + timedelta(days=rng.randint(60, 200))
        status = "completed" if rng.random() < 0.8 else "cancelled"
        if ended and ended >= today:
            status, ended = "active", None
        plans.append((start, coaches[i % len(coaches)]))
        rows.append(
            Engagement(
                employer=employer,
                coachee=coachee,
                coach=coaches[i % len(coaches)],
                status=status,
                topics=["interview"],
                languages=["en"],
                started_on=start,
                ended_at=_at(ended) if ended else None,
                created_at=_at(start - timedelta(days=7)),
            )
        )
    # Most came through the coaching programme (its participation and its row of figures).
    seats = Enrollment.objects.bulk_create(
        [
            Enrollment(
                employer=employer,
                offering=coaching,
                person_id=e.coachee_id,
                status="completed" if e.status == "completed" else "enrolled",
                started_at=_at(start),
                ended_at=e.ended_at if e.status == "completed" else None,
                created_at=_at(start),
            )
            for e, (start, _) in zip(rows[: len(rows) * 3 // 4], plans, strict=False)
        ],
        batch_size=BATCH,
    )
    for engagement, seat in zip(rows, seats, strict=False):
        engagement.enrollment = seat
    rows = Engagement.objects.bulk_create(rows, batch_size=BATCH)
    # Weekly sessions on the hour; a coach's hour already taken moves to the next one, so
    # no two of a coach (nor of a coachee, who has one coach) overlap.
    made, taken = [], set()
    for k in range(sessions):
        engagement = rows[k % len(rows)]
        start, coach = plans[k % len(rows)]
        starts = _at(start + timedelta(days=7 * (k // len(rows))))
        while (coach.pk, starts) in taken:
            starts += timedelta(hours=1)
        taken.add((coach.pk, starts))
        if starts.date() >= today:
            continue
        made.append(
            Session(
                engagement=engagement,
                coach=coach,
                coachee_id=engagement.coachee_id,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=50),
                status="held" if k % 9 else "no_show",
            )
        )
    made = Session.objects.bulk_create(made, batch_size=BATCH)
    SessionFeedback.objects.bulk_create(
        (
            SessionFeedback(
                session=s,
                engagement_id=s.engagement_id,
                coach_id=s.coach_id,
                coachee_id=s.coachee_id,
                rating=3 + s.pk % 3,
            )
            for s in made
            if s.status == "held" and s.pk % 2
        ),
        batch_size=BATCH,
    )
    FinalReview.objects.bulk_create(
        (
            FinalReview(engagement=e, goal_progress=2 + e.pk % 4, would_recommend=e.pk % 5 != 0)
            for e in rows
            if e.status == "completed" and e.pk % 3
        ),
        batch_size=BATCH,
    )


def _mentoring(employer, persons, pairs: int, rng, first: date) -> None:
    offering = Offering.objects.create(
        employer=employer,
        title="Mentoring circle",
        description="Benchmark mentorship programme.",
        kind=K.MENTORSHIP,
        status="published",
        format="online",
        online_url="https://meet.example.test/m",
    )
    programme = Programme.objects.create(employer=employer, offering=offering)
    today = timezone.localdate()
    days = (today - first).days
    chosen = rng.sample(persons[1:], pairs + pairs // 10)
    mentors, mentees = chosen[: pairs // 10], chosen[pairs // 10 :]
    rows = []
    for i, mentee in enumerate(mentees):
        start = first + timedelta(days=rng.randint(0, days))
        ends = start + timedelta(days=180)
        closed = ends if ends < today else None
        rows.append(
            Mentorship(
                employer=employer,
                programme=programme,
                mentee=mentee,
                mentor=mentors[i % len(mentors)],
                source="run",
                status="closed" if closed else "active",
                started_on=start,
                ends_on=ends,
                closed_at=_at(closed) if closed else None,
            )
        )
    rows = Mentorship.objects.bulk_create(rows, batch_size=BATCH)
    Feedback.objects.bulk_create(
        (
            Feedback(mentorship=m, author_id=m.mentee_id, side="mentee", rating=2 + m.pk % 4)
            for m in rows
            if m.closed_at and m.pk % 3
        ),
        batch_size=BATCH,
    )


def _job_search(employer, persons, rng, first: date) -> None:
    """Each partner invited at some point of the three years; two in three of them search
    (four applications each), and half of those accept one of them a few months later."""
    now = timezone.now()
    partners = [p for p in persons if p.kind == "partner"]
    invitations, applications, accepted = [], [], []
    span = (now.date() - first).days
    for p in partners:
        invited = _at(first + timedelta(days=rng.randint(0, span)))
        invitations.append(
            Invitation(
                employer=employer,
                individual=p,
                email=p.email,
                created_at=invited,
                expires_at=invited + timedelta(days=14),
                accepted_at=invited + timedelta(days=1),
            )
        )
        if rng.random() < 1 / 3:
            continue
        placed = rng.random() < 0.5
        start = invited + timedelta(days=rng.randint(2, 30))
        for n in range(4):
            applied = min(start + timedelta(days=7 * n), now)
            wins = placed and n == 0
            application = Application(
                employer=employer,
                owner=p,
                organisation=f"Org {rng.randint(1, 400)}",
                role="Analyst",
                stage="accepted" if wins else rng.choice(["applied", "interviewing", "rejected"]),
                created_at=applied,
                stage_changed_at=applied,
            )
            applications.append(application)
            if wins:
                accepted.append(
                    (application, min(applied + timedelta(days=rng.randint(20, 200)), now))
                )
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    Application.objects.bulk_create(applications, batch_size=BATCH)
    Outcome.objects.bulk_create(
        (
            Outcome(
                employer=employer,
                owner_id=a.owner_id,
                application=a,
                organisation=a.organisation,
                role=a.role,
                start_on=(at + timedelta(days=30)).date(),
                accepted_at=at,
            )
            for a, at in accepted
        ),
        batch_size=BATCH,
    )


def _surveys(employer, enrollments, persons, rng) -> None:
    """A survey after each completed participation; 60% answered (answers apart, by month)."""
    department = {p.pk: p.department_id for p in persons}
    kind_of = dict(Offering.objects.for_employer(employer).values_list("pk", "kind"))
    scale = SurveyQuestion.objects.create(
        employer=employer, subject=K.WORKSHOP, text="Was it worth the time?", type="scale"
    )
    choice = SurveyQuestion.objects.create(
        employer=employer,
        subject=K.WORKSHOP,
        text="Which part helped most?",
        type="choice",
        choices=["The talk", "The exercises", "The people"],
    )
    invitations, answers = [], []
    for e in enrollments:
        if e.status != "completed" or e.ended_at is None:
            continue
        sent = e.ended_at + timedelta(hours=2)
        answered = rng.random() < 0.6
        kind = kind_of[e.offering_id]
        invitations.append(
            SurveyInvitation(
                employer=employer,
                person_id=e.person_id,
                source="programs.enrollment",
                source_id=e.pk,
                subject=kind,
                about="Benchmark offering",
                offering_id=e.offering_id,
                department_id=department[e.person_id],
                sent_at=sent,
                closes_at=sent + timedelta(days=30),
                answered=answered,
            )
        )
        if answered:
            extra = (
                {str(scale.pk): rng.randint(1, 5), str(choice.pk): rng.choice(choice.choices)}
                if kind == K.WORKSHOP
                else {}
            )
            answers.append(
                SurveyAnswer(
                    employer=employer,
                    subject=kind,
                    offering_id=e.offering_id,
                    department_id=department[e.person_id],
                    month=sent.date().replace(day=1),
                    rating=rng.randint(2, 5),
                    recommend=rng.randint(4, 10),
                    helped=rng.choice(["", "The exercises.", "Meeting other teams."]),
                    improve=rng.choice(["", "More time.", "Smaller groups."]),
                    extra=extra,
                )
            )
    SurveyInvitation.objects.bulk_create(invitations, batch_size=BATCH)
    SurveyAnswer.objects.bulk_create(answers, batch_size=BATCH)


def load(slug: str, sizes: dict) -> Employer:
    rng = random.Random(16)
    started = time.perf_counter()
    first = date(timezone.localdate().year - YEARS + 1, 1, 1)
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        departments = Department.objects.bulk_create(
            [Department(employer=employer, name=f"Dept {i:02d}") for i in range(20)]
        )
        persons = _people(employer, departments, sizes["people"], rng)
        hr = persons[0]
        hr.is_hr_admin = True
        hr.deactivated_at = None
        hr.user = User.objects.create_user(f"hr@{slug}.test", "x")
        hr.save(update_fields=["is_hr_admin", "user", "deactivated_at"])
        offerings = _programmes(employer, sizes["offerings"], rng, first)
        enrollments = _enrollments(employer, offerings, persons, sizes["enrollments"], rng)
        _goals(employer, persons, sizes["goals"], rng, first)
        _leaves(employer, persons, sizes["leaves"], rng, first)
        _coaching(employer, persons, sizes["engagements"], sizes["sessions"], rng, first)
        _mentoring(employer, persons, sizes["pairs"], rng, first)
        _surveys(employer, enrollments, persons, rng)
        _job_search(employer, persons, rng, first)
    with connection.cursor() as cursor:
        # What autovacuum does on a live database after a bulk load.
        cursor.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.1f} s", flush=True)
    return employer


def measure(client: Client, url: str, rounds: int) -> tuple[float, float, float, int]:
    """Median and p99 of the whole server-side time, median SQL time, queries."""
    for _ in range(5):  # warm-up: templates, connection, caches
        client.get(url, secure=True)
    times, sql = [], []
    queries = 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        check(response.status_code == 200, f"{url} answered {response.status_code}")
        queries = len(ctx.captured_queries)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, statistics.median(sql), queries


def _cpu_seconds() -> float:
    """CPU time of this process plus its PostgreSQL backend's (when the server runs on this
    machine and /proc shows it): what the roll-up costs, which a busy machine inflates less
    than the wall time."""
    total = time.process_time()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return total
    # utime and stime, fields 14 and 15 of stat(5), counted after the command's ")".
    return total + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _drop(employer: Employer, slug: str) -> None:
    with transaction.atomic():
        Figure.objects.for_employer(employer).delete()
        SurveyAnswer.objects.for_employer(employer).delete()
        SurveyInvitation.objects.for_employer(employer).delete()
        Feedback.objects.filter(mentorship__employer=employer).delete()
        Mentorship.objects.for_employer(employer).delete()
        Programme.objects.for_employer(employer).delete()
        Engagement.objects.for_employer(employer).delete()
        Goal.objects.for_employer(employer).delete()
        Application.objects.for_employer(employer).delete()
        Invitation.objects.for_employer(employer).delete()
        LeaveRequest.objects.for_employer(employer).delete()
        Enrollment.objects.for_employer(employer).delete()
        Offering.objects.for_employer(employer).delete()
        LeavePolicy.objects.for_employer(employer).delete()
        Individual.objects.for_employer(employer).update(user=None)
        User.objects.filter(email__endswith=f"@{slug}.test").delete()
        Individual.objects.for_employer(employer).delete()
        employer.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, value in DEFAULTS.items():
        parser.add_argument(f"--{name}", type=int, default=value)
    parser.add_argument("--reload", action="store_true", help="drop and load the data again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    sizes = {name: getattr(args, name) for name in DEFAULTS}
    header("reports: roll-up and HR's report pages", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    # One loaded employer per size (a short digest of the sizes: a slug is 50 characters).
    # DATA names what load() makes, so an employer loaded by an older version is not reused.
    shape = "-".join([DATA, *(str(sizes[n]) for n in DEFAULTS if n != "rounds")])
    slug = f"bench-reports-{sizes['people']}-{hashlib.sha1(shape.encode()).hexdigest()[:8]}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        _drop(employer, slug)
        employer = None
    employer = employer or load(slug, sizes)
    print(
        f"{Individual.objects.for_employer(employer).count()} people, "
        f"{Enrollment.objects.for_employer(employer).count()} enrollments, "
        f"{Goal.objects.for_employer(employer).count()} goals, "
        f"{Engagement.objects.for_employer(employer).count()} coaching engagements, "
        f"{Mentorship.objects.for_employer(employer).count()} mentoring pairs, "
        f"{SurveyInvitation.objects.for_employer(employer).count()} surveys sent, "
        f"{SurveyAnswer.objects.for_employer(employer).count()} answers, "
        f"{Application.objects.for_employer(employer).count()} job applications"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    stored = []
    for attempt in (1, 2):
        with CaptureQueriesContext(connection) as ctx:
            started, cpu = time.perf_counter(), _cpu_seconds()
            run = rollup_run(employer=employer)
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        stored.append(
            sorted(
                Figure.objects.for_employer(employer).values_list(
                    "family", "grain", "period", "department", "kind", "offering", "values"
                ),
                key=repr,
            )
        )
        print(
            f"roll-up run {attempt}: {seconds:.1f} s, CPU {cpu:.1f} s (this process and its "
            f"database backend), {run.figures} figures stored, {len(ctx.captured_queries)} "
            "queries",
            flush=True,
        )
    check(stored[0] == stored[1], "a second roll-up stored different figures")
    families = {row[0] for row in stored[0]}
    check({"jobsearch", "leave", "coaching"} <= families, f"figures of {sorted(families)} only")
    year = str(timezone.localdate().year)
    quarter = f"{year}-Q{(timezone.localdate().month - 1) // 3 + 1}"
    department = Department.objects.for_employer(employer).order_by("name").first()
    assert department is not None
    pages = [
        ("participation", reverse("reports:participation")),
        (
            "participation, training, dept",
            reverse("reports:participation")
            + f"?period={quarter}&department={department.pk}&kind=training",
        ),
        ("results", reverse("reports:results")),
        ("results, coaching", reverse("reports:results") + f"?period={year}&kind=coaching"),
        ("surveys", reverse("reports:surveys")),
        ("surveys, workshop (HR's)", reverse("reports:surveys") + f"?period={year}&kind=workshop"),
        ("comments, workshop", reverse("reports:comments") + f"?period={year}&kind=workshop"),
        ("questions", reverse("reports:questions")),
        ("participation CSV", reverse("reports:table-csv", args=["participation"])),
        ("jobsearch CSV", reverse("reports:table-csv", args=["jobsearch"])),
    ]
    prepare_process()  # as careersupport.wsgi does in a server process
    client = Client()
    client.force_login(User.objects.get(email=f"hr@{slug}.test"))
    print(
        f"{'page':<32} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'queries':>8}"
        f"  ({args.rounds} requests)"
    )
    counted = []
    for name, url in pages:
        median, p99, sql, queries = measure(client, url, args.rounds)
        print(f"{name:<32} {median:>10.1f} {p99:>8.1f} {sql:>7.1f} {queries:>8}", flush=True)
        counted.append((name, queries, QUERY_BUDGET))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    check_pages(counted)


if __name__ == "__main__":
    main()
