"""Mentorship: expertise topics, mentor profiles, what mentees look for, requests, HR's
matching runs, mentorships with their agreement, meeting log, fit answers and feedback.

A mentorship programme is a `programs.Offering` of kind mentorship plus its `Programme`
row here (score weights, whether partners may take part, agreement defaults).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual
from programs.models import Enrollment, Offering

LANGUAGES = [
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("fi", "Finnish"),
    ("no", "Norwegian"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
    ("hi", "Hindi"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
]
LANGUAGE_NAMES = dict(LANGUAGES)
WEIGHT = [MinValueValidator(0), MaxValueValidator(10)]


def codes_to_field(codes) -> str:
    """A set of codes stored as ",a,b," so one `contains` finds a member on any database."""
    codes = sorted({c for c in codes if c})
    return f",{','.join(codes)}," if codes else ""


def field_to_codes(value: str) -> list[str]:
    return [c for c in value.split(",") if c]


class Topic(models.Model):
    """An expertise topic from the employer's list, which HR keeps."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    # Goal categories (careersupport.goals) this topic helps with: the score's "goal fit".
    goal_categories = models.CharField(max_length=200, blank=True)
    archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="mentorship_topic_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def categories(self) -> list[str]:
        return field_to_codes(self.goal_categories)


class Programme(models.Model):
    """The mentorship settings of one mentorship offering."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        BIWEEKLY = "biweekly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"

    CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30}

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    offering = models.OneToOneField(
        Offering, on_delete=models.CASCADE, related_name="mentorship_programme"
    )
    weight_topics = models.PositiveSmallIntegerField("shared topics", default=5, validators=WEIGHT)
    weight_goals = models.PositiveSmallIntegerField("goal fit", default=3, validators=WEIGHT)
    weight_department = models.PositiveSmallIntegerField(
        "department preference", default=1, validators=WEIGHT
    )
    weight_language = models.PositiveSmallIntegerField("language", default=2, validators=WEIGHT)
    weight_timezone = models.PositiveSmallIntegerField(
        "time-zone overlap", default=2, validators=WEIGHT
    )
    weight_seniority = models.PositiveSmallIntegerField(
        "seniority gap", default=2, validators=WEIGHT
    )
    weight_capacity = models.PositiveSmallIntegerField(
        "free capacity", default=1, validators=WEIGHT
    )
    allows_partners = models.BooleanField(
        "partners of employees may take part",
        default=False,
        help_text="Only mentors open to mentoring partners are suggested to them.",
    )
    default_cadence = models.CharField(
        "default meeting cadence", max_length=16, choices=Cadence.choices, default="biweekly"
    )
    default_weeks = models.PositiveSmallIntegerField(
        "default length (weeks)",
        default=26,
        validators=[MinValueValidator(4), MaxValueValidator(104)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    WEIGHT_FIELDS = (
        "weight_topics",
        "weight_goals",
        "weight_department",
        "weight_language",
        "weight_timezone",
        "weight_seniority",
        "weight_capacity",
    )

    def __str__(self) -> str:
        return self.offering.title

    def get_absolute_url(self) -> str:
        return reverse("mentorship:manage-programme", args=[self.offering_id])

    def clean(self) -> None:
        if self.offering.kind != Offering.Kind.MENTORSHIP:
            raise ValidationError("Only a mentorship offering has mentorship settings.")
        if not any(getattr(self, name) for name in self.WEIGHT_FIELDS):
            raise ValidationError(
                {"weight_topics": "Give at least one part of the score a weight."}
            )


class MentorProfile(models.Model):
    """An employee who volunteers as a mentor: "has a MentorProfile" is the mentor role."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        Individual, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="mentors")
    years_experience = models.PositiveSmallIntegerField(
        "years of experience", default=5, validators=[MaxValueValidator(60)]
    )
    languages = models.CharField(max_length=120, default=",en,")
    capacity = models.PositiveSmallIntegerField(
        "mentees at once",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    open_to_partners = models.BooleanField("open to mentoring partners of employees", default=False)
    bio = models.TextField("short bio", blank=True, max_length=1500)
    paused = models.BooleanField(default=False, help_text="Paused mentors get no new mentees.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        indexes = [
            models.Index(fields=["employer", "paused"]),
            # The ranked list's cache version: the employer's last profile change.
            models.Index(fields=["employer", "updated_at"], name="mentorprofile_changed"),
        ]

    def __str__(self) -> str:
        return f"Mentor profile of {self.person}"

    @property
    def language_codes(self) -> list[str]:
        return field_to_codes(self.languages)

    @property
    def language_names(self) -> list[str]:
        return [LANGUAGE_NAMES.get(c, c) for c in self.language_codes]

    def clean(self) -> None:
        if self.person.kind != Individual.Kind.EMPLOYEE:
            raise ValidationError("Only employees can volunteer as mentors.")
        if not self.language_codes:
            raise ValidationError({"languages": "Choose at least one language you mentor in."})


class MenteeNeeds(models.Model):
    """What a person enrolled in a programme looks for in a mentor."""

    class DepartmentPreference(models.TextChoices):
        ANY = "any", "No preference"
        SAME = "same", "Someone from my department"
        OTHER = "other", "Someone from another department"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="needs")
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    goals = models.ManyToManyField(Goal, blank=True, related_name="+")
    language = models.CharField(
        "language for the mentoring",
        max_length=8,
        choices=LANGUAGES,
        blank=True,
        help_text="Leave empty for any language.",
    )
    department_preference = models.CharField(
        max_length=8, choices=DepartmentPreference.choices, default="any"
    )
    max_tz_difference = models.PositiveSmallIntegerField(
        "largest time difference (hours)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(12)],
        help_text="Leave empty for anywhere.",
    )
    years_experience = models.PositiveSmallIntegerField(
        "your years of experience", null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    note = models.TextField("anything else a mentor should know", blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="mentee_needs_once")
        ]

    def __str__(self) -> str:
        return f"What {self.person} looks for in {self.programme}"


class MentorshipRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the mentor"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        SUPERSEDED = "superseded", "Matched by HR"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="requests")
    mentee = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(max_length=2000)
    status = models.CharField(max_length=16, choices=Status.choices, default="pending")
    response = models.TextField("message to the mentee", blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.ForeignKey(
        "Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee"],
                condition=Q(status="pending"),
                name="mentorship_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} asks {self.mentor}"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:request-detail", args=[self.pk])


class MatchingRun(models.Model):
    """One cohort matching by HR: the proposal, its totals, and what became of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for review"
        CONFIRMED = "confirmed", "Confirmed"
        DISCARDED = "discarded", "Discarded"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=16, choices=Status.choices, default="proposed")
    started_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    mentee_count = models.PositiveIntegerField(default=0)
    mentor_count = models.PositiveIntegerField(default=0)
    place_count = models.PositiveIntegerField(default=0)
    # The solver's proposal as it came out, and what a greedy first-come pass would give.
    optimal_total = models.FloatField(default=0)
    optimal_matched = models.PositiveIntegerField(default=0)
    greedy_total = models.FloatField(default=0)
    greedy_matched = models.PositiveIntegerField(default=0)
    weights = models.JSONField(default=dict)
    duration_ms = models.PositiveIntegerField(default=0)
    decided_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"Matching run of {self.created_at:%d %b %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:manage-run", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED


class ProposalQuerySet(EmployerScopedQuerySet):
    employer_lookup = "run__employer"


class Proposal(models.Model):
    """One mentee of a run: the proposed mentor and why, or why nobody."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(
        Individual, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    unmatched_reason = models.CharField(max_length=300, blank=True)
    changed_by_hr = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="proposal_mentee_once")
        ]
        indexes = [models.Index(fields=["run", "mentor"])]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor or 'nobody'}"


