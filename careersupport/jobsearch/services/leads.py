"""Job leads: HR posts, edits, closes and imports openings and keeps the partner
organisations they come from; a person saves a lead into their tracker, once.

Every HR write calls `require_hr` first. Saving creates the person's `Application`
(stage interested, organisation and role from the lead) and a `LeadSave` tying the two,
so that HR's counts per lead can be kept without ever showing whom they count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from careersupport.csv_import import ImportProblem, read_csv
from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services.auditing import audit

from ..leads_permissions import may_use_tracker
from ..models import JobLead, LeadOrganisation, LeadSave
from .applications import application_create, tracker_turn_on

SUITS_EVERYONE = "everyone"
LEAD_FIELDS = (
    "title",
    "organisation",
    "location",
    "remote",
    "url",
    "closes_on",
    "suits_note",
    "description",
)


def _today(person: Individual) -> date:
    return timezone.localdate(timezone=person.tzinfo)


def _set_suits(lead: JobLead, suits: list[str]) -> None:
    chosen = set(JobLead.Suits.values) if SUITS_EVERYONE in suits else set(suits)
    lead.for_partners = JobLead.Suits.PARTNERS in chosen
    lead.for_employees = JobLead.Suits.EMPLOYEES in chosen
    lead.for_returners = JobLead.Suits.RETURNERS in chosen


# --- partner organisations -----------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, employer: Employer, actor: Individual, name: str, location: str = "", website: str = ""
) -> LeadOrganisation:
    require_hr(actor, employer)
    organisation = LeadOrganisation(
        employer=employer, name=name.strip(), location=location.strip(), website=website
    )
    _check_organisation_name(organisation)
    organisation.full_clean()
    organisation.save()
    audit(employer=employer, actor=actor, verb="lead_organisation.created", target=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: LeadOrganisation, actor: Individual, name: str, location: str, website: str
) -> LeadOrganisation:
    require_hr(actor, organisation.employer_id)
    organisation.name, organisation.location = name.strip(), location.strip()
    organisation.website = website
    _check_organisation_name(organisation)
    organisation.full_clean()
    organisation.save()
    audit(
        employer=organisation.employer,
        actor=actor,
        verb="lead_organisation.updated",
        target=organisation,
    )
    return organisation


def _check_organisation_name(organisation: LeadOrganisation) -> None:
    """Names are unique whatever their case, and none is the employer's own (its leads
    have no organisation), so an import's name always means one thing."""
    name = organisation.name
    if name.casefold() == organisation.employer.name.casefold():
        raise ValidationError(
            {"name": "That is your own organisation: its openings need no organisation."}
        )
    clash = (
        LeadOrganisation.objects.for_employer(organisation.employer_id)
        .filter(name__iexact=name)
        .exclude(pk=organisation.pk)
    )
    if clash.exists():
        raise ValidationError({"name": f"There is already an organisation called {name}."})


# --- leads -------------------------------------------------------------------------------


def _check_lead(lead: JobLead, actor: Individual, *, date_changed: bool) -> None:
    if date_changed and lead.closes_on < _today(actor):
        raise ValidationError({"closes_on": "The closing date has passed; choose a later one."})
    lead.full_clean()


@transaction.atomic
def lead_create(
    *,
    employer: Employer,
    actor: Individual,
    title: str,
    closes_on: date,
    suits: list[str],
    organisation: LeadOrganisation | None = None,
    location: str = "",
    remote: bool = False,
    url: str = "",
    suits_note: str = "",
    description: str = "",
) -> JobLead:
    """A new opening, listed at once to the people it suits until its closing date."""
    require_hr(actor, employer)
    lead = JobLead(
        employer=employer,
        posted_by=actor,
        organisation=organisation,
        title=title.strip(),
        location=location.strip(),
        remote=remote,
        url=url,
        closes_on=closes_on,
        suits_note=suits_note.strip(),
        description=description.strip(),
    )
    _set_suits(lead, suits)
    _check_lead(lead, actor, date_changed=True)
    lead.save()
    audit(employer=employer, actor=actor, verb="lead.created", target=lead)
    return lead


