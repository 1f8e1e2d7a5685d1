"""Invitations: one employee at a time, or many from a CSV file; resend, revoke, accept.

The invitation e-mail goes out inside the caller's transaction, so no one is left invited
without a link.
"""

from __future__ import annotations

import csv
import io
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import Department, Employer, Individual, Invitation, Partnership
from ..permissions import require_hr
from ..timezones import is_valid_zone
from .auditing import audit

User = get_user_model()


# --- invitations -------------------------------------------------------------------------


def _invitation_message(invitation: Invitation) -> EmailMultiAlternatives:
    context = {
        "invitation": invitation,
        "person": invitation.individual,
        "employer": invitation.employer,
        "inviter": invitation.invited_by,
        "accept_url": invitation.get_accept_url(),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = render_to_string("people/email/invitation_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("people/email/invitation_message.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("people/email/invitation_message.html", context), "text/html"
    )
    return message


def _invitations_send(invitations: list[Invitation]) -> None:
    """Send now, inside the caller's transaction: a mail error rolls the invitation back."""
    if not invitations:
        return
    now = timezone.now()
    try:
        with get_connection() as connection:
            connection.send_messages([_invitation_message(i) for i in invitations])
    except (smtplib.SMTPException, OSError) as error:
        # Raised inside the caller's transaction, so no one is left invited without a link.
        raise ValidationError(
            "The invitation e-mail could not be sent, so nothing was saved. "
            "Please try again in a few minutes."
        ) from error
    for invitation in invitations:
        invitation.last_sent_at = now
        invitation.send_count += 1
    Invitation.objects.bulk_update(invitations, ["last_sent_at", "send_count"])


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
    """HR adds an employee to the directory and e-mails them a sign-up link."""
    email = email.strip().lower()
    if Individual.objects.of_employer(employer).filter(email__iexact=email).exists():
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
    _invitations_send([invitation])
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
    gives them their role (coaching's profile) calls this inside its own transaction."""
    require_hr(actor, employer)
    email = email.strip().lower()
    if Individual.objects.of_employer(employer).filter(email__iexact=email).exists():
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
    _invitations_send([invitation])
    audit(employer=employer, actor=actor, verb="invitation.created", target=invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: Individual) -> Invitation:
    """Send the same link again, valid for a fresh period."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(f"This invitation was {invitation.get_state_display().lower()}.")
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["expires_at"])
    _invitations_send([invitation])
    audit(employer=invitation.employer, actor=actor, verb="invitation.resent", target=invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Individual) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError("This invitation was already accepted.")
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
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
class ImportProblem:
    line: int
    column: str
    message: str


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_csv(data: bytes) -> tuple[list[tuple[int, dict]], list[ImportProblem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [ImportProblem(1, "", "The file is not UTF-8 text. Save it as CSV (UTF-8).")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        return [], [ImportProblem(1, c, "This column is missing from the header.") for c in missing]
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        return [], [ImportProblem(1, h, "Unknown column.") for h in unknown]
    reader.fieldnames = header
    rows = []
    for row in reader:
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue
        rows.append((reader.line_num, clean))
    if not rows:
        return [], [ImportProblem(2, "", "The file has no rows under the header.")]
    if len(rows) > CSV_MAX_ROWS:
        return [], [ImportProblem(1, "", f"At most {CSV_MAX_ROWS} rows per file.")]
    return rows, []


def _csv_validate(employer: Employer, rows: list[tuple[int, dict]]) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    emails = [r["email"].lower() for _, r in rows]
    taken = set(
        Individual.objects.of_employer(employer)
        .filter(email__in=emails)
        .values_list("email", flat=True)
    ) | set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    managers_needed = {r.get("manager_email", "").lower() for _, r in rows} - {""}
    existing_managers = set(
        Individual.objects.of_employer(employer)
        .employees()
        .filter(email__in=managers_needed)
        .values_list("email", flat=True)
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
            elif manager not in existing_managers and manager not in {e for e in emails}:
                problems.append(
                    ImportProblem(
                        line,
                        "manager_email",
                        f"No employee {manager} in the directory or in this file.",
                    )
                )
            manager_of[email] = manager
    # A reporting loop inside the file (a -> b -> a) is refused on the first line it reaches.
    for line, row in rows:
        email, hops, current = row["email"].lower(), set(), row["email"].lower()
        while current in manager_of and current not in hops:
            hops.add(current)
            current = manager_of[current]
        if current == email and email in manager_of:
            problems.append(ImportProblem(line, "manager_email", "This makes a reporting loop."))
    return sorted(
        problems,
        key=lambda p: (p.line, CSV_COLUMNS.index(p.column) if p.column in CSV_COLUMNS else -1),
    )


@transaction.atomic
def employees_import_csv(*, employer: Employer, actor: Individual, data: bytes) -> ImportResult:
    """All or nothing: a file with any problem imports no one, and every problem is listed."""
    rows, problems = _read_csv(data)
    if not problems:
        problems = _csv_validate(employer, rows)
    if problems:
        return ImportResult(problems=problems)
    departments = {d.name.lower(): d for d in Department.objects.filter(employer=employer)}
    people: dict[str, Individual] = {}
    for _, row in rows:
        name = row.get("department", "")
        if name and name.lower() not in departments:
            departments[name.lower()] = Department.objects.create(employer=employer, name=name)
        people[row["email"].lower()] = Individual(
            employer=employer,
            email=row["email"].lower(),
            first_name=row["first_name"],
            last_name=row.get("last_name", ""),
            job_title=row.get("job_title", ""),
            department=departments.get(name.lower()) if name else None,
            time_zone=row.get("time_zone") or settings.TIME_ZONE,
        )
    Individual.objects.bulk_create(people.values())
    existing = {
        p.email: p
        for p in Individual.objects.of_employer(employer).filter(
            email__in={r.get("manager_email", "").lower() for _, r in rows} - set(people)
        )
    }
    for _, row in rows:
        manager = row.get("manager_email", "").lower()
        if manager:
            people[row["email"].lower()].manager = people.get(manager) or existing[manager]
    Individual.objects.bulk_update(people.values(), ["manager"])
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                employer=employer,
                individual=p,
                email=p.email,
                invited_by=actor,
                expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
            )
            for p in people.values()
        ]
    )
    _invitations_send(invitations)
    audit(
        employer=employer, actor=actor, verb="people.imported", target=employer, count=len(people)
    )
    return ImportResult(invitations=invitations)