class Mentorship(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    class Health(models.TextChoices):
        TOO_EARLY = "too_early", "Too early to tell"
        ON_TRACK = "on_track", "On track"
        NEEDS_CHECKIN = "needs_checkin", "Needs a check-in"
        CLOSED = "closed", "Closed"

    class Source(models.TextChoices):
        REQUEST = "request", "Mentee's request"
        RUN = "run", "HR's matching run"
        REPAIR = "repair", "Re-paired by HR"

    class Fit(models.TextChoices):
        UNANSWERED = "", "Not answered"
        YES = "yes", "Yes"
        NO = "no", "No"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="mentorships")
    mentee = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default="active")
    health = models.CharField(max_length=16, choices=Health.choices, default="too_early")
    started_on = models.DateField(default=timezone.localdate)
    # The agreement: both sides confirm; a change by either asks the other again.
    agreement_goals = models.TextField("what we want to achieve", blank=True, max_length=3000)
    cadence = models.CharField(
        "meeting cadence", max_length=16, choices=Programme.Cadence.choices, default="biweekly"
    )
    ends_on = models.DateField("end date")
    mentee_agreed_at = models.DateTimeField(null=True, blank=True)
    mentor_agreed_at = models.DateTimeField(null=True, blank=True)
    agreement_version = models.PositiveIntegerField(default=1)
    # Kept by the services so health and stalled pairs are plain indexed columns.
    last_meeting_on = models.DateField(null=True, blank=True)
    meeting_count = models.PositiveIntegerField(default=0)
    mentee_fit = models.CharField(max_length=3, choices=Fit.choices, default="", blank=True)
    mentor_fit = models.CharField(max_length=3, choices=Fit.choices, default="", blank=True)
    poor_fit_at = models.DateTimeField(null=True, blank=True)
    poor_fit_resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    close_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    GRACE_DAYS = 7
    EARLY_DAYS = 21
    STALLED_DAYS = 30

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["employer", "status", "health"]),
            # HR's pair list: newest first, one page read from the index.
            models.Index(
                fields=["employer", "status", "-started_on", "-id"], name="mentorship_pair_list"
            ),
            models.Index(fields=["employer", "status", "last_meeting_on"]),
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee"],
                condition=Q(status="active"),
                name="mentorship_one_active_per_programme",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="mentorship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("mentorship:mentorship-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def agreement_confirmed(self) -> bool:
        return bool(self.mentee_agreed_at and self.mentor_agreed_at)

    @property
    def has_poor_fit(self) -> bool:
        return self.poor_fit_at is not None and self.poor_fit_resolved_at is None

    def side_of(self, person: Individual) -> str:
        if person.pk == self.mentee_id:
            return "mentee"
        if person.pk == self.mentor_id:
            return "mentor"
        return ""

    def other_side(self, person: Individual) -> Individual:
        return self.mentor if person.pk == self.mentee_id else self.mentee

    def next_meeting_due(self) -> date:
        start = self.last_meeting_on or self.started_on
        return start + timedelta(days=Programme.CADENCE_DAYS.get(self.cadence, 14))

    def health_on(self, today: date) -> str:
        """The label of the pair on `today` (the one rule; the beat job stores it)."""
        if self.status == self.Status.CLOSED:
            return self.Health.CLOSED
        if self.has_poor_fit:
            return self.Health.NEEDS_CHECKIN
        if today < self.started_on + timedelta(days=self.EARLY_DAYS):
            return self.Health.TOO_EARLY
        if today > self.next_meeting_due() + timedelta(days=self.GRACE_DAYS):
            return self.Health.NEEDS_CHECKIN
        return self.Health.ON_TRACK

    def is_stalled(self, today: date) -> bool:
        return self.is_active and (self.last_meeting_on or self.started_on) < today - timedelta(
            days=self.STALLED_DAYS
        )


def stalled_q(today: date) -> Q:
    """Active pairs with no meeting in the last 30 days (counted from the start if none)."""
    cutoff = today - timedelta(days=Mentorship.STALLED_DAYS)
    return Q(status="active") & (
        Q(last_meeting_on__lt=cutoff) | Q(last_meeting_on__isnull=True, started_on__lt=cutoff)
    )


class MeetingQuerySet(EmployerScopedQuerySet):
    employer_lookup = "mentorship__employer"


class PrivateNoteQuerySet(EmployerScopedQuerySet):
    employer_lookup = "meeting__mentorship__employer"


class FeedbackQuerySet(EmployerScopedQuerySet):
    employer_lookup = "mentorship__employer"


class Meeting(models.Model):
    """A meeting in the log: its notes and next steps are the pair's, never HR's."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    notes = models.TextField(blank=True, max_length=5000)
    next_steps = models.TextField("next steps", blank=True, max_length=2000)
    logged_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Meeting on {self.held_on}"


class PrivateNote(models.Model):
    """One side's own note on a meeting: nobody else ever reads it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="private_note_once")
        ]

    def __str__(self) -> str:
        return f"Private note #{self.pk}"


class Feedback(models.Model):
    """Each side's closing feedback; HR sees it in aggregate only (groups of 5 or more)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    side = models.CharField(max_length=8, choices=[("mentee", "Mentee"), ("mentor", "Mentor")])
    rating = models.PositiveSmallIntegerField(
        "how useful was it (1–5)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helped = models.TextField("what helped", blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "author"], name="feedback_once")
        ]

    def __str__(self) -> str:
        return f"Feedback #{self.pk}"
