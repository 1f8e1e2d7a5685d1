"""Coaching: the coach pool, engagements from intake to review, availability, sessions, notes.

Times of availability are wall-clock times in the coach's zone (`CoachProfile.time_zone`);
sessions are instants (UTC), shown in each viewer's own zone.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual
from careersupport.people.timezones import validate_time_zone, zone_or_utc

from .constraints import PostgresExclusionConstraint, TsTzRange


class Specialty(models.TextChoices):
    CAREER_CHANGE = "career_change", "Career change"
    LEADERSHIP = "leadership", "Leadership"
    RESUME = "resume", "Résumé and LinkedIn"
    INTERVIEW = "interview", "Interview practice"
    SALARY = "salary", "Salary negotiation"
    PARTNER_JOB_SEARCH = "partner_job_search", "Job search for partners"
    REENTRY = "reentry", "Re-entry after a break"
    WORK_LIFE = "work_life", "Work-life balance"
    WORKING_PARENTS = "working_parents", "Working parents"
    FINANCIAL = "financial", "Financial planning"


LANGUAGES = [
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("sv", "Swedish"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
    ("hi", "Hindi"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
]
LANGUAGE_LABELS = dict(LANGUAGES)
SPECIALTY_LABELS = dict(Specialty.choices)

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
WEEKDAY_LABELS = dict(WEEKDAYS)

# Parts of the day a person may prefer, as local hours [start, end).
DAY_PARTS = {"morning": (8, 12), "afternoon": (12, 17), "evening": (17, 21)}
DAY_PART_CHOICES = [
    ("morning", "Mornings (8–12)"),
    ("afternoon", "Afternoons (12–17)"),
    ("evening", "Evenings (17–21)"),
]
DAY_PART_LABELS = dict(DAY_PART_CHOICES)


def _choice_list(value, choices, what: str) -> None:
    allowed = {str(c) for c, _ in choices}
    if not isinstance(value, list) or any(str(v) not in allowed for v in value):
        raise ValidationError(f"Choose {what} from the list.")


class CoachingSettingsQuerySet(EmployerScopedQuerySet):
    pass


class CoachingSettings(models.Model):
    """What an employer decides about coaching; HR edits it. A missing row means defaults."""

    employer = models.OneToOneField(
        Employer, on_delete=models.CASCADE, related_name="coaching_settings"
    )
    direct_requests = models.BooleanField(
        "people may ask for a coach directly",
        default=True,
        help_text="Otherwise only people enrolled in a coaching programme are matched.",
    )
    notice_hours = models.PositiveSmallIntegerField(
        "minimum notice for reschedule or cancel (hours)",
        default=24,
        validators=[MaxValueValidator(336, "At most two weeks (336 hours).")],
        help_text="Closer to the session, only the coach can move or cancel it.",
    )
    sessions_default = models.PositiveSmallIntegerField(
        "sessions per engagement",
        default=6,
        validators=[
            MinValueValidator(1, "At least one session."),
            MaxValueValidator(50, "At most 50 sessions."),
        ],
        help_text="What a new engagement starts with; the coach may agree another number.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachingSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "coaching settings"

    def __str__(self) -> str:
        return f"Coaching settings of {self.employer}"

    @property
    def notice(self) -> timedelta:
        return timedelta(hours=self.notice_hours)


class CoachProfileQuerySet(EmployerScopedQuerySet):
    def active(self) -> CoachProfileQuerySet:
        return self.filter(status=CoachProfile.Status.ACTIVE)


class CoachProfile(models.Model):
    """Having one makes a person a coach: internal (an employee) or external (an account HR
    invited, from a named provider organisation)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused (takes no new coachees)"

    SESSION_LENGTHS = [(30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"), (90, "90 minutes")]

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    individual = models.OneToOneField(
        Individual, on_delete=models.CASCADE, related_name="coach_profile"
    )
    provider_name = models.CharField(
        "provider organisation",
        max_length=200,
        blank=True,
        help_text="The organisation an external coach works for.",
    )
    bio = models.TextField(blank=True)
    specialties = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Your weekly availability is in this zone.",
    )
    capacity = models.PositiveSmallIntegerField(
        "capacity (coachees at once)",
        default=6,
        validators=[
            MinValueValidator(1, "At least one coachee."),
            MaxValueValidator(100, "At most 100 coachees."),
        ],
    )
    coaches_partners = models.BooleanField("coaches partners of employees", default=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    session_minutes = models.PositiveSmallIntegerField(
        "session length", choices=SESSION_LENGTHS, default=60
    )
    online_url = models.URLField("online meeting link", blank=True)
    location = models.CharField("place", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachProfileQuerySet.as_manager()

    class Meta:
        ordering = ["individual__last_name", "individual__first_name", "id"]
        indexes = [models.Index(fields=["employer", "status"])]

    def __str__(self) -> str:
        return f"Coach {self.individual}"

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def is_internal(self) -> bool:
        return self.individual.kind == Individual.Kind.EMPLOYEE

    @property
    def specialty_labels(self) -> list[str]:
        return [SPECIALTY_LABELS.get(s, s) for s in self.specialties]

    @property
    def language_labels(self) -> list[str]:
        return [LANGUAGE_LABELS.get(code, code) for code in self.languages]

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        try:
            _choice_list(self.specialties, Specialty.choices, "specialties")
        except ValidationError as error:
            errors["specialties"] = error.messages
        try:
            _choice_list(self.languages, LANGUAGES, "languages")
        except ValidationError as error:
            errors["languages"] = error.messages
        person = self.individual if self.individual_id else None
        if person is not None:
            if person.employer_id != self.employer_id:
                errors["individual"] = "A coach belongs to the employer whose pool they are in."
            if person.kind == Individual.Kind.PARTNER:
                errors["individual"] = "A partner of an employee cannot be a coach here."
            if person.kind == Individual.Kind.EXTERNAL and not self.provider_name.strip():
                errors["provider_name"] = "Name the organisation an external coach works for."
        if errors:
            raise ValidationError(errors)


class ThroughCoachQuerySet(EmployerScopedQuerySet):
    employer_lookup = "coach__employer"


class ThroughEngagementQuerySet(EmployerScopedQuerySet):
    employer_lookup = "engagement__employer"


class AvailabilityWindow(models.Model):
    """A weekly recurring window in the coach's zone, cut into sessions of their length."""

    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    starts_at = models.TimeField("from")
    ends_at = models.TimeField("until")

    objects = ThroughCoachQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The window must end after it starts."})


class AvailabilityException(models.Model):
    """A day (or part of one) off, or extra time on one date, in the coach's zone."""

    class Kind(models.TextChoices):
        OFF = "off", "Not available"
        EXTRA = "extra", "Extra time"

    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.OFF)
    # An "off" without times is the whole day; extra time always has both.
    starts_at = models.TimeField("from", null=True, blank=True)
    ends_at = models.TimeField("until", null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = ThroughCoachQuerySet.as_manager()

    class Meta:
        ordering = ["date", "starts_at", "id"]
        indexes = [models.Index(fields=["coach", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"

    @property
    def whole_day(self) -> bool:
        return self.starts_at is None and self.ends_at is None

    def clean(self) -> None:
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValidationError({"ends_at": "Give both times, or neither for the whole day."})
        if self.kind == self.Kind.EXTRA and self.starts_at is None:
            raise ValidationError({"starts_at": "Extra time needs its hours."})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The time must end after it starts."})


class EngagementQuerySet(EmployerScopedQuerySet):
    def live(self) -> EngagementQuerySet:
        return self.filter(status__in=Engagement.LIVE)


class Engagement(models.Model):
    """One person's coaching: intake, matching, the sessions agreed and held, the end.

    `coach` is empty while the person chooses (requested, chemistry); once a coach is asked
    it is set while the engagement stays `requested` until they accept (`active`).
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        CHEMISTRY = "chemistry", "Chemistry calls"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    LIVE = (Status.REQUESTED, Status.CHEMISTRY, Status.ACTIVE, Status.PAUSED)
    ENDED = (Status.COMPLETED, Status.CANCELLED)
    UNDER_WAY = (Status.ACTIVE, Status.PAUSED)

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    coachee = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="coaching_engagements"
    )
    coach = models.ForeignKey(
        Individual,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coached_engagements",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    enrollment = models.ForeignKey(
        "programs.Enrollment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_engagements",
    )
    # Intake: what the person wants help with, in their own words and time zone.
    topics = models.JSONField("what you want help with", default=list, blank=True)
    intake_text = models.TextField("in your own words", blank=True)
    languages = models.JSONField(
        "languages you would like to be coached in", default=list, blank=True
    )
    preferred_days = models.JSONField(default=list, blank=True)
    preferred_times = models.JSONField(default=list, blank=True)
    shortlist = models.ManyToManyField(Individual, blank=True, related_name="+")
    sessions_agreed = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    coach_asked_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField("planned end", null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coachee"],
                condition=Q(status__in=["requested", "chemistry", "active", "paused"]),
                name="engagement_one_live_per_coachee",
            )
        ]
        indexes = [
            models.Index(fields=["coach", "status"]),
            models.Index(fields=["coachee", "status"]),
            models.Index(fields=["employer", "status", "created_at"]),
            # Matching counts every coach's places taken in one pass of this index alone.
            models.Index(
                fields=["employer", "coach"],
                condition=Q(status__in=["requested", "active", "paused"], coach__isnull=False),
                name="engagement_holding_places",
            ),
            # HR's list of people waiting for a coach, the longest waiting first.
            models.Index(
                fields=["employer", "created_at"],
                condition=Q(status__in=["requested", "chemistry"]),
                name="engagement_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"Coaching of {self.coachee} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("coaching:engagement", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def is_under_way(self) -> bool:
        return self.status in self.UNDER_WAY

    @property
    def awaiting_coach(self) -> bool:
        return self.status == self.Status.REQUESTED and self.coach_id is not None

    @property
    def choosing(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.CHEMISTRY) and not self.coach_id

    @property
    def topic_labels(self) -> list[str]:
        return [SPECIALTY_LABELS.get(t, t) for t in self.topics]

    @property
    def language_labels(self) -> list[str]:
        return [LANGUAGE_LABELS.get(code, code) for code in self.languages]

    @property
    def preferences_text(self) -> str:
        """ "Mondays, Wednesdays · mornings", in the person's own zone."""
        days = ", ".join(f"{WEEKDAY_LABELS.get(d, d)}s" for d in self.preferred_days)
        parts = ", ".join(
            DAY_PART_LABELS.get(p, p).split(" (")[0].lower() for p in self.preferred_times
        )
        return " · ".join(text for text in (days, parts) if text)

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        for name, choices in (
            ("topics", Specialty.choices),
            ("languages", LANGUAGES),
            ("preferred_days", WEEKDAYS),
            ("preferred_times", DAY_PART_CHOICES),
        ):
            try:
                _choice_list(getattr(self, name), choices, name.replace("_", " "))
            except ValidationError as error:
                errors[name] = error.messages
        if self.coach_id and self.coach_id == self.coachee_id:
            errors["coach"] = "Nobody coaches themselves."
        if errors:
            raise ValidationError(errors)


class CoachDecline(models.Model):
    """A coach said no to an engagement, with a message the person reads."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="declines")
    coach = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = ThroughEngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.coach} declined {self.engagement}"


class SessionQuerySet(EmployerScopedQuerySet):
    employer_lookup = "engagement__employer"

    def live(self) -> SessionQuerySet:
        return self.exclude(status=Session.Status.CANCELLED)


LIVE_SESSION = ~Q(status="cancelled")


class Session(models.Model):
    """A coaching session or a chemistry call: one coach, one coachee, one time range.

    The coach and the coachee are copied from the engagement (a chemistry call's coach is
    one of the person's shortlist) so the database can refuse overlaps per person."""

    class Kind(models.TextChoices):
        SESSION = "session", "Coaching session"
        CHEMISTRY = "chemistry", "Chemistry call"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        HELD = "held", "Held"
        NO_SHOW = "no_show", "No-show"
        CANCELLED = "cancelled", "Cancelled"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    coach = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    coachee = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SESSION)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # The coach's zone when it was booked: calendar files show it where the coach is.
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    online_url = models.URLField("online link", blank=True)
    location = models.CharField("place", max_length=300, blank=True)
    # Bumped on every move: the calendar's SEQUENCE and the occurrence of its reminders.
    version = models.PositiveIntegerField(default=1)
    booked_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="coaching_session_ends_after"
            ),
            # PostgreSQL only (see constraints.py): no two live sessions of one coach, or of
            # one coachee, overlap. The range is [start, end), so back-to-back is allowed.
            PostgresExclusionConstraint(
                name="coaching_session_no_coach_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("coach", RangeOperators.EQUAL),
                ],
                condition=LIVE_SESSION,
                violation_error_message="The coach already has a session at that time.",
            ),
            PostgresExclusionConstraint(
                name="coaching_session_no_coachee_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("coachee", RangeOperators.EQUAL),
                ],
                condition=LIVE_SESSION,
                violation_error_message="You already have a session at that time.",
            ),
        ]
        indexes = [
            models.Index(fields=["coach", "starts_at"]),
            models.Index(fields=["coachee", "starts_at"]),
            models.Index(fields=["engagement", "status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.coach} / {self.coachee} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("coaching:session", args=[self.pk])

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def is_chemistry(self) -> bool:
        return self.kind == self.Kind.CHEMISTRY

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def other_side(self, person: Individual) -> int:
        return self.coachee_id if person.pk == self.coach_id else self.coach_id


class Note(models.Model):
    """Shared notes (agenda, actions) the pair both read, and the coach's private notes.

    Confidential: never shown to managers, HR, other coaches, in a CSV, report, audit row,
    e-mail or reminder, nor in the Django admin."""

    class Visibility(models.TextChoices):
        SHARED = "shared", "Shared with the coachee"
        PRIVATE = "private", "Private (only me)"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="notes")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    author = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.SHARED
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThroughEngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["engagement", "visibility", "created_at"])]

    def __str__(self) -> str:
        # Never the text: a note's repr reaches logs and the admin.
        return f"{self.get_visibility_display()} note #{self.pk}"

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE


RATING = [MinValueValidator(1, "Rate from 1 to 5."), MaxValueValidator(5, "Rate from 1 to 5.")]


class SessionFeedback(models.Model):
    """The coachee's rating of a held session. HR sees aggregates only (5 people or more)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="feedback")
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    coachee = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(validators=RATING)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ThroughEngagementQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["coach", "coachee"])]

    def __str__(self) -> str:
        return f"Feedback on session #{self.session_id}"


class FinalReview(models.Model):
    """The coachee's short review at the end of an engagement."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="final_review"
    )
    goal_progress = models.PositiveSmallIntegerField(
        "progress on your goals (1–5)", validators=RATING
    )
    would_recommend = models.BooleanField("would you recommend your coach?")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ThroughEngagementQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Final review of engagement #{self.engagement_id}"
