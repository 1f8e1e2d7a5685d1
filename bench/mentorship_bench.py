"""Benchmark of mentorship: HR's cohort matching run, the mentee's ranked mentor list and
HR's pair list.

Loads (once, reused by later runs) two employers by bulk insert: one with a cohort of M
mentees waiting in a programme and N mentors with 1–3 places each, one with L mentors and
P active pairs. Then it times the whole matching run (read, score, solve, store the
proposal) through the service, and requests the pages R times through Django's test client
with DEBUG=false (median and p99 ms, queries).

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_mentorship_bench \\
        .venv/bin/python bench/mentorship_bench.py --mentees 500 --mentors 300 \\
        --list-mentors 5000 --pairs 10000

`--smoke` runs a tiny size in seconds: each page must answer 200 within the query budget
(no timing is asserted). Not part of the test suite.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Django's setup with production-like settings and the page timer are the programs bench's.
from _common import check, check_pages, ensure_database, header
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from programs_bench import measure

from careersupport.people.models import Department, Employer, Individual, User
from careersupport.serving import prepare_process
from mentorship import services
from mentorship.models import (
    MenteeNeeds,
    MentorProfile,
    Mentorship,
    Programme,
    Proposal,
    Topic,
)
from programs.models import Enrollment, Offering

QUERY_BUDGET = 15
ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Singapore", "Asia/Kolkata"]
LANGS = [",en,", ",en,de,", ",en,fr,", ",en,es,", ",de,"]


def _people(employer, departments, n: int, prefix: str, managers=None) -> list[Individual]:
    rng = random.Random(n)
    rows = Individual.objects.bulk_create(
        [
            Individual(
                employer=employer,
                email=f"{prefix}{i}@{employer.slug}.test",
                first_name=f"{prefix.title()}{i}",
                last_name=f"Last{i:06d}",
                department=departments[i % len(departments)],
                manager=rng.choice(managers) if managers and i % 3 == 0 else None,
                time_zone=ZONES[i % len(ZONES)],
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    return rows


def _offering(employer, title: str) -> Programme:
    today = timezone.localdate()
    offering = Offering.objects.create(
        employer=employer,
        title=title,
        kind=Offering.Kind.MENTORSHIP,
        status="published",
        format="online",
        online_url="https://meet.example.test/m",
        starts_on=today,
        ends_on=today + timedelta(days=365),
    )
    return Programme.objects.create(employer=employer, offering=offering)


def _mentors(employer, people, topics, capacity) -> None:
    rng = random.Random(len(people))
    profiles = MentorProfile.objects.bulk_create(
        [
            MentorProfile(
                employer=employer,
                person=p,
                years_experience=rng.randint(3, 30),
                languages=LANGS[i % len(LANGS)],
                capacity=capacity(i),
                open_to_partners=i % 4 == 0,
            )
            for i, p in enumerate(people)
        ],
        batch_size=5000,
    )
    through = MentorProfile.topics.through
    through.objects.bulk_create(
        [
            through(mentorprofile_id=p.pk, topic_id=t.pk)
            for p in profiles
            for t in rng.sample(topics, 3)
        ],
        batch_size=10000,
    )


def _waiting(programme, people, topics) -> None:
    rng = random.Random(7)
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                employer=programme.employer,
                offering=programme.offering,
                person=p,
                status="enrolled",
                handoff_status="waiting",
                created_at=timezone.now() - timedelta(minutes=len(people) - i),
            )
            for i, p in enumerate(people)
        ],
        batch_size=5000,
    )
    needs = MenteeNeeds.objects.bulk_create(
        [
            MenteeNeeds(
                employer=programme.employer,
                programme=programme,
                person=p,
                language=["", "", "en", "de", "fr"][i % 5],
                department_preference=["any", "same", "other"][i % 3],
                max_tz_difference=[None, None, 6, 9][i % 4],
                years_experience=rng.randint(0, 10),
            )
            for i, p in enumerate(people)
        ],
        batch_size=5000,
    )
    through = MenteeNeeds.topics.through
    through.objects.bulk_create(
        [through(menteeneeds_id=n.pk, topic_id=t.pk) for n in needs for t in rng.sample(topics, 2)],
        batch_size=10000,
    )


def load(slug: str, mentees: int, mentors: int, list_mentors: int, pairs: int) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        for kind in ("cohort", "lists"):
            employer = Employer.objects.create(name=f"Bench {slug} {kind}", slug=f"{slug}-{kind}")
            departments = Department.objects.bulk_create(
                [Department(employer=employer, name=f"Dept {i}") for i in range(12)]
            )
            topics = Topic.objects.bulk_create(
                [
                    Topic(employer=employer, name=f"Topic {i}", goal_categories=",skill,")
                    for i in range(30)
                ]
            )
            Individual.objects.create(
                employer=employer,
                email=f"hr@{employer.slug}.test",
                first_name="HR",
                is_hr_admin=True,
                user=User.objects.create_user(f"hr@{employer.slug}.test", "x"),
            )
            if kind == "cohort":
                mentor_people = _people(employer, departments, mentors, "mentor")
                _mentors(employer, mentor_people, topics, lambda i: 1 + i % 3)
                mentee_people = _people(
                    employer, departments, mentees, "mentee", managers=mentor_people
                )
                _waiting(_offering(employer, "Cohort programme"), mentee_people, topics)
                continue
            mentor_people = _people(employer, departments, list_mentors, "mentor")
            _mentors(employer, mentor_people, topics, lambda i: 3)
            programme = _offering(employer, "List programme")
            viewer = _people(employer, departments, 1, "viewer")[0]
            viewer.user = User.objects.create_user(f"employee@{employer.slug}.test", "x")
            viewer.save(update_fields=["user"])
            _waiting(programme, [viewer], topics)
            mentee_people = _people(employer, departments, pairs, "mentee")
            rng = random.Random(3)
            today = timezone.localdate()
            Mentorship.objects.bulk_create(
                [
                    Mentorship(
                        employer=employer,
                        programme=programme,
                        mentee=m,
                        mentor=mentor_people[i % len(mentor_people)],
                        source="run",
                        started_on=today - timedelta(days=rng.randint(1, 200)),
                        ends_on=today + timedelta(days=100),
                        last_meeting_on=today - timedelta(days=rng.randint(0, 60)),
                        health=rng.choice(["on_track", "needs_checkin", "too_early"]),
                    )
                    for i, m in enumerate(mentee_people)
                ],
                batch_size=5000,
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=500)
    parser.add_argument("--mentors", type=int, default=300)
    parser.add_argument("--list-mentors", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="matching runs to time")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; no timing asserted")
    args = parser.parse_args()
    if args.smoke:
        args.mentees, args.mentors, args.list_mentors, args.pairs = 30, 20, 200, 300
        args.rounds, args.runs = 5, 1
    header("mentorship matching run, ranked mentors and HR pair list", smoke=args.smoke)
    ensure_database()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    slug = f"mbench-{args.mentees}-{args.mentors}-{args.list_mentors}-{args.pairs}"
    if not Employer.objects.filter(slug=f"{slug}-cohort").exists():
        load(slug, args.mentees, args.mentors, args.list_mentors, args.pairs)
    cohort = Employer.objects.get(slug=f"{slug}-cohort")
    lists = Employer.objects.get(slug=f"{slug}-lists")
    prepare_process()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    programme = Programme.objects.select_related("offering").get(employer=cohort)
    hr = Individual.objects.get(employer=cohort, is_hr_admin=True)
    durations = []
    for _ in range(args.runs):
        started = time.perf_counter()
        run = services.run_start(programme=programme, actor=hr)
        durations.append((time.perf_counter() - started) * 1000)
    matched = Proposal.objects.filter(run=run, mentor__isnull=False).count()
    check(matched == run.optimal_matched > 0, "the run proposed no pairs")
    check(run.optimal_total >= run.greedy_total, "the optimal total is below greedy")
    print(
        f"matching run, {run.mentee_count} mentees x {run.mentor_count} mentors "
        f"({run.place_count} places): {', '.join(f'{d:.0f}' for d in durations)} ms "
        f"(median {statistics.median(durations):.0f} ms)"
    )
    print(
        f"  optimal total {run.optimal_total:.1f} ({matched} pairs) vs greedy first-come "
        f"{run.greedy_total:.1f} ({run.greedy_matched} pairs): "
        f"+{100 * (run.optimal_total / run.greedy_total - 1) if run.greedy_total else 0:.1f}%"
    )

    list_programme = Programme.objects.get(employer=lists)
    pages = [
        (
            "ranked mentor list",
            f"employee@{lists.slug}.test",
            reverse("mentorship:find") + f"?programme={list_programme.offering_id}",
        ),
        ("HR pair list", f"hr@{lists.slug}.test", reverse("mentorship:manage-pairs")),
        (
            "HR stalled pairs",
            f"hr@{lists.slug}.test",
            reverse("mentorship:manage-pairs") + "?view=stalled",
        ),
        ("HR matching review", f"hr@{cohort.slug}.test", run.get_absolute_url()),
    ]
    print(
        f"{'page':<22} {'median ms':>10} {'p99 ms':>8} {'SQL ms':>7} {'CPU ms':>7} {'queries':>8}  ({args.rounds} requests)"
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
