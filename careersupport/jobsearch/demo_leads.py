"""Demo job leads: HR's openings at Northwind Labs and at two partner organisations in the
region, one of them closed early, and two saved by the demo partner into their tracker.

Through the services (HR posts, the partner saves), so the rules hold. Idempotent: an
organisation is found by name and a lead by (title, organisation) before either is created,
and saving a lead twice saves it once.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from careersupport.people.demo import DemoWorld

from .models import JobLead, LeadOrganisation
from .services import leads as services

ORGANISATIONS = [
    ("Harbour Health", "Potsdam", "https://harbour-health.example.com"),
    ("Spree Analytics", "Berlin", "https://spree-analytics.example.com"),
]
# (title, organisation or None for the employer, location, remote, closes in days, suits,
#  who it suits in words, description)
LEADS = [
    (
        "Product designer",
        None,
        "Berlin",
        False,
        30,
        ["partners", "returners"],
        "Two years' experience; German not required",
        "Our design team is growing: research, prototypes and the design system.",
    ),
    (
        "Customer success manager",
        None,
        "Berlin",
        True,
        21,
        ["everyone"],
        "",
        "Look after our largest customers from their first day.",
    ),
    (
        "Office coordinator (part-time)",
        None,
        "Berlin",
        False,
        14,
        ["partners", "returners"],
        "20 hours a week, school hours",
        "Run the Berlin office with the operations team.",
    ),
    (
        "UX researcher",
        "Harbour Health",
        "Potsdam",
        False,
        40,
        ["partners"],
        "English-speaking team",
        "Patient-facing research for the hospital's new app.",
    ),
    (
        "Data analyst",
        "Harbour Health",
        "Potsdam",
        True,
        25,
        ["everyone"],
        "",
        "Reporting for the clinical operations team.",
    ),
    (
        "Frontend developer",
        "Spree Analytics",
        "Berlin",
        True,
        35,
        ["partners", "employees"],
        "React, TypeScript",
        "Dashboards for city mobility data.",
    ),
    (
        "Returnship: analytics engineer",
        "Spree Analytics",
        "Berlin",
        False,
        60,
        ["returners"],
        "After a career break of two years or more",
        "A paid 16-week returnship with a mentor.",
    ),
]
CLOSED_EARLY = ("Marketing assistant", "Spree Analytics")
SAVED_BY_PARTNER = [("Product designer", None), ("UX researcher", "Harbour Health")]


def seed(world: DemoWorld) -> None:
    hr, employer = world.hr, world.employer
    organisations = {}
    for name, location, website in ORGANISATIONS:
        organisations[name] = LeadOrganisation.objects.for_employer(employer).filter(
            name=name
        ).first() or services.organisation_create(
            employer=employer, actor=hr, name=name, location=location, website=website
        )
    today = timezone.localdate(timezone=hr.tzinfo)

    def lead(title: str, org: str | None, **fields) -> JobLead:
        organisation = organisations[org] if org else None
        found = (
            JobLead.objects.for_employer(employer)
            .filter(title=title, organisation=organisation)
            .first()
        )
        return found or services.lead_create(
            employer=employer, actor=hr, title=title, organisation=organisation, **fields
        )

    for title, org, location, remote, days, suits, note, description in LEADS:
        lead(
            title,
            org,
            location=location,
            remote=remote,
            closes_on=today + timedelta(days=days),
            suits=suits,
            suits_note=note,
            description=description,
            url=f"https://jobs.example.com/{title.lower().replace(' ', '-')}",
        )
    closed = lead(
        *CLOSED_EARLY, location="Berlin", closes_on=today + timedelta(days=20), suits=["everyone"]
    )
    if closed.closed_at is None:
        services.lead_close(lead=closed, actor=hr)
    for title, org in SAVED_BY_PARTNER:
        saved = lead(title, org, closes_on=today + timedelta(days=30), suits=["everyone"])
        if saved.is_open_on(timezone.localdate(timezone=world.partner.tzinfo)):
            services.lead_save(lead=saved, actor=world.partner)
