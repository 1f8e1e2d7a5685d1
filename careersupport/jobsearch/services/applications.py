"""Every write of the tracker: applications, their moves and next steps, contacts, résumés,
salary research and accepting an offer. Each is atomic, checks its actor is the owner,
calls `full_clean()`, leaves an audit row and keeps the next step's reminder true."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport import uploads
from careersupport.goals.dates import owner_today
from careersupport.notifications.services import (
    reminder_cancel_prefix,
    reminder_schedule,
    reminders_cancel_prefixes,
)
from careersupport.notifications.timing import at_local
from careersupport.people.models import Individual
from careersupport.people.services import audit

from .. import reminders as keys
from ..models import (
    Application,
    Contact,
    LeadSave,
    Outcome,
    PreparationRequest,
    ResumeVersion,
    SalaryResearch,
    StageChange,
    TrackerOptIn,
)
from ..permissions import may_turn_on, may_use_tracker

Stage = Application.Stage
NEXT_STEP_AT = time(9)
ACCEPT = uploads.RESUMES
# The fields an owner edits on the application's form (the stage moves on its own).
EDITABLE = (
    "organisation",
    "role",
    "link",
    "location",
    "remote",
    "salary_min",
    "salary_max",
    "currency",
    "next_step",
    "next_step_on",
    "notes",
    "shared_with_coach",
)


def _require_owner(application: Application, actor: Individual) -> None:
    if actor.pk != application.owner_id:
        raise PermissionDenied("Only the application's owner may change it.")


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("owner", "employer")
        .get(pk=application.pk)
    )


def sync_next_step_reminder(application: Application) -> None:
    """The reminder of the application's next step at 09:00 on its day in the owner's zone:
    any other pending occurrence cancelled, this one scheduled (again: idempotent), none at
    all when the step is cleared, already past or the application closed."""
    reminder_cancel_prefix(prefix=keys.next_step_prefix(application.pk))
    owner = application.owner
    day = application.next_step_on
    if not (application.is_open and day and application.next_step) or day < owner_today(owner):
        return
    reminder_schedule(
        recipient=owner,
        kind=keys.NEXT_STEP,
        key=keys.next_step_key(application.pk, day),
        due_at=at_local(day, NEXT_STEP_AT, owner.tzinfo),
        title=f"Today: {application.next_step}"[:200],
        body=f"{application.role} at {application.organisation}.",
        url=application.get_absolute_url(),
    )


@transaction.atomic
def tracker_turn_on(*, person: Individual, actor: Individual) -> TrackerOptIn:
    """An employee turns the tracker on for themselves (rule 1); again is a no-op."""
    if actor.pk != person.pk:
        raise PermissionDenied("People turn their own tracker on.")
    if not may_turn_on(person):
        raise ValidationError("The tracker is turned on by employees for themselves.")
    opt_in, created = TrackerOptIn.objects.get_or_create(
        person=person, defaults={"employer_id": person.employer_id}
    )
    if created:
        audit(employer=person.employer, actor=actor, verb="jobsearch.turned_on", target=opt_in)
    return opt_in


@transaction.atomic
def tracker_turn_off(*, person: Individual, actor: Individual) -> int:
    """An employee turns their tracker off, and with it goes everything in it: applications
    with their moves, contacts, résumés (the files too, once committed), salary research,
    outcomes and preparation requests, saved leads, and the reminders still to come. A
    partner's tracker is theirs by being a partner and stays on. Returns how many
    applications went."""
    if actor.pk != person.pk:
        raise PermissionDenied("People turn their own tracker off.")
    opt_in = TrackerOptIn.objects.select_for_update().filter(person=person).first()
    if opt_in is None:
        raise ValidationError("Your tracker is not one you turned on, so it stays on.")
    applications = Application.objects.filter(owner=person)
    ids = list(applications.values_list("pk", flat=True))
    files = list(
        ResumeVersion.objects.filter(application_id__in=ids).values_list("stored_name", flat=True)
    )
    preparations = PreparationRequest.objects.filter(application_id__in=ids)
    prefixes = [keys.next_step_prefix(pk) for pk in ids]
    for pk in preparations.values_list("pk", flat=True):
        prefixes += [
            keys.preparation_prefix(keys.PREPARATION_NEW, pk),
            keys.preparation_prefix(keys.PREPARATION_COMMENT, pk),
        ]
    reminders_cancel_prefixes(prefixes=prefixes)  # one UPDATE, however many
    LeadSave.objects.filter(person=person).delete()
    applications.delete()
    opt_in.delete()
    audit(
        employer=person.employer,
        actor=actor,
        verb="jobsearch.turned_off",
        target=person,
        applications=len(ids),
    )
    transaction.on_commit(lambda: _discard_all(files))
    return len(ids)


def _discard_all(names: list[str]) -> None:
    for name in names:
        uploads.discard(name)


def _record_move(application: Application, actor: Individual, old: str, now: datetime) -> None:
    StageChange.objects.create(
        employer_id=application.employer_id,
        application=application,
        from_stage=old,
        to_stage=application.stage,
        changed_at=now,
        changed_by=actor,
    )


@transaction.atomic
def application_create(
    *,
    owner: Individual,
    actor: Individual,
    organisation: str,
    role: str,
    link: str = "",
    location: str = "",
    remote: bool = False,
    salary_min: Decimal | None = None,
    salary_max: Decimal | None = None,
    currency: str = "EUR",
    stage: str = Stage.INTERESTED,
    next_step: str = "",
    next_step_on: date | None = None,
    notes: str = "",
    shared_with_coach: bool = False,
    now: datetime | None = None,
) -> Application:
    """A new application in an open stage, its first timeline entry and its reminder."""
    if actor.pk != owner.pk:
        raise PermissionDenied("People track their own applications.")
    if not may_use_tracker(owner):
        raise ValidationError("Turn the job-search tracker on first.")
    if stage not in Application.OPEN_STAGES:
        raise ValidationError({"stage": "A new application starts in an open stage."})
    if next_step_on and next_step_on < owner_today(owner):
        raise ValidationError({"next_step_on": "The next step's date cannot be in the past."})
    now = now or timezone.now()
    application = Application(
        employer_id=owner.employer_id,
        owner=owner,
        organisation=organisation.strip(),
        role=role.strip(),
        link=link,
        location=location.strip(),
        remote=remote,
        salary_min=salary_min,
        salary_max=salary_max,
        currency=currency,
        stage=stage,
        stage_changed_at=now,
        next_step=next_step.strip(),
        next_step_on=next_step_on,
        notes=notes,
        shared_with_coach=shared_with_coach,
        created_at=now,
    )
    application.full_clean()
    application.save()
    _record_move(application, actor, "", now)
    sync_next_step_reminder(application)
    audit(employer=owner.employer, actor=actor, verb="jobsearch.created", target=application)
    return application


@transaction.atomic
def application_update(*, application: Application, actor: Individual, **changes) -> Application:
    """Change what the owner edits (not the stage: `application_move`)."""
    _require_owner(application, actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Not a field of the application's form: {', '.join(unknown)}.")
    application = _locked(application)
    day = changes.get("next_step_on")
    if day and day != application.next_step_on and day < owner_today(application.owner):
        raise ValidationError({"next_step_on": "The next step's date cannot be in the past."})
    for name, value in changes.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    application.full_clean()
    application.save(update_fields=[*changes, "updated_at"])
    sync_next_step_reminder(application)
    audit(
        employer=application.employer,
        actor=actor,
        verb="jobsearch.updated",
        target=application,
        fields=sorted(changes),
    )
    return application


@transaction.atomic
def application_set_next_step(
    *, application: Application, actor: Individual, next_step: str, next_step_on: date | None
) -> Application:
    """Record (or clear, with an empty step) the dated next step; the reminder follows."""
    _require_owner(application, actor)
    if not application.is_open and next_step:
        raise ValidationError("This application is closed; reopen it to plan a next step.")
    if not next_step.strip():
        next_step_on = None
    return application_update(
        application=application, actor=actor, next_step=next_step, next_step_on=next_step_on
    )


@transaction.atomic
def application_move(
    *, application: Application, actor: Individual, stage: str, now: datetime | None = None
) -> Application:
    """Move to another stage and keep the date of the change. Accepting an offer goes
    through `offer_accept` (it records the outcome); a closed application may reopen."""
    _require_owner(application, actor)
    if stage not in Stage.values:
        raise ValidationError({"stage": "Choose a stage from the list."})
    if stage == Stage.ACCEPTED:
        raise ValidationError({"stage": "Accept the offer from its own page, with the start date."})
    application = _locked(application)
    if application.stage == stage:
        return application
    if application.stage == Stage.ACCEPTED:
        Outcome.objects.filter(application=application).delete()
    old, now = application.stage, now or timezone.now()
    application.stage = stage
    application.stage_changed_at = now
    application.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    _record_move(application, actor, old, now)
    sync_next_step_reminder(application)
    audit(
        employer=application.employer,
        actor=actor,
        verb="jobsearch.moved",
        target=application,
        stage_from=old,
        stage_to=stage,
    )
    return application


def open_others(application: Application) -> list[Application]:
    """The owner's other open applications, which accepting this one offers to close."""
    return list(
        Application.objects.for_employer(application.employer_id)
        .filter(owner_id=application.owner_id, stage__in=Application.OPEN_STAGES)
        .exclude(pk=application.pk)
        .order_by("organisation", "role", "pk")
    )


