"""Invitations: one employee at a time, or many from a CSV file; resend, revoke, accept.

Each saves the invitation and queues its e-mail in one transaction; the e-mail goes after
the commit, through Celery (`invitation_emails`), so a mail server that is down or slow
never fails or holds a request: the invitation is saved, its send is retried and, if it
fails for good, shown as failed beside the invitation with "Send again".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from careersupport.csv_import import ImportProblem, read_csv

from ..models import Department, Employer, Individual, Invitation, Partnership
from ..permissions import require_hr
from ..timezones import is_valid_zone
from .auditing import audit
from .invitation_emails import email_again, emails_cancel, emails_queue

User = get_user_model()


# --- invitations -------------------------------------------------------------------------


def _ensure_no_account(email: str) -> None:
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"{email} already has a CareerSupport account."})


def _new_invitation(*, individual: Individual, actor: Individual | None) -> Invitation:
    return Invitation.objects.create(
        employer=individual.employer,
        individual=individual,
        email=individual.email,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )


@transaction.atomic
def employee_invite(
    *,
    employer: Employer,
    actor: Individual,
    email: str,
    first_name: str,
    last_name: str = "",
    job_title: str = "",
    department: Department | None = None,
    manager: Individual | None = None,
    time_zone: str = "",
    is_hr_admin: bool = False,
) -> Invitation:
    """HR adds an employee to the directory; a sign-up link is e-mailed after the commit."""
    require_hr(actor, employer)
    email = email.strip().lower()
    if Individual.objects.for_employer(employer).filter(email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already in the directory."})
    _ensure_no_account(email)
    person = Individual(
        employer=employer,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        department=department,
        manager=manager,
        time_zone=time_zone or settings.TIME_ZONE,
        is_hr_admin=is_hr_admin,
        kind=Individual.Kind.EMPLOYEE,
    )
    person.full_clean()
    person.save()
    invitation = _new_invitation(individual=person, actor=actor)
    emails_queue([invitation])
    audit(employer=employer, actor=actor, verb="invitation.created", target=invitation)
    return invitation


@transaction.atomic
def external_invite(
    *,
    employer: Employer,
    actor: Individual,
    email: str,
    first_name: str,
    last_name: str = "",
    job_title: str = "",
    time_zone: str = "",
) -> Invitation:
    """HR invites someone from outside the employer (an external coach or provider): an
    account of kind `external`, with no manager and no employee's programmes. The app that
    gives them their role (coaching's profile) calls this inside its own transaction; the
    sign-up link is e-mailed after the commit, as for an employee."""
    require_hr(actor, employer)
    email = email.strip().lower()
    if Individual.objects.for_employer(employer).filter(email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already in the directory."})
    _ensure_no_account(email)
    person = Individual(
        employer=employer,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        time_zone=time_zone or settings.TIME_ZONE,
        kind=Individual.Kind.EXTERNAL,
    )
    person.full_clean()
    person.save()
    invitation = _new_invitation(individual=person, actor=actor)
    emails_queue([invitation])
    audit(employer=employer, actor=actor, verb="invitation.created", target=invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: Individual) -> Invitation:
    """Send the same link again, valid for a fresh period ("Send again" after a failed send).
    A revoked invitation is sent again too: that is revoking's undo."""
    require_hr(actor, invitation.employer_id)
    return _resend(invitation=invitation, actor=actor, revive=True)


def _resend(*, invitation: Invitation, actor: Individual, revive: bool = False) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("individual").get(pk=invitation.pk)
    )
    if invitation.accepted_at or (invitation.revoked_at and not revive):
        raise ValidationError(f"This invitation was {invitation.get_state_display().lower()}.")
    if invitation.individual.deactivated_at is not None:
        raise ValidationError("This person was deactivated: reactivate them first.")
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.revoked_at = None
    invitation.save(update_fields=["expires_at", "revoked_at"])
    email_again(invitation)
    audit(employer=invitation.employer, actor=actor, verb="invitation.resent", target=invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Individual) -> Invitation:
    require_hr(actor, invitation.employer_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError("This invitation was already accepted.")
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        emails_cancel([invitation])
        audit(
            employer=invitation.employer, actor=actor, verb="invitation.revoked", target=invitation
        )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Individual:
    """Attach a new account to the invited person; a partner's partnership becomes active."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError(f"This invitation is {invitation.get_state_display().lower()}.")
    person = invitation.individual
    if person.user_id:
        raise ValidationError("This person already has an account.")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    person.user = user
    person.save(update_fields=["user"])
    user.first_name, user.last_name = person.first_name, person.last_name
    user.save(update_fields=["first_name", "last_name"])
    if person.is_partner:
        Partnership.objects.filter(partner=person, status=Partnership.Status.INVITED).update(
            status=Partnership.Status.ACTIVE
        )
    audit(employer=invitation.employer, actor=person, verb="invitation.accepted", target=invitation)
    return person


# --- CSV import ----------------------------------------------------------------------------

CSV_COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "job_title",
    "department",
    "manager_email",
    "time_zone",
]
CSV_REQUIRED = ["email", "first_name"]
CSV_MAX_ROWS = 5000


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_csv(data: bytes) -> tuple[list[tuple[int, dict]], list[ImportProblem]]:
    return read_csv(data, columns=CSV_COLUMNS, required=CSV_REQUIRED, max_rows=CSV_MAX_ROWS)


@dataclass
class _Checked:
    """What validating a file learnt that creating its rows needs again."""

    problems: list[ImportProblem]
    existing_managers: dict[str, int]  # e-mail -> id of a manager already in the directory


def _csv_validate(employer: Employer, rows: list[tuple[int, dict]]) -> _Checked:
    """Every problem of the file, by line and column, found in memory after three queries."""
    problems: list[ImportProblem] = []
    emails = [r["email"].lower() for _, r in rows]
    in_file = set(emails)
    taken = set(
        Individual.objects.for_employer(employer)
        .filter(email__in=in_file)
        .values_list("email", flat=True)
    ) | set(User.objects.filter(email__in=in_file).values_list("email", flat=True))
    managers_needed = {r.get("manager_email", "").lower() for _, r in rows} - {""}
    existing_managers = dict(
        Individual.objects.for_employer(employer)
        .employees()
        .filter(email__in=managers_needed - in_file)
        .values_list("email", "id")
    )
    seen: dict[str, int] = {}
    manager_of: dict[str, str] = {}
    for line, row in rows:
        email = row["email"].lower()
        if not email:
            problems.append(ImportProblem(line, "email", "An e-mail address is required."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    ImportProblem(line, "email", f"'{row['email']}' is not an e-mail address.")
                )
            if email in seen:
                problems.append(ImportProblem(line, "email", f"Repeats line {seen[email]}."))
            elif email in taken:
                problems.append(
                    ImportProblem(
                        line, "email", f"{email} is already in the directory or has an account."
                    )
                )
            seen.setdefault(email, line)
        if not row.get("first_name"):
            problems.append(ImportProblem(line, "first_name", "A first name is required."))
        for column, limit in (
            ("first_name", 100),
            ("last_name", 100),
            ("job_title", 150),
            ("department", 120),
        ):
            if len(row.get(column, "")) > limit:
                problems.append(ImportProblem(line, column, f"At most {limit} characters."))
        tz = row.get("time_zone", "")
        if tz and not is_valid_zone(tz):
            problems.append(
                ImportProblem(line, "time_zone", f"'{tz}' is not a time zone (e.g. Europe/Paris).")
            )
        manager = row.get("manager_email", "").lower()
        if manager:
            if manager == email:
                problems.append(
                    ImportProblem(line, "manager_email", "A person cannot be their own manager.")
                )
            elif manager not in existing_managers and manager not in in_file:
                problems.append(
                    ImportProblem(
                        line,
                        "manager_email",
                        f"No employee {manager} in the directory or in this file.",
                    )
                )
            manager_of[email] = manager
    # A reporting loop inside the file (a -> b -> a) is refused on every line on the loop.
    looped = _on_loops(manager_of)
    for line, row in rows:
        email = row["email"].lower()
        if email in looped:
            problems.append(ImportProblem(line, "manager_email", "This makes a reporting loop."))
    problems.sort(
        key=lambda p: (p.line, CSV_COLUMNS.index(p.column) if p.column in CSV_COLUMNS else -1)
    )
    return _Checked(problems=problems, existing_managers=existing_managers)


def _on_loops(manager_of: dict[str, str]) -> set[str]:
    """The people on a reporting loop, each person walked once (linear in the file)."""
    done: set[str] = set()
    looped: set[str] = set()
    for start in manager_of:
        path: dict[str, int] = {}
        current = start
        while current in manager_of and current not in done and current not in path:
            path[current] = len(path)
            current = manager_of[current]
        if current in path:  # the walk came back to itself: the loop is the rest of the path
            looped.update(list(path)[path[current] :])
        done.update(path)
    return looped


def _levels(emails: list[str], manager_of: dict[str, str]) -> list[list[str]]:
    """The file's people in reporting levels: first those whose manager is not in the file,
    then their reports, and so on, so that each level is inserted with its managers' ids
    known: one INSERT per level of the file's own tree, and no UPDATE of every row after.
    `manager_of` maps a person to their manager in the file (a tree: loops were refused)."""
    depth: dict[str, int] = {}
    for email in emails:
        chain = []
        current = email
        while current not in depth and current in manager_of:
            chain.append(current)
            current = manager_of[current]
        base = depth.setdefault(current, 0)
        for step, person in enumerate(reversed(chain), start=1):
            depth[person] = base + step
    levels: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for email in emails:
        levels[depth[email]].append(email)
    return levels


@transaction.atomic
def employees_import_csv(*, employer: Employer, actor: Individual, data: bytes) -> ImportResult:
    """All or nothing: a file with any problem imports no one, and every problem is listed.

    Validated in memory; then the departments, people, invitations and their e-mails are
    written with a few bulk INSERTs, and the e-mails go after the commit, so a file of
    5,000 rows costs the request about 1.2 s of CPU (bench/invitations_bench.py)."""
    require_hr(actor, employer)
    rows, problems = _read_csv(data)
    if problems:
        return ImportResult(problems=problems)
    checked = _csv_validate(employer, rows)
    if checked.problems:
        return ImportResult(problems=checked.problems)
    departments = _departments_for(employer, rows)
    people: dict[str, Individual] = {}
    in_file_manager: dict[str, str] = {}
    for _, row in rows:
        email, name = row["email"].lower(), row.get("department", "")
        manager = row.get("manager_email", "").lower()
        if manager and manager not in checked.existing_managers:
            in_file_manager[email] = manager
        people[email] = Individual(
            employer=employer,
            email=email,
            first_name=row["first_name"],
            last_name=row.get("last_name", ""),
            job_title=row.get("job_title", ""),
            department=departments[name.lower()] if name else None,
            time_zone=row.get("time_zone") or settings.TIME_ZONE,
            manager_id=checked.existing_managers.get(manager),
        )
    for level in _levels(list(people), in_file_manager):
        for email in level:
            if email in in_file_manager:
                people[email].manager_id = people[in_file_manager[email]].pk
        Individual.objects.bulk_create([people[email] for email in level])
    expires = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitations = Invitation.objects.bulk_create(
        Invitation(
            employer=employer, individual=p, email=p.email, invited_by=actor, expires_at=expires
        )
        for p in people.values()
    )
    emails_queue(invitations)
    audit(
        employer=employer, actor=actor, verb="people.imported", target=employer, count=len(people)
    )
    return ImportResult(invitations=invitations)


def _departments_for(employer: Employer, rows: list[tuple[int, dict]]) -> dict[str, Department]:
    """The departments the file names, by lower-case name; new ones created in one INSERT."""
    departments = {d.name.lower(): d for d in Department.objects.for_employer(employer)}
    new: dict[str, Department] = {}
    for _, row in rows:
        name = row.get("department", "")
        if name and name.lower() not in departments and name.lower() not in new:
            new[name.lower()] = Department(employer=employer, name=name)
    Department.objects.bulk_create(new.values())
    return departments | new
