"""Offerings of every kind and the enrollments in them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import (
    Department,
    Employer,
    EmployerScopedQuerySet,
    Individual,
)


class OfferingPartQuerySet(EmployerScopedQuerySet):
    """Sessions, slots, cohorts and policy versions belong to the employer of their offering."""

    employer_lookup = "offering__employer"


class Offering(models.Model):
    class Kind(models.TextChoices):
        COACHING = "coaching", "Career coaching program"
        MENTORSHIP = "mentorship", "Mentorship program"
        TRAINING = "training", "Training course"
        WORKSHOP = "workshop", "Workshop"
        CONFERENCE = "conference", "Conference"
        NETWORKING = "networking", "Networking event"
        CAREER_FAIR = "career_fair", "Career fair or expo"
        JOB_SHADOWING = "job_shadowing", "Job shadowing"
        REENTRY = "reentry", "Re-entry (returnship) program"
        RESUME_REVIEW = "resume_review", "Job search: résumé review"
        INTERVIEW_PRACTICE = "interview_practice", "Job search: interview practice"
        SALARY_NEGOTIATION = "salary_negotiation", "Job search: salary negotiation"
        EAP = "eap", "Employee assistance program (EAP)"
        WELLNESS = "wellness", "Wellness"
        CHILDCARE = "childcare", "Childcare support"
        MANAGER_TRAINING = "manager_training", "Manager training"
        ERG = "erg", "Employee resource group"
        POLICY = "policy", "Family-friendly policy"

    # Kinds whose enrollment is a set of dated sessions to register for.
    EVENT_KINDS = {
        Kind.WORKSHOP,
        Kind.CONFERENCE,
        Kind.NETWORKING,
        Kind.CAREER_FAIR,
        Kind.TRAINING,
        Kind.MANAGER_TRAINING,
        Kind.ERG,
        Kind.WELLNESS,
    }
    # Kinds handed on to another app's flow after enrollment.
    HANDOFF_KINDS = {Kind.COACHING, Kind.MENTORSHIP}
    # Kinds whose workflow works with names, so they cannot be confidential: HR matches
    # coachees and mentees, records a returner's path, sees who acknowledged a policy;
    # a host sees who shadows them and group members see each other.
    NAMED_KINDS = {
        Kind.COACHING,
        Kind.MENTORSHIP,
        Kind.REENTRY,
        Kind.POLICY,
        Kind.JOB_SHADOWING,
        Kind.ERG,
    }

    # What means nothing for a kind, so its page leaves it out and HR cannot set it: a
    # policy is read and acknowledged (no seats, format, place or enrollment to ask for);
    # an EAP is a confidential service open to everyone it is for (no seats).
    NO_SEATS = {Kind.POLICY, Kind.EAP}
    NO_FORMAT = {Kind.POLICY}
    NO_ENROLLMENT = {Kind.POLICY}

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class Provider(models.TextChoices):
        INTERNAL = "internal", "Internal"
        EXTERNAL = "external", "External partner organisation"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="offerings")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Audience: a person qualifies through any ticked group; departments narrow it further.
    for_employees = models.BooleanField("all employees", default=True)
    for_partners = models.BooleanField("partners of employees", default=False)
    for_managers = models.BooleanField("managers", default=False)
    for_caregivers = models.BooleanField("parents and caregivers", default=False)
    for_returners = models.BooleanField("returners from a career break", default=False)
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="offerings",
        help_text="Leave empty for every department; otherwise only people in these.",
    )
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.INTERNAL)
    provider_name = models.CharField(
        "partner organisation", max_length=200, blank=True, help_text="For an external provider."
    )
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    location = models.CharField(max_length=300, blank=True)
    online_url = models.URLField("online link", blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        # Zero seats would waitlist everyone; an absurd number is a typo, and beyond the
        # database's integer range it would be a server error instead of a message.
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="Seats; leave empty for no limit.",
    )
    enrollment_opens_at = models.DateTimeField(null=True, blank=True)
    enrollment_closes_at = models.DateTimeField(null=True, blank=True)
    needs_approval = models.BooleanField("enrollment needs HR approval", default=False)
    is_confidential = models.BooleanField(
        "confidential", default=False, help_text="HR sees counts only, never names (e.g. EAP)."
    )
    created_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "title", "id"]
        indexes = [
            models.Index(fields=["employer", "status", "starts_on"]),
            models.Index(fields=["employer", "kind"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:offering-detail", args=[self.pk])

    @property
    def is_event(self) -> bool:
        return self.kind in self.EVENT_KINDS

    @property
    def is_handoff(self) -> bool:
        return self.kind in self.HANDOFF_KINDS

    @property
    def has_seats(self) -> bool:
        return self.kind not in self.NO_SEATS

    @property
    def has_format(self) -> bool:
        return self.kind not in self.NO_FORMAT

    @property
    def has_enrollment(self) -> bool:
        return self.kind not in self.NO_ENROLLMENT

    @property
    def audience_labels(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in (
                "for_employees",
                "for_partners",
                "for_managers",
                "for_caregivers",
                "for_returners",
            )
            if getattr(self, name)
        ]

    def enrollment_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED:
            return False
        if self.enrollment_opens_at and now < self.enrollment_opens_at:
            return False
        if self.ends_on and now.astimezone(timezone.get_current_timezone()).date() > self.ends_on:
            return False
        return not (self.enrollment_closes_at and now > self.enrollment_closes_at)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date is before the start date."
        if (
            self.enrollment_opens_at
            and self.enrollment_closes_at
            and self.enrollment_closes_at < self.enrollment_opens_at
        ):
            errors["enrollment_closes_at"] = "Enrollment closes before it opens."
        if self.enrollment_closes_at and self.ends_on:
            last_day = self.enrollment_closes_at.astimezone(timezone.get_current_timezone()).date()
            if last_day > self.ends_on:
                errors["enrollment_closes_at"] = (
                    f"Enrollment closes after the offering has ended (on {self.ends_on:%d %b %Y})."
                )
        # A policy has no format: neither a place nor a link is asked of it.
        in_place = self.format in (self.Format.IN_PERSON, self.Format.HYBRID)
        online = self.format in (self.Format.ONLINE, self.Format.HYBRID)
        if self.has_format and in_place and not self.location:
            errors["location"] = "An in-person or hybrid offering needs a location."
        if self.has_format and online and not self.online_url:
            errors["online_url"] = "An online or hybrid offering needs a link."
        kind = self.get_kind_display().lower() if self.kind in self.Kind.values else ""
        if not self.has_seats and self.capacity is not None:
            errors["capacity"] = f"A {kind} has no seats: leave the capacity empty."
        if not self.has_enrollment:
            if self.enrollment_opens_at or self.enrollment_closes_at:
                errors["enrollment_opens_at"] = (
                    f"A {kind} is read and acknowledged, not enrolled in: leave the "
                    "enrollment window empty."
                )
            if self.needs_approval:
                errors["needs_approval"] = f"A {kind} is acknowledged without approval."
        if self.provider == self.Provider.EXTERNAL and not self.provider_name:
            errors["provider_name"] = "Name the partner organisation that provides it."
        if not any(
            (
                self.for_employees,
                self.for_partners,
                self.for_managers,
                self.for_caregivers,
                self.for_returners,
            )
        ):
            errors["for_employees"] = "Choose at least one audience."
        if self.is_confidential and self.needs_approval:
            # Approving would show HR who asked; confidential means counts only.
            errors["needs_approval"] = "A confidential offering cannot need approval."
        if self.kind == self.Kind.EAP and not self.is_confidential:
            errors["is_confidential"] = "An EAP is always confidential."
        if self.is_confidential and self.kind in self.NAMED_KINDS:
            errors["is_confidential"] = (
                f"A {self.get_kind_display().lower()} cannot be confidential: "
                "the people in it work with each other's names."
            )
        if errors:
            raise ValidationError(errors)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for approval"
        ENROLLED = "enrolled", "Enrolled"
        WAITLISTED = "waitlisted", "On the waitlist"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        COMPLETED = "completed", "Completed"

    ACTIVE = (Status.REQUESTED, Status.ENROLLED, Status.WAITLISTED)
    # Who holds a seat of the capacity: a completed person used theirs in this run, so
    # completing one frees nothing (else a newcomer would take it ahead of the waitlist).
    SEATED = (Status.ENROLLED, Status.COMPLETED)

    class Handoff(models.TextChoices):
        NONE = "", "Not applicable"
        WAITING = "waiting", "Waiting to be matched"
        MATCHED = "matched", "Matched"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        NONE = "", "No outcome yet"
        PLACED = "placed", "Placed in a role"
        EXTENDED = "extended", "Extended"
        EXITED = "exited", "Exited"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(max_length=16, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_lead = models.BooleanField(default=False, help_text="Leads an employee resource group.")
    # The hook for coaching and mentorship: those apps set the status and where to go next.
    handoff_status = models.CharField(
        max_length=16, choices=Handoff.choices, default=Handoff.NONE, blank=True
    )
    handoff_url = models.CharField(max_length=500, blank=True)
    cohort = models.ForeignKey(
        "Cohort", on_delete=models.SET_NULL, null=True, blank=True, related_name="participants"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default="", blank=True)
    # When the person took a seat, and when that participation ended (completed, or withdrawn
    # after taking a seat): what the outcome reports count by period.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "person"], name="enrollment_once"),
        ]
        indexes = [
            models.Index(fields=["offering", "status", "waitlist_position"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["employer", "status", "created_at"]),
            # HR's approval queue reads only requests; the offering id is in the key so the
            # count needs no visit to the table.
            models.Index(
                fields=["employer", "created_at", "offering"],
                condition=Q(status="requested"),
                name="enrollment_requested_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.offering} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