@transaction.atomic
def offer_accept(
    *,
    application: Application,
    actor: Individual,
    organisation: str,
    role: str,
    start_on: date,
    close: Iterable[Application] = (),
    now: datetime | None = None,
) -> Outcome:
    """Accept the offer: the outcome recorded, the application accepted, and the other open
    applications the person chose closed as withdrawn, together or not at all."""
    _require_owner(application, actor)
    application = _locked(application)
    if application.stage != Stage.OFFER:
        raise ValidationError("Only an application with an offer can be accepted.")
    chosen = {a.pk for a in close}
    others = {a.pk: a for a in open_others(application)}
    if chosen - set(others):
        raise ValidationError({"close": "Choose among your other open applications."})
    now = now or timezone.now()
    outcome = Outcome(
        employer_id=application.employer_id,
        owner_id=application.owner_id,
        application=application,
        organisation=organisation.strip(),
        role=role.strip(),
        start_on=start_on,
        accepted_at=now,
    )
    outcome.full_clean()
    outcome.save()
    old = application.stage
    application.stage, application.stage_changed_at = Stage.ACCEPTED, now
    application.save(update_fields=["stage", "stage_changed_at", "updated_at"])
    _record_move(application, actor, old, now)
    sync_next_step_reminder(application)
    for pk in sorted(chosen):
        application_move(application=others[pk], actor=actor, stage=Stage.WITHDRAWN, now=now)
    audit(
        employer=application.employer,
        actor=actor,
        verb="jobsearch.offer_accepted",
        target=application,
        closed=sorted(chosen),
    )
    return outcome


