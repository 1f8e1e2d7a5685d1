"""Career goals, their milestones, check-ins, goal reviews and links to coaches or mentors."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual

PERCENT = [
    MinValueValidator(0, "Progress must be between 0 and 100."),
    MaxValueValidator(100, "Progress must be between 0 and 100."),
]


def milestone_share(done: int, total: int) -> int:
    """A goal's progress when it has milestones: the share of them done, in whole percent."""
    return round(100 * done / total) if total else 0


class GoalPartQuerySet(EmployerScopedQuerySet):
    """Milestones, check-ins, reviews and links belong to the employer through their goal."""

    employer_lookup = "goal__employer"


class Goal(models.Model):
    class Category(models.TextChoices):
        SKILL = "skill", "Skill"
        ROLE = "role", "Role or promotion"
        JOB_SEARCH = "job_search", "Job search"
        EDUCATION = "education", "Education or certification"
        WORK_LIFE = "work_life", "Work-life balance"
        REENTRY = "reentry", "Re-entry"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        PAUSED = "paused", "Paused"
        DROPPED = "dropped", "Dropped"

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        BIWEEKLY = "biweekly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        NONE = "none", "No check-ins"

    CADENCE_STEP: dict[str, relativedelta] = {
        Cadence.WEEKLY: relativedelta(weeks=1),
        Cadence.BIWEEKLY: relativedelta(weeks=2),
        Cadence.MONTHLY: relativedelta(months=1),
        Cadence.QUARTERLY: relativedelta(months=3),
    }

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    why = models.TextField("why it matters", blank=True)
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.SKILL)
    target_date = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # Private = neither flag. The manager flag covers the whole chain above the owner.
    shared_with_manager = models.BooleanField("share with my manager", default=True)
    shared_with_partner = models.BooleanField("share with my partner", default=False)
    # The one rule, kept by the services: with milestones, the share of them done; without,
    # the latest check-in's figure (before the first check-in, `start_progress`).
    progress = models.PositiveSmallIntegerField(default=0, validators=PERCENT)
    # Where the owner started when they set the goal: the first point of the chart.
    start_progress = models.PositiveSmallIntegerField(default=0, validators=PERCENT)
    cadence = models.CharField(
        "check-in cadence", max_length=16, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    # Kept by the services so /team/ can sort and filter on plain indexed columns.
    next_checkin_due = models.DateField(null=True, blank=True, db_index=True)
    next_milestone_due = models.DateField(null=True, blank=True)
    last_checkin_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["target_date", "id"]
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["employer", "status", "category"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="goal_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(start_progress__gte=0, start_progress__lte=100),
                name="goal_start_progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:goal-detail", args=[self.pk])

    @property
    def is_private(self) -> bool:
        return not (self.shared_with_manager or self.shared_with_partner)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.PAUSED, self.Status.DRAFT)

    def next_due_after(self, day: date) -> date | None:
        """The check-in due one cadence step after `day` (None when there is no cadence)."""
        step = self.CADENCE_STEP.get(self.cadence)
        if step is None or self.status != self.Status.ACTIVE:
            return None
        return day + step

    def overdue_reasons(self, today: date) -> list[str]:
        if self.status != self.Status.ACTIVE:
            return []
        reasons = []
        if self.next_checkin_due and self.next_checkin_due < today:
            reasons.append("check-in")
        if self.next_milestone_due and self.next_milestone_due < today:
            reasons.append("milestone")
        if self.target_date < today:
            reasons.append("target date")
        return reasons


def overdue_q(today: date, prefix: str = "") -> Q:
    """An active goal with a check-in, a milestone or its target date in the past."""
    return Q(**{f"{prefix}status": Goal.Status.ACTIVE}) & (
        Q(**{f"{prefix}next_checkin_due__lt": today})
        | Q(**{f"{prefix}next_milestone_due__lt": today})
        | Q(**{f"{prefix}target_date__lt": today})
    )


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalPartQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checkins")
    author = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    # The day in the owner's time zone; `due_on` is what was due then, for the on-time share.
    date = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    # The goal's progress as the rule set it at this check-in: the owner's figure on a goal
    # without milestones, the share of milestones done then on a goal with them.
    progress = models.PositiveSmallIntegerField("progress now (%)", validators=PERCENT)
    went_well = models.TextField("what went well", blank=True)
    in_the_way = models.TextField("what is in the way", blank=True)
    next_step = models.TextField("next step", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalPartQuerySet.as_manager()

    class Meta:
        # In the order they were recorded (two on one day included), newest first.
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["goal", "date"])]

    def __str__(self) -> str:
        return f"Check-in on {self.goal} ({self.date})"

    @property
    def on_time(self) -> bool:
        return self.due_on is None or self.date <= self.due_on


class GoalReview(models.Model):
    """A manager's goal-review check-in with a report; the report may reply."""

    class Rating(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField("progress rating", max_length=16, choices=Rating.choices)
    comments = models.TextField()
    next_steps = models.TextField("agreed next steps", blank=True)
    reply = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalPartQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.goal} by {self.reviewer}"


class GoalLink(models.Model):
    """A goal shared with a coach or mentor by a coaching engagement or a mentorship.

    The coaching and mentorship apps create and end these; `source_id` is the engagement's
    or mentorship's id there. Only an active link (not ended) grants sight of the goal.
    """

    class Kind(models.TextChoices):
        COACHING = "coaching", "Coaching engagement"
        MENTORSHIP = "mentorship", "Mentorship"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="links")
    individual = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="goal_links")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = GoalPartQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "individual"],
                condition=Q(ended_at__isnull=True),
                name="goallink_one_active_per_person",
            )
        ]
        indexes = [models.Index(fields=["individual", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.goal} shared with {self.individual} ({self.get_kind_display()})"


class GoalRollup(models.Model):
    """Per person, what the manager chain sees at a glance of their active shared goals.

    Kept by `services.rollup_refresh` after every goal write, so /team/ can sort a chain of
    thousands by who needs attention with one indexed column instead of aggregating every goal.
    `attention_on` is the earliest of the next check-in, next milestone and target date: the
    person needs attention once it is in the past.
    """

    owner = models.OneToOneField(
        Individual, on_delete=models.CASCADE, primary_key=True, related_name="goal_rollup"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    active_goals = models.PositiveIntegerField(default=0)
    attention_on = models.DateField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        # /team/'s scan of a large chain reads one employer's roll-ups in attention order.
        indexes = [
            models.Index(fields=["employer", "attention_on", "owner"], name="goalrollup_attention")
        ]

    def __str__(self) -> str:
        return f"Goals of {self.owner}: {self.active_goals} active"
