"""Benchmark of coaching: the coach's week, the coachee's booking page (free slots of four
weeks), the coachee's page, HR's pool and waiting list, and ranking every coach for one
intake.

Loads one employer with C coaches, E engagements (one coachee each, in a reporting tree)
and S sessions (history of about two years, the next weeks' bookings inside the coaches'
windows, no overlap, as the database requires) by bulk insert, once; later runs reuse it.
Then requests each page R times through Django's test client with DEBUG=false and prints
median and p99 server time, the median time in SQL and in the process's CPU, and queries.

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_coaching_bench \\
        .venv/bin/python bench/coaching_bench.py --coaches 500 --engagements 20000 --sessions 200000

    .venv/bin/python bench/coaching_bench.py --smoke     # seconds: checks, no figures

`--smoke` loads a few hundred rows and makes a handful of requests: it checks that every page
answers 200 within its query budget and asserts no timing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import time as clock
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

from _common import check, check_pages, ensure_database, header  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

# A page is measured as the programs benchmark measures its pages (and its static files).
from programs_bench import measure  # noqa: E402

from careersupport.people.models import Employer, Individual, User  # noqa: E402
from careersupport.serving import prepare_process  # noqa: E402
from coaching import matching  # noqa: E402
from coaching.models import (  # noqa: E402
    AvailabilityException,
    AvailabilityWindow,
    CoachProfile,
    Engagement,
    Note,
    Session,
    SessionFeedback,
    Specialty,
)
from coaching.slots import slot_starts  # noqa: E402

BATCH = 5000
SMOKE = {"coaches": 8, "engagements": 120, "sessions": 600, "rounds": 3}
# The targets: at most this many queries a page, whatever the size; the suggestions a page
# shows (the ranking loads full profiles for these only).
QUERY_BUDGET = 15
SHOWN = 10
SPECIALTIES = Specialty.values
LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "nl", "pl"]
ZONES = ["Europe/Berlin", "Europe/London", "Europe/Lisbon", "Europe/Paris", "America/New_York"]
STATUSES = ["completed"] * 55 + ["active"] * 30 + ["paused"] * 5 + ["cancelled"] * 5
STATUSES += ["requested"] * 5


def _windows(profile: CoachProfile, rng: random.Random) -> list[AvailabilityWindow]:
    if rng.random() < 0.7:
        spans, days = [(9, 12), (13, 17)], [0, 1, 2, 3, 4]
    else:
        spans, days = [(10, 16)], [1, 2, 3]
    return [
        AvailabilityWindow(coach=profile, weekday=d, starts_at=clock(a), ends_at=clock(b))
        for d in days
        for a, b in spans
    ]


def load(slug: str, coaches: int, engagements: int, sessions: int) -> Employer:
    rng = random.Random(12)
    started = time.perf_counter()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    with transaction.atomic():
        employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
        directors = Individual.objects.bulk_create(
            Individual(
                employer=employer,
                email=f"d{i}@{slug}.test",
                first_name="Director",
                last_name=f"D{i:03d}",
                time_zone="Europe/Berlin",
            )
            for i in range(5)
        )
        managers = Individual.objects.bulk_create(
            (
                Individual(
                    employer=employer,
                    email=f"m{i}@{slug}.test",
                    first_name="Manager",
                    last_name=f"M{i:05d}",
                    manager=directors[i % 5],
                    time_zone="Europe/Berlin",
                )
                for i in range(max(1, engagements // 50))
            ),
            batch_size=BATCH,
        )
        coachees = Individual.objects.bulk_create(
            (
                Individual(
                    employer=employer,
                    email=f"p{i}@{slug}.test",
                    first_name=f"Person{i}",
                    last_name=f"P{i:06d}",
                    manager=managers[i % len(managers)],
                    kind="employee",
                    time_zone=ZONES[i % len(ZONES)],
                )
                for i in range(engagements)
            ),
            batch_size=BATCH,
        )
        coach_people = Individual.objects.bulk_create(
            (
                Individual(
                    employer=employer,
                    email=f"c{i}@{slug}.test",
                    first_name=f"Coach{i}",
                    last_name=f"C{i:04d}",
                    kind="employee" if i % 5 == 4 else "external",
                    manager=directors[i % 5] if i % 5 == 4 else None,
                    time_zone=ZONES[i % len(ZONES)],
                )
                for i in range(coaches)
            ),
            batch_size=BATCH,
        )
        hr = Individual.objects.create(
            employer=employer,
            email=f"hr@{slug}.test",
            first_name="Hana",
            last_name="HR",
            is_hr_admin=True,
        )
        # Coaches have accounts (only they are suggested); everyone signs in as the bench needs.
        users = User.objects.bulk_create(
            (User(email=p.email, password="!") for p in coach_people), batch_size=BATCH
        )
        for person, user in zip(coach_people, users, strict=True):
            person.user = user
        Individual.objects.bulk_update(coach_people, ["user"], batch_size=BATCH)
        hr.user = User.objects.create_user(hr.email, None)
        hr.save(update_fields=["user"])
        profiles = CoachProfile.objects.bulk_create(
            CoachProfile(
                employer=employer,
                individual=person,
                provider_name="" if person.kind == "employee" else f"Provider {i % 20}",
                specialties=rng.sample(SPECIALTIES, rng.randint(3, 5)),
                languages=["en", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))],
                time_zone=person.time_zone,
                capacity=rng.randint(
                    int(engagements / coaches * 0.4) + 2, int(engagements / coaches * 0.6) + 4
                ),
                coaches_partners=i % 3 != 0,
                status="paused" if i % 25 == 24 else "active",
                online_url="https://meet.example.test/coach",
            )
            for i, person in enumerate(coach_people)
        )
        windows = [w for p in profiles for w in _windows(p, rng)]
        AvailabilityWindow.objects.bulk_create(windows, batch_size=BATCH)
        today = timezone.localdate()
        AvailabilityException.objects.bulk_create(
            AvailabilityException(
                coach=p, date=today + timedelta(days=rng.randint(3, 27)), kind="off"
            )
            for p in profiles
            for _ in range(2)
        )
        by_coach = {p.pk: [w for w in windows if w.coach_id == p.pk] for p in profiles}
        future_slots = {
            p.individual_id: [
                s.starts_at
                for s in slot_starts(
                    windows=by_coach[p.pk],
                    exceptions=[],
                    tz=p.tzinfo,
                    first_day=today + timedelta(days=1),
                    last_day=today + timedelta(days=28),
                    minutes=60,
                )
            ][::2]  # every other slot stays free for the booking page
            for p in profiles
        }
        rows = []
        for i, coachee in enumerate(coachees):
            coach = coach_people[i % coaches]
            status = STATUSES[rng.randrange(len(STATUSES))]
            started_on = today - timedelta(days=rng.randint(30, 700))
            rows.append(
                Engagement(
                    employer=employer,
                    coachee=coachee,
                    coach=coach,
                    status=status,
                    topics=rng.sample(SPECIALTIES, 2),
                    languages=["en"],
                    sessions_agreed=12,
                    started_on=None if status == "requested" else started_on,
                    coach_asked_at=now - timedelta(days=rng.randint(0, 6)),
                    ended_at=now if status in ("completed", "cancelled") else None,
                    created_at=now - timedelta(days=rng.randint(0, 700)),
                )
            )
        rows = Engagement.objects.bulk_create(rows, batch_size=BATCH)
        # Sessions: each coach's history walks back a day and an hour at a time, so no two
        # of one coach overlap (and a coachee has one coach); upcoming ones sit in windows.
        cursor = {c.pk: 0 for c in coach_people}
        batch: list[Session] = []
        made = 0
        started_ones = [e for e in rows if e.status != "requested"]
        each, extra = divmod(sessions, len(started_ones))
        for n, engagement in enumerate(started_ones):
            coach_id = engagement.coach.pk  # every bench engagement has its coach
            upcoming = engagement.status == "active" and future_slots[coach_id]
            for k in range(each + (1 if n < extra else 0)):
                if upcoming and k == 0:
                    start, status = future_slots[coach_id].pop(0), "booked"
                else:
                    step = cursor[coach_id]
                    cursor[coach_id] += 1
                    start = now - timedelta(days=1 + step * 2 // 3, hours=step % 9)
                    status = "held" if step % 11 else ("no_show" if step % 2 else "cancelled")
                batch.append(
                    Session(
                        engagement_id=engagement.pk,
                        coach_id=coach_id,
                        coachee_id=engagement.coachee_id,
                        starts_at=start,
                        ends_at=start + timedelta(minutes=60),
                        status=status,
                        time_zone="Europe/Berlin",
                        online_url="https://meet.example.test/coach",
                    )
                )
            if len(batch) >= BATCH:
                made += len(Session.objects.bulk_create(batch))
                batch = []
        made += len(Session.objects.bulk_create(batch))
        held = Session.objects.filter(engagement__employer=employer, status="held").values_list(
            "pk", "engagement_id", "coach_id", "coachee_id"
        )
        SessionFeedback.objects.bulk_create(
            (
                SessionFeedback(
                    session_id=s, engagement_id=e, coach_id=c, coachee_id=p, rating=3 + s % 3
                )
                for s, e, c, p in held.iterator()
                if s % 3 == 0
            ),
            batch_size=BATCH,
        )
        Note.objects.bulk_create(
            (
                Note(engagement=e, author=e.coach, text="Agenda and actions.", visibility=v)
                for e in rows
                for v in ("shared", "private")
            ),
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as db:
            db.execute("VACUUM ANALYZE")
    print(f"loaded {made} sessions in {time.perf_counter() - started:.1f} s", flush=True)
    return employer


def signed_in(person: Individual) -> Client:
    user = person.user or User.objects.create_user(person.email, None)
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    return client


def rank_timing(person: Individual, engagement: Engagement, rounds: int) -> tuple:
    """Ranking the whole pool for one intake, as the suggestions page does."""
    times = []
    for _ in range(rounds + 3):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            found = matching.rank(
                person=person,
                topics=engagement.topics + ["salary"],
                languages=["en", "de"],
                days=[0, 2, 4],
                parts=["morning"],
                detail=SHOWN,
            )
            times.append((time.perf_counter() - started) * 1000)
    times = sorted(times[3:])
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, len(ctx.captured_queries), len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coaches", type=int, default=500)
    parser.add_argument("--engagements", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--reload", action="store_true", help="load the employer again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("coaching", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"bench-coaching-{args.coaches}-{args.engagements}-{args.sessions}"
    employer = Employer.objects.filter(slug=slug).first()
    if employer and args.reload:
        with connection.cursor() as db:
            for table, column in (
                ("coaching_note", "engagement_id"),
                ("coaching_sessionfeedback", "engagement_id"),
                ("coaching_session", "engagement_id"),
            ):
                db.execute(
                    f"DELETE FROM {table} WHERE {column} IN "
                    "(SELECT id FROM coaching_engagement WHERE employer_id = %s)",
                    [employer.pk],
                )
        Engagement.objects.filter(employer=employer).delete()
        CoachProfile.objects.filter(employer=employer).delete()
        Individual.objects.filter(employer=employer).update(manager=None, user=None)
        User.objects.filter(email__endswith=f"@{slug}.test").delete()
        Individual.objects.filter(employer=employer).delete()
        employer.delete()
        employer = None
    employer = employer or load(slug, args.coaches, args.engagements, args.sessions)

    people = Individual.objects.for_employer(employer)
    hr = people.get(is_hr_admin=True)
    # The coach with the most sessions to come, and their first active coachee.
    busiest = (
        Session.objects.for_employer(employer)
        .filter(status="booked")
        .values("coach_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("coach_id", flat=True)
        .first()
    )
    check(busiest is not None, "no session is booked")
    coach = people.get(pk=busiest or 0)
    engagement = Engagement.objects.filter(coach=coach, status="active").order_by("pk").first()
    check(engagement is not None, "the busiest coach has no active coachee")
    assert engagement is not None
    coachee = engagement.coachee
    week = timezone.localdate() + timedelta(days=7)
    pages = [
        ("coach's week", signed_in(coach), reverse("coaching:coach-calendar") + f"?week={week}"),
        ("coach's coachees", signed_in(coach), reverse("coaching:coach")),
        (
            "booking page (4 weeks)",
            signed_in(coachee),
            reverse("coaching:book", args=[engagement.pk]),
        ),
        ("coachee's page", signed_in(coachee), reverse("coaching:home")),
        ("HR pool", signed_in(hr), reverse("coaching:manage")),
        ("HR waiting", signed_in(hr), reverse("coaching:manage-waiting")),
    ]
    print(
        f"{Engagement.objects.filter(employer=employer).count()} engagements, "
        f"{CoachProfile.objects.filter(employer=employer).count()} coaches, "
        f"{Session.objects.filter(engagement__employer=employer).count()} sessions"
    )
    prepare_process()  # as careersupport.wsgi does in a server process
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'page':<24} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'CPU ms':>7} {'queries':>8}"
        f"  ({args.rounds} requests)"
    )
    counted = []
    for name, client, url in pages:
        median, p99, sql, cpu, queries = measure(client, url, args.rounds)
        print(f"{name:<24} {median:>10.1f} {p99:>8.1f} {sql:>7.1f} {cpu:>7.1f} {queries:>8}")
        counted.append((name, queries, QUERY_BUDGET))
    median, p99, queries, found = rank_timing(coachee, engagement, args.rounds)
    print(
        f"{'ranking the pool':<24} {median:>10.1f} {p99:>8.1f} {'':>7} {'':>7} {queries:>8}"
        f"  ({found} coaches suggested)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    check(found > 0, "nobody was suggested")
    check_pages(counted + [("ranking the pool", queries, QUERY_BUDGET)])


if __name__ == "__main__":
    main()