@transaction.atomic
def lead_update(*, lead: JobLead, actor: Individual, suits: list[str], **fields) -> JobLead:
    """Change what HR wrote. A closing date already past may stay; a new one may not be."""
    require_hr(actor, lead.employer_id)
    unknown = set(fields) - set(LEAD_FIELDS)
    if unknown:
        raise TypeError(f"lead_update() got unexpected fields {sorted(unknown)}")
    old_date = lead.closes_on
    for name, value in fields.items():
        setattr(lead, name, value.strip() if isinstance(value, str) else value)
    _set_suits(lead, suits)
    _check_lead(lead, actor, date_changed=lead.closes_on != old_date)
    lead.save()
    audit(
        employer=lead.employer, actor=actor, verb="lead.updated", target=lead, fields=sorted(fields)
    )
    return lead


@transaction.atomic
def lead_close(*, lead: JobLead, actor: Individual) -> JobLead:
    """Close before the closing date: gone from the list at once. Saved copies in people's
    trackers stay theirs."""
    require_hr(actor, lead.employer_id)
    lead = JobLead.objects.select_for_update().get(pk=lead.pk)
    if lead.closed_at is not None:
        raise ValidationError("This lead is already closed.")
    lead.closed_at = timezone.now()
    lead.save(update_fields=["closed_at", "updated_at"])
    audit(employer=lead.employer, actor=actor, verb="lead.closed", target=lead)
    return lead


# --- saving a lead into one's tracker -----------------------------------------------------


@transaction.atomic
def lead_save(*, lead: JobLead, actor: Individual) -> LeadSave:
    """Save an open lead into the actor's own tracker: an application at "interested" with
    the lead's organisation and role. Saving again returns the first save (one click, one
    application, however often it is clicked or from however many tabs)."""
    if not may_use_tracker(actor) or actor.employer_id != lead.employer_id:
        raise PermissionDenied("Only people who may use the job-search tracker save leads.")
    # One person's saves one at a time: a double click waits for the first, then finds it.
    Individual.objects.select_for_update().only("pk").get(pk=actor.pk)
    existing = LeadSave.objects.filter(lead=lead, person=actor).select_related("application")
    save = existing.first()
    if save is not None and save.application_id is not None:
        return save
    if not lead.is_open_on(_today(actor)):
        raise ValidationError("This lead has closed; it can no longer be saved.")
    if actor.is_employee:
        # "Save to my tracker" is the employee asking for one: it turns theirs on.
        tracker_turn_on(person=actor, actor=actor)
    # Through the tracker's own service: the application gets its first timeline entry,
    # and the lead's link, location and remote come with it.
    application = application_create(
        owner=actor,
        actor=actor,
        organisation=lead.organisation_name,
        role=lead.title,
        link=lead.url,
        location=lead.location,
        remote=lead.remote,
    )
    if save is None:
        save = LeadSave.objects.create(
            employer_id=lead.employer_id, lead=lead, person=actor, application=application
        )
    else:  # saved before, and the application since deleted: save it again
        save.application = application
        save.save(update_fields=["application"])
    # The audit row is the tracker's "created" of the person's own application; none names
    # the lead, so no audit row says who saved which.
    return save


# --- CSV import ----------------------------------------------------------------------------

CSV_COLUMNS = [
    "title",
    "organisation",
    "location",
    "remote",
    "link",
    "closes_on",
    "suits",
    "suits_note",
    "description",
]
CSV_REQUIRED = ["title", "closes_on"]
CSV_MAX_ROWS = 2000


def csv_template_rows(today: date) -> list[list[str]]:
    """Two example rows for the template, closing a month or so from `today` (so the
    template imports as it is, once its partner organisation exists)."""
    return [
        [
            "Product designer",
            "",
            "Berlin",
            "no",
            "https://careers.example.com/jobs/123",
            (today + timedelta(days=30)).isoformat(),
            "partners;returners",
            "Two years' experience; German not required",
            "Our design team is hiring.",
        ],
        [
            "Data analyst",
            "Harbour Health",
            "Potsdam",
            "yes",
            "",
            (today + timedelta(days=45)).isoformat(),
            "everyone",
            "",
            "",
        ],
    ]


YES = {"yes", "y", "true", "1", "remote"}
NO = {"", "no", "n", "false", "0", "on-site", "onsite"}
LIMITS = {"title": 200, "location": 200, "link": 500, "suits_note": 200}


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    leads: list[JobLead] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_csv(data: bytes) -> tuple[list[tuple[int, dict]], list[ImportProblem]]:
    return read_csv(data, columns=CSV_COLUMNS, required=CSV_REQUIRED, max_rows=CSV_MAX_ROWS)


