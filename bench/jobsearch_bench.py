"""Benchmark of the job leads list (a partner, with filters) and HR's job-search pages
(PostgreSQL; not run in CI at full size).

    DATABASE_URL=postgres://app:app@127.0.0.1:5433/app_jobsearch_bench \
        .venv/bin/python bench/jobsearch_bench.py --partners 20000 --applications 30 --leads 5000
    .venv/bin/python bench/jobsearch_bench.py --smoke     # seconds: checks, no figures

Loads (once; reused by the next runs of the same size) an employer of `--partners` partners,
each invited (over the last two years), most signed up, a fifth coached, with
`--applications` applications each in every stage (one partner in seven with a job
accepted), `--leads` leads of the employer and twenty partner organisations (a third past
their closing date or closed early) and two saves per partner, all with PostgreSQL's COPY
(the columns taken from the models: a new NOT NULL field stops the load with its name).
Then it times, through Django's test client (the whole request), the leads list for a
partner unfiltered, with each filter and on a later page, HR's figures, their CSV and HR's
leads list with counts, and prints median and p99 server time, queries and web CPU time.

`--smoke` loads a tiny employer and checks that every page answers 200 within its query
budget; it asserts no timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from datetime import UTC, datetime, timedelta

# goals_bench sets the production-like environment and Django up, and has the COPY loader.
from goals_bench import copy_rows, measure, next_id, reset_sequence  # isort: skip

from _common import check, check_pages, ensure_database, header
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from careersupport.jobsearch.models import (
    Application,
    FiguresRollup,
    JobLead,
    LeadOrganisation,
    LeadSave,
)
from careersupport.jobsearch.services.figures import figures_refresh
from careersupport.people.models import Employer, Individual, Invitation, User
from careersupport.serving import prepare_process
from coaching.models import Engagement

SMOKE = {"partners": 200, "applications": 5, "leads": 300, "runs": 3}
QUERY_BUDGET = 15
STAGES = [s for s in Application.Stage.values if s != "accepted"]
WORDS = ["Designer", "Analyst", "Engineer", "Nurse", "Teacher", "Manager", "Researcher"]
TZ = "Europe/Berlin"


@transaction.atomic
def load(slug: str, partners: int, per_partner: int, leads: int, seed: int) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = timezone.localdate()
    employer = Employer.objects.create(name=f"Bench {slug}", slug=slug)
    hr = Individual.objects.create(
        employer=employer,
        email=f"hr@{slug}.test",
        first_name="Hana",
        is_hr_admin=True,
        user=User.objects.create_user(f"hr@{slug}.test", None),
        time_zone=TZ,
    )
    t0 = time.perf_counter()
    # Logins for four partners in five (the "active" ones); the first is the viewer's.
    user_base, person_base = next_id(User), next_id(Individual)
    signed_up = [i for i in range(partners) if i % 5 != 4]
    copy_rows(
        User,
        ["id", "email", "password", "date_joined"],
        ((user_base + k, f"partner{i}@{slug}.test", "!", now) for k, i in enumerate(signed_up)),
    )
    reset_sequence(User)
    user_of = {i: user_base + k for k, i in enumerate(signed_up)}
    copy_rows(
        Individual,
        [
            "id",
            "employer_id",
            "user_id",
            "email",
            "first_name",
            "last_name",
            "kind",
            "time_zone",
            "created_at",
        ],
        (
            (
                person_base + i,
                employer.pk,
                user_of.get(i),
                f"partner{i}@{slug}.test",
                f"First{i}",
                f"Last{i}",
                "partner",
                TZ,
                now,
            )
            for i in range(partners)
        ),
    )
    reset_sequence(Individual)
    invited = [
        now - timedelta(days=rng.randint(0, 730), minutes=rng.randint(0, 1440))
        for _ in range(partners)
    ]
    copy_rows(
        Invitation,
        [
            "employer_id",
            "individual_id",
            "email",
            "invited_by_id",
            "key",
            "created_at",
            "expires_at",
            "send_count",
            "accepted_at",
        ],
        (
            (
                employer.pk,
                person_base + i,
                f"partner{i}@{slug}.test",
                hr.pk,
                f"{slug}-{i}",
                invited[i],
                invited[i] + timedelta(days=14),
                1,
                invited[i] + timedelta(days=2) if i in user_of else None,
            )
            for i in range(partners)
        ),
    )
    copy_rows(
        Engagement,
        [
            "employer_id",
            "coachee_id",
            "status",
            "topics",
            "languages",
            "preferred_days",
            "preferred_times",
            "created_at",
            "updated_at",
        ],
        (
            (
                employer.pk,
                person_base + i,
                rng.choice(["active", "completed", "requested"]),
                json.dumps(["interview"]),
                json.dumps(["en"]),
                "[]",
                "[]",
                now,
                now,
            )
            for i in range(0, partners, 5)
        ),
    )
    print(f"  partners: {partners} in {time.perf_counter() - t0:.1f}s", flush=True)
    t0 = time.perf_counter()
    app_base = next_id(Application)

    def applications():
        for i in range(partners):
            for j in range(per_partner):
                accepted = j == 0 and i % 7 == 0
                moved = invited[i] + timedelta(days=rng.randint(10, 300))
                yield (
                    app_base + i * per_partner + j,
                    employer.pk,
                    person_base + i,
                    f"Organisation {rng.randrange(500)}",
                    f"{rng.choice(WORDS)} {j}",
                    "accepted" if accepted else rng.choice(STAGES),
                    min(moved, now),
                    invited[i],
                    now,
                )

    copy_rows(
        Application,
        [
            "id",
            "employer_id",
            "owner_id",
            "organisation",
            "role",
            "stage",
            "stage_changed_at",
            "created_at",
            "updated_at",
        ],
        applications(),
    )
    reset_sequence(Application)
    print(f"  applications: {partners * per_partner} in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    organisations = LeadOrganisation.objects.bulk_create(
        LeadOrganisation(employer=employer, name=f"Partner organisation {k}", location="Potsdam")
        for k in range(20)
    )
    lead_base = next_id(JobLead)
    copy_rows(
        JobLead,
        [
            "id",
            "employer_id",
            "organisation_id",
            "title",
            "location",
            "remote",
            "url",
            "closes_on",
            "for_partners",
            "for_employees",
            "for_returners",
            "suits_note",
            "description",
            "posted_by_id",
            "closed_at",
            "created_at",
            "updated_at",
        ],
        (
            (
                lead_base + n,
                employer.pk,
                None if n % 3 == 0 else organisations[n % 20].pk,
                f"{rng.choice(WORDS)} {n}",
                rng.choice(["Berlin", "Potsdam", "Leipzig"]),
                n % 4 == 0,
                f"https://jobs.example.com/{n}",
                today + timedelta(days=rng.randint(-120, 240)),
                n % 2 == 0,
                n % 3 != 0,
                n % 5 == 0 or n % 2 == 1,
                "",
                "An opening with a short description.",
                hr.pk,
                now if n % 10 == 0 else None,
                now - timedelta(days=rng.randint(0, 730)),
                now,
            )
            for n in range(leads)
        ),
    )
    reset_sequence(JobLead)
    # Two saves a partner, each with one of their own applications (at most once a lead).
    copy_rows(
        LeadSave,
        ["employer_id", "lead_id", "person_id", "application_id", "created_at"],
        (
            (
                employer.pk,
                lead_base + (2 * i + k) % leads,
                person_base + i,
                app_base + i * per_partner + k,
                now,
            )
            for i in range(partners)
            for k in range(min(2, per_partner))
        ),
    )
    print(f"  leads: {leads} and their saves in {time.perf_counter() - t0:.1f}s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=30, help="applications a partner")
    parser.add_argument("--leads", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=200, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reload", action="store_true", help="drop and load the employer again")
    parser.add_argument(
        "--smoke", action="store_true", help=f"tiny sizes {SMOKE}, checks only, in seconds"
    )
    args = parser.parse_args()
    if args.smoke:
        vars(args).update(SMOKE)
    header("job leads and HR's job-search figures", smoke=args.smoke)
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    ensure_database()  # PostgreSQL only: the loader uses COPY
    call_command("migrate", verbosity=0)
    slug = f"jobs-{args.partners}-{args.applications}-{args.leads}"
    existing = Employer.objects.filter(slug=slug).first()
    if existing and args.reload:
        print("Dropping the previous bench employer…", flush=True)
        with transaction.atomic():
            for model in (
                FiguresRollup,
                LeadSave,
                JobLead,
                LeadOrganisation,
                Application,
                Engagement,
                Invitation,
            ):
                model.objects.filter(employer=existing).delete()
            people = Individual.objects.filter(employer=existing)
            User.objects.filter(individual__in=people).delete()
            people.delete()
            existing.delete()
        existing = None
    if existing is None:
        print(
            f"Loading {args.partners} partners, {args.applications} applications each, "
            f"{args.leads} leads…",
            flush=True,
        )
        t0 = time.perf_counter()
        load(slug, args.partners, args.applications, args.leads, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"Loaded in {time.perf_counter() - t0:.1f}s", flush=True)
    employer = Employer.objects.get(slug=slug)
    t0 = time.perf_counter()
    figures_refresh(employer=employer)  # what beat does every hour
    print(f"HR's figures counted and stored in {time.perf_counter() - t0:.2f}s")
    as_partner, as_hr = Client(), Client()
    as_partner.force_login(User.objects.get(email=f"partner0@{slug}.test"))
    as_hr.force_login(User.objects.get(email=f"hr@{slug}.test"))
    organisation = LeadOrganisation.objects.for_employer(employer).order_by("pk").first()
    leads = reverse("jobsearch:lead-list")
    pages = [
        ("leads (partner)", as_partner, leads),
        (
            "leads ?q=designer&remote&suits_me",
            as_partner,
            f"{leads}?q=designer&remote=remote&suits_me=on",
        ),
        (
            "leads ?organisation&location",
            as_partner,
            f"{leads}?organisation={organisation.pk}&location=potsdam",
        ),
        ("leads, page 5", as_partner, f"{leads}?page=5"),
        ("HR figures", as_hr, reverse("jobsearch:manage")),
        ("HR figures CSV", as_hr, reverse("jobsearch:manage-figures-csv")),
        ("HR leads with counts", as_hr, reverse("jobsearch:manage-leads")),
        ("HR leads, all", as_hr, reverse("jobsearch:manage-leads") + "?status=all"),
    ]
    totals = {
        "partners": Individual.objects.for_employer(employer).filter(kind="partner").count(),
        "applications": Application.objects.for_employer(employer).count(),
        "leads": JobLead.objects.for_employer(employer).count(),
        "saves": LeadSave.objects.for_employer(employer).count(),
    }
    prepare_process()  # as careersupport.wsgi does in a server process
    print(f"\nEmployer: {totals}; DEBUG={settings.DEBUG}; {args.runs} timed requests per page")
    print("Load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"{'page':40} {'median ms':>10} {'p99 ms':>8} {'queries':>8} {'web CPU ms':>11}")
    counted = []
    for label, client, url in pages:
        median, p99, queries, cpu = measure(client, url, args.runs)
        print(f"{label:40} {median:10.1f} {p99:8.1f} {queries:8d} {cpu:11.1f}", flush=True)
        counted.append((label, queries, QUERY_BUDGET))
    print("Load average (1, 5, 15 min) after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    check(len(counted) == len(pages), "a page was not measured")
    check_pages(counted)


if __name__ == "__main__":
    main()
