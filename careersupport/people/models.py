"""Employers (the tenants), the people in them, partnerships, invitations and the audit trail."""

from __future__ import annotations

import secrets
import zoneinfo
from functools import cached_property
from typing import ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from .timezones import validate_time_zone, zone_or_utc


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A login. Who the person is at an employer lives on `Individual`."""

    username = None  # type: ignore[assignment]  # e-mail is the login
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    def __str__(self) -> str:
        return self.email


class Employer(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EmployerScopedQuerySet(models.QuerySet):
    """The base of every employer-owned model's queryset: `for_employer` is the one place a
    query is scoped to a tenant. Models whose rows belong to an employer through a parent
    (say, a session through its offering) override `employer_lookup`.

    `tests/test_tenancy_layer.py` walks every model and fails for one that belongs to an
    employer and whose default manager lacks `for_employer`."""

    employer_lookup = "employer"

    def for_employer(self, employer: Employer | int) -> Self:
        employer_id = employer if isinstance(employer, int) else employer.pk
        return self.filter(**{f"{self.employer_lookup}_id": employer_id})


class Department(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=120)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class IndividualQuerySet(EmployerScopedQuerySet):
    def employees(self) -> IndividualQuerySet:
        return self.filter(kind=Individual.Kind.EMPLOYEE)

    def active(self) -> IndividualQuerySet:
        return self.filter(deactivated_at__isnull=True)

    def with_has_reports(self) -> IndividualQuerySet:
        """Each person with `has_reports`, which `is_manager` reads instead of asking again."""
        return self.annotate(
            has_reports=Exists(Individual.objects.active().filter(manager=OuterRef("pk")))
        )


class Individual(models.Model):
    """A person's profile at one employer: an employee, a partner or an external coach."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", "Employee"
        PARTNER = "partner", "Partner of an employee"
        EXTERNAL = "external", "External coach or provider"

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="individual",
    )
    email = models.EmailField("work e-mail")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What you like to be called, if not your first name."
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EMPLOYEE)
    job_title = models.CharField(max_length=150, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    # No `choices`: the list of zones changes with the tz database (people/timezones.py).
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    notification_email = models.EmailField(
        blank=True, help_text="Where reminders go, if not to your sign-in address."
    )
    is_hr_admin = models.BooleanField("HR admin", default=False)
    # Self-declared and confidential: they open offerings, they are never shown to managers.
    is_caregiver = models.BooleanField("parent or caregiver", default=False)
    is_returner = models.BooleanField("returning from a career break", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = IndividualQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "email"], name="individual_unique_email"),
            models.CheckConstraint(
                condition=~Q(manager=models.F("id")), name="individual_not_own_manager"
            ),
        ]
        indexes = [
            models.Index(fields=["employer", "kind", "last_name"]),
            models.Index(fields=["employer", "last_name", "first_name"]),
            models.Index(fields=["employer", "email"]),
            # Who has left, a handful among thousands: whose manager is gone (requests).
            models.Index(
                fields=["employer"],
                condition=Q(deactivated_at__isnull=False),
                name="individual_departed",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:person-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def full_name(self) -> str:
        return f"{self.display_name} {self.last_name}".strip()

    @property
    def is_employee(self) -> bool:
        return self.kind == self.Kind.EMPLOYEE

    @property
    def is_partner(self) -> bool:
        return self.kind == self.Kind.PARTNER

    @cached_property
    def is_manager(self) -> bool:
        """A manager is anyone with direct reports (`has_reports` when loaded annotated)."""
        if not self.is_employee:
            return False
        if "has_reports" in self.__dict__:
            return self.__dict__["has_reports"]
        return self.reports.filter(deactivated_at__isnull=True).exists()

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def contact_email(self) -> str:
        return self.notification_email or (self.user.email if self.user_id else self.email)

    def clean(self) -> None:
        if self.manager_id and self.manager_id == self.pk:
            raise ValidationError({"manager": "A person cannot be their own manager."})
        if self.manager_id and self.manager.employer_id != self.employer_id:
            raise ValidationError({"manager": "The manager must work for the same employer."})
        if self.kind != self.Kind.EMPLOYEE and self.is_hr_admin:
            raise ValidationError({"is_hr_admin": "Only employees can be HR admins."})
        if self.manager_id and self.kind != self.Kind.EMPLOYEE:
            raise ValidationError({"manager": "Only employees have a manager."})


class PartnershipQuerySet(EmployerScopedQuerySet):
    def open(self) -> PartnershipQuerySet:
        """Invited or active: the partnership an employee (or a partner) has at most one of."""
        return self.filter(status__in=Partnership.OPEN)

    def active(self) -> PartnershipQuerySet:
        return self.filter(status=Partnership.Status.ACTIVE)


class Partnership(models.Model):
    """An employee and the partner they invited. The partner's data stays the partner's."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    OPEN = (Status.INVITED, Status.ACTIVE)

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="partnerships")
    employee = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="partnerships_as_employee"
    )
    partner = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="partnerships_as_partner"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.INVITED)
    # Each side decides for itself whether the other may see its shared goals.
    employee_shares_goals = models.BooleanField(default=False)
    partner_shares_goals = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # At most one open partnership (the statuses of `OPEN`) on each side.
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(status__in=["invited", "active"]),
                name="partnership_one_open_per_employee",
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(status__in=["invited", "active"]),
                name="partnership_one_open_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} & {self.partner} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def other_side(self, individual: Individual) -> Individual:
        return self.partner if individual.pk == self.employee_id else self.employee

    def shares_goals_from(self, individual: Individual) -> bool:
        if individual.pk == self.employee_id:
            return self.employee_shares_goals
        return self.partner_shares_goals


def new_invitation_key() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(EmployerScopedQuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use sign-up link for one `Individual`; resending re-sends the same link."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    individual = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, default=new_invitation_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["employer", "accepted_at", "revoked_at", "expires_at"])]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    def get_accept_url(self) -> str:
        return settings.SITE_URL + reverse("people:invitation-accept", args=[self.key])

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return self.State(self.state).label


class InvitationEmailQuerySet(EmployerScopedQuerySet):
    employer_lookup = "invitation__employer"


class InvitationEmail(models.Model):
    """The outbox row of an invitation's e-mail: saved with the invitation, sent after the
    commit by a Celery task, retried when it fails and shown to HR (or to the employee who
    invited their partner) when it fails for good. Delivery follows the engine of
    `careersupport/notifications/outbox.py`; each request to send (the first, every resend)
    is a new `round` and its own Message-ID."""

    class State(models.TextChoices):
        PENDING = "pending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Not sent (withdrawn)"

    # Of the employer through its invitation: a CSV import writes thousands of these in the
    # request, and each column, index and foreign key checked at commit is paid per row.
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="delivery")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    round = models.PositiveIntegerField(default=1)
    # When the dispatcher next looks at a pending row: now, then the end of a claim's lease
    # or of a retry's back-off.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvitationEmailQuerySet.as_manager()

    class Meta:
        indexes = [
            # The dispatcher's claim reads pending rows only, however many were sent.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="invitationemail_pending_next",
            ),
            # HR's count of failed sends on the home card and the failures page.
            models.Index(
                fields=["invitation"], condition=Q(state="failed"), name="invitationemail_failed"
            ),
        ]

    def __str__(self) -> str:
        return f"E-mail of {self.invitation} ({self.get_state_display()})"

    @property
    def failure_summary(self) -> str:
        """The last error in words HR can act on (the stored one is the detail)."""
        from careersupport.notifications.failures import mail_error_summary

        return mail_error_summary(self.last_error)


class AuditEvent(models.Model):
    """Who did what to which record: every service that changes people writes one."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.BigIntegerField()
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["employer", "target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_type}#{self.target_id}"