def _parse_suits(text: str) -> list[str] | None:
    words = [w for w in re.split(r"[\s;,|/]+", text.lower()) if w]
    if not words:
        return [SUITS_EVERYONE]
    allowed = {*JobLead.Suits.values, SUITS_EVERYONE}
    return words if set(words) <= allowed else None


def _csv_leads(
    employer: Employer, actor: Individual, rows: list[tuple[int, dict]]
) -> tuple[list[JobLead], list[ImportProblem]]:
    """Each row as an unsaved lead, and every problem of the file by line and column, found
    in memory after two queries."""
    problems: list[ImportProblem] = []
    organisations = {o.name.casefold(): o for o in LeadOrganisation.objects.for_employer(employer)}
    already = {
        (title.casefold(), org_id, closes)
        for title, org_id, closes in JobLead.objects.for_employer(employer)
        .filter(closed_at__isnull=True, closes_on__gte=_today(actor))
        .values_list("title", "organisation_id", "closes_on")
    }
    today, url_ok = _today(actor), URLValidator(schemes=["http", "https"])
    seen: dict[tuple, int] = {}
    leads: list[JobLead] = []
    for line, row in rows:

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(ImportProblem(line, column, message))

        title, org_name = row.get("title", ""), row.get("organisation", "")
        if not title:
            problem("title", "A title is required.")
        for column, limit in LIMITS.items():
            if len(row.get(column, "")) > limit:
                problem(column, f"At most {limit} characters.")
        organisation = None
        if org_name and org_name.casefold() != employer.name.casefold():
            organisation = organisations.get(org_name.casefold())
            if organisation is None:
                problem(
                    "organisation",
                    f"No organisation called {org_name}: add it under Organisations first, "
                    f"or leave this empty for {employer.name}.",
                )
        remote = row.get("remote", "").lower()
        if remote not in YES | NO:
            problem("remote", f"'{row['remote']}' is not yes or no.")
        link = row.get("link", "")
        if link:
            try:
                url_ok(link)
            except ValidationError:
                problem("link", f"'{link}' is not a web address (https://…).")
        closes_on = None
        raw_date = row.get("closes_on", "")
        if not raw_date:
            problem("closes_on", "A closing date is required.")
        else:
            try:
                closes_on = date.fromisoformat(raw_date)
            except ValueError:
                problem("closes_on", f"'{raw_date}' is not a date as YYYY-MM-DD.")
            else:
                if closes_on < today:
                    problem("closes_on", "The closing date has passed.")
        suits = _parse_suits(row.get("suits", ""))
        if suits is None:
            problem(
                "suits",
                f"'{row['suits']}' is not everyone, partners, employees or returners "
                "(several may be joined with ;).",
            )
        key = (title.casefold(), organisation.pk if organisation else None, closes_on)
        if title and closes_on:
            if key in seen:
                problem("title", f"Repeats line {seen[key]}.")
            elif key in already:
                problem("title", "This opening is already posted and open.")
            seen.setdefault(key, line)
        lead = JobLead(
            employer=employer,
            posted_by=actor,
            organisation=organisation,
            title=title,
            location=row.get("location", ""),
            remote=remote in YES,
            url=link,
            closes_on=closes_on or today,  # (a row without a date is refused above)
            suits_note=row.get("suits_note", ""),
            description=row.get("description", ""),
        )
        _set_suits(lead, suits or [SUITS_EVERYONE])
        leads.append(lead)
    problems.sort(
        key=lambda p: (p.line, CSV_COLUMNS.index(p.column) if p.column in CSV_COLUMNS else -1)
    )
    return leads, problems


@transaction.atomic
def leads_import_csv(*, employer: Employer, actor: Individual, data: bytes) -> ImportResult:
    """All or nothing, as the people import: a file with any problem posts no lead, and
    every problem is listed by line and column. One transaction, one bulk INSERT."""
    require_hr(actor, employer)
    rows, problems = _read_csv(data)
    if problems:
        return ImportResult(problems=problems)
    leads, problems = _csv_leads(employer, actor, rows)
    if problems:
        return ImportResult(problems=problems)
    created = JobLead.objects.bulk_create(leads)
    audit(
        employer=employer, actor=actor, verb="leads.imported", target=employer, count=len(created)
    )
    return ImportResult(leads=created)