# --- contacts ----------------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *,
    application: Application,
    actor: Individual,
    name: str,
    role: str = "",
    how_met: str = "",
    email: str = "",
    notes: str = "",
) -> Contact:
    _require_owner(application, actor)
    contact = Contact(
        employer_id=application.employer_id,
        application=application,
        name=name.strip(),
        role=role.strip(),
        how_met=how_met.strip(),
        email=email.strip(),
        notes=notes,
    )
    contact.full_clean()
    contact.save()
    audit(
        employer=application.employer, actor=actor, verb="jobsearch.contact_added", target=contact
    )
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, actor: Individual, **changes) -> Contact:
    _require_owner(contact.application, actor)
    for name in changes.keys() - {"name", "role", "how_met", "email", "notes"}:
        raise ValidationError(f"Not a field of a contact: {name}.")
    for name, value in changes.items():
        setattr(contact, name, value.strip() if name != "notes" else value)
    contact.full_clean()
    contact.save(update_fields=list(changes))
    audit(
        employer=contact.application.employer,
        actor=actor,
        verb="jobsearch.contact_changed",
        target=contact,
    )
    return contact


@transaction.atomic
def contact_remove(*, contact: Contact, actor: Individual) -> None:
    _require_owner(contact.application, actor)
    audit(
        employer=contact.application.employer,
        actor=actor,
        verb="jobsearch.contact_removed",
        target=contact,
    )
    contact.delete()


# --- résumés -----------------------------------------------------------------------------


@transaction.atomic
def resume_upload(
    *, application: Application, actor: Individual, upload, note: str = ""
) -> ResumeVersion:
    """The résumé version sent, checked as every upload is (PDF or DOCX by content, size
    limited, a clean name) and stored privately; the file is removed if the row fails."""
    _require_owner(application, actor)
    try:
        checked = uploads.check(upload, ACCEPT)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = uploads.store(upload, checked, folder=f"resumes/{application.employer_id}")
    try:
        resume = ResumeVersion(
            employer_id=application.employer_id,
            application=application,
            stored_name=name,
            label=checked.label,
            content_type=checked.content_type,
            size=checked.size,
            note=note.strip(),
        )
        resume.full_clean()
        resume.save()
        audit(
            employer=application.employer,
            actor=actor,
            verb="jobsearch.resume_uploaded",
            target=resume,
        )
    except Exception:
        uploads.discard(name)
        raise
    return resume


# --- salary research ---------------------------------------------------------------------

SALARY_FIELDS = (
    "currency",
    "range_low",
    "range_high",
    "sources",
    "target",
    "walk_away",
    "offer_received",
    "negotiated",
    "negotiation_notes",
    "shared_with_coach",
)


@transaction.atomic
def salary_research_save(
    *, application: Application, actor: Individual, **values
) -> SalaryResearch:
    """Create or change the application's salary research (the owner's alone)."""
    _require_owner(application, actor)
    unknown = set(values) - set(SALARY_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of salary research: {', '.join(sorted(unknown))}.")
    research = SalaryResearch.objects.select_for_update().filter(
        application=application
    ).first() or SalaryResearch(employer_id=application.employer_id, application=application)
    for name, value in values.items():
        setattr(research, name, value)
    research.full_clean()
    research.save()
    # The figures stay out of the audit row: it says only that the research changed.
    audit(
        employer=application.employer,
        actor=actor,
        verb="jobsearch.salary_saved",
        target=research,
        shared_with_coach=research.shared_with_coach,
    )
    return research
