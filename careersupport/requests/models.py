"""Leave, flexible work and financial support: what a person asks for and who decided what.

Confidential fields (a leave reason, a financial request's description and amounts, its
receipts) are read only by the requester and HR; `permissions` says who sees which record.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual

from . import entitlement

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]
WEEKDAY_NAMES = dict(WEEKDAYS)


def weekday_list(days: list[int]) -> str:
    return ", ".join(WEEKDAY_NAMES.get(d, str(d)) for d in sorted(days))


class Employment(models.Model):
    """The employment facts leave eligibility needs and `Individual` does not hold: the
    start of service and the type of employment. Without a row, service runs from the
    person's `created_at` and the type is permanent."""

    class Type(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        FIXED_TERM = "fixed_term", "Fixed-term"
        TEMPORARY = "temporary", "Temporary or casual"
        APPRENTICE = "apprentice", "Apprentice or intern"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Individual, on_delete=models.CASCADE, related_name="employment")
    start_date = models.DateField("start of service")
    employment_type = models.CharField(max_length=16, choices=Type.choices, default=Type.PERMANENT)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.person}: {self.get_employment_type_display()} since {self.start_date}"


class PublicHoliday(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    name = models.CharField(max_length=120)
    country = models.CharField(max_length=8, blank=True, help_text="Where it was imported from.")

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "date"], name="holiday_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date})"


class LeavePolicy(models.Model):
    class Kind(models.TextChoices):
        PARENTAL = "parental", "Parental leave"
        FAMILY_CARE = "family_care", "Family care leave"
        CAREGIVER = "caregiver", "Caregiver leave"
        BEREAVEMENT = "bereavement", "Bereavement leave"
        SABBATICAL = "sabbatical", "Sabbatical"
        OTHER = "other", "Other leave"

    class Period(models.TextChoices):
        PER_EVENT = entitlement.PER_EVENT, "Per child or event"
        ROLLING = entitlement.ROLLING_12_MONTHS, "Per rolling 12 months"
        YEAR = entitlement.CALENDAR_YEAR, "Per calendar year"

    class Event(models.TextChoices):
        BIRTH = "birth", "Birth of a child"
        ADOPTION = "adoption", "Adoption"
        FOSTER = "foster", "Foster placement"
        ILLNESS = "illness", "Illness or care need of a relative"
        DEATH = "death", "Death of a relative or friend"
        OTHER = "other", "Other event"

    # A parental leave is for a birth, adoption or foster placement, for every parent.
    PARENTAL_EVENTS = (Event.BIRTH, Event.ADOPTION, Event.FOSTER)

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField(blank=True)
    paid_weeks = models.DecimalField(
        max_digits=5, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    unpaid_weeks = models.DecimalField(
        max_digits=5, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    period = models.CharField(max_length=24, choices=Period.choices)
    min_service_months = models.PositiveIntegerField(
        "minimum months of service", default=0, validators=[MaxValueValidator(600)]
    )
    employment_types = models.JSONField(
        default=list, blank=True, help_text="Leave empty for every type of employment."
    )
    requires_caregiver = models.BooleanField("only for parents and caregivers", default=False)
    needs_event = models.BooleanField("each request names its event", default=False)
    event_kinds = models.JSONField(
        default=list, blank=True, help_text="Events it is for; empty for any."
    )
    splittable = models.BooleanField("may be split", default=False)
    max_parts = models.PositiveIntegerField(
        "at most this many parts", default=1, validators=[MinValueValidator(1)]
    )
    notice_days = models.PositiveIntegerField(
        "notice (days)", default=0, validators=[MaxValueValidator(365)]
    )
    # A policy offering of `programs` whose text this leave follows; the link lives here so
    # programs needs no change.
    offering = models.OneToOneField(
        "programs.Offering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leave_policy",
        limit_choices_to={"kind": "policy"},
    )
    is_active = models.BooleanField("open for requests", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="leave_policy_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def rules(self) -> entitlement.Rules:
        return entitlement.Rules(
            paid_weeks=self.paid_weeks,
            unpaid_weeks=self.unpaid_weeks,
            period=self.period,
            min_service_months=self.min_service_months,
            employment_types=tuple(self.employment_types or ()),
            requires_caregiver=self.requires_caregiver,
            needs_event=self.needs_event,
            event_kinds=tuple(self.event_kinds or ()),
            splittable=self.splittable,
            max_parts=self.max_parts,
            notice_days=self.notice_days,
        )

    @property
    def entitled_days(self) -> Decimal:
        return self.rules().entitled_days

    def clean(self) -> None:
        errors = {}
        if self.paid_weeks + self.unpaid_weeks <= 0:
            errors["paid_weeks"] = "Grant some paid or unpaid weeks."
        if self.kind == self.Kind.PARENTAL:
            if self.period != self.Period.PER_EVENT:
                errors["period"] = "Parental leave runs per child: choose “per child or event”."
            if set(self.event_kinds or ()) - set(self.PARENTAL_EVENTS):
                errors["event_kinds"] = "Parental leave is for a birth, adoption or placement."
        if self.period == self.Period.PER_EVENT and not self.needs_event:
            errors["needs_event"] = "Leave per event needs the event on each request."
        unknown = set(self.event_kinds or ()) - set(self.Event.values)
        if unknown:
            errors["event_kinds"] = "Choose events from the list."
        if set(self.employment_types or ()) - set(Employment.Type.values):
            errors["employment_types"] = "Choose types of employment from the list."
        if not self.splittable and self.max_parts != 1:
            errors["max_parts"] = "A policy that may not be split has one part."
        if self.offering_id and (
            self.offering.employer_id != self.employer_id or self.offering.kind != "policy"
        ):
            errors["offering"] = "Link a policy offering of your own employer."
        if errors:
            raise ValidationError(errors)


class Status(models.TextChoices):
    """One set of states for the three kinds of request."""

    WAITING_COLLEAGUE = "waiting_colleague", "Waiting for the job-share colleague"
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    PARTLY = "partly", "Approved in part"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    ENDED = "ended", "Ended"


OPEN = (Status.WAITING_COLLEAGUE, Status.PENDING)
GRANTED = (Status.APPROVED, Status.PARTLY)


class LeaveRequestQuerySet(EmployerScopedQuerySet):
    def booked(self):
        """What counts against an entitlement: waiting or approved."""
        return self.filter(status__in=[Status.PENDING, Status.APPROVED])


class LeaveRequest(models.Model):
    KIND = "leave"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="leave_requests")
    policy = models.ForeignKey(LeavePolicy, on_delete=models.PROTECT, related_name="requests")
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    start_half = models.BooleanField("the first day starts at midday", default=False)
    end_half = models.BooleanField("the last day ends at midday", default=False)
    days = models.DecimalField(max_digits=6, decimal_places=1)
    paid_days = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("0"))
    unpaid_days = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal("0"))
    event_kind = models.CharField(
        "what it is for", max_length=16, choices=LeavePolicy.Event.choices, blank=True
    )
    event_date = models.DateField("date of the event", null=True, blank=True)
    # Confidential: the requester and HR only; never a manager, never in the audit trail.
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    returned_on = models.DateField("returned to work on", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeaveRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["person", "status", "start_date"]),
            models.Index(fields=["employer", "status", "start_date"]),
            # The approver page reads only waiting requests, oldest first; with the id and
            # the person in the key its counts and its page need no visit to the table.
            models.Index(
                fields=["employer", "created_at", "id", "person"],
                condition=Q(status="pending"),
                name="leave_waiting",
            ),
            # HR's list of every request reads the employer's newest first.
            models.Index(fields=["employer", "created_at", "id"], name="leave_by_employer"),
            # ...and leave by its end: on now, ended, return not recorded (the start and the
            # return in the key, so the filters on them read the index alone).
            models.Index(
                fields=["employer", "status", "end_date", "start_date", "id", "returned_on"],
                name="leave_by_end",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="leave_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: leave {self.start_date}–{self.end_date}"

    def get_absolute_url(self) -> str:
        return reverse("requests:leave-detail", args=[self.pk])

    @property
    def span(self) -> entitlement.Span:
        return entitlement.Span(self.start_date, self.end_date, self.start_half, self.end_half)

    @property
    def event(self) -> tuple[str, date] | None:
        return (self.event_kind, self.event_date) if self.event_kind and self.event_date else None

    @property
    def is_open(self) -> bool:
        return self.status == Status.PENDING


class FlexibleArrangement(models.Model):
    """A request for a flexible way of working, and once approved the arrangement itself."""

    KIND = "flexible"

    class Kind(models.TextChoices):
        REMOTE = "remote", "Remote"
        HYBRID = "hybrid", "Hybrid"
        COMPRESSED = "compressed", "Compressed week"
        FLEXIBLE_HOURS = "flexible_hours", "Flexible hours"
        PART_TIME = "part_time", "Part-time"
        JOB_SHARE = "job_share", "Job sharing"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="arrangements")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    office_days = models.JSONField("days in the office", default=list, blank=True)
    day_off = models.PositiveSmallIntegerField("day off", choices=WEEKDAYS, null=True, blank=True)
    core_start = models.TimeField("core hours from", null=True, blank=True)
    core_end = models.TimeField("core hours until", null=True, blank=True)
    percentage = models.PositiveSmallIntegerField(
        "share of full time (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(99)],
    )
    work_days = models.JSONField("working days", default=list, blank=True)
    colleague = models.ForeignKey(
        Individual,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_shares",
        verbose_name="job-share colleague",
    )
    colleague_confirmed_at = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField()
    review_date = models.DateField(
        "end of the trial (review date)", null=True, blank=True, help_text="Leave empty for none."
    )
    reason = models.TextField("why you ask")
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(
                fields=["employer", "created_at", "id", "person"],
                condition=Q(status="pending"),
                name="flexible_waiting",
            ),
            # HR's list of every request reads the employer's newest first.
            models.Index(fields=["employer", "created_at", "id"], name="flexible_by_employer"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("requests:flexible-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def in_trial(self) -> bool:
        return (
            self.status == Status.APPROVED
            and self.review_date is not None
            and self.review_date >= timezone.localdate()
        )

    @property
    def terms(self) -> str:
        """The arrangement in one line, as the profile and the pages show it."""
        if self.kind == self.Kind.HYBRID:
            return f"Hybrid, in the office on {weekday_list(self.office_days)}"
        if self.kind == self.Kind.COMPRESSED:
            day = WEEKDAY_NAMES[self.day_off] if self.day_off is not None else "?"
            return f"Compressed week, {day} off"
        if self.kind == self.Kind.FLEXIBLE_HOURS:
            return f"Flexible hours, core hours {self.core_start:%H:%M}–{self.core_end:%H:%M}"
        if self.kind == self.Kind.PART_TIME:
            return f"Part-time, {self.percentage}% on {weekday_list(self.work_days)}"
        if self.kind == self.Kind.JOB_SHARE:
            name = self.colleague.full_name if self.colleague_id else "a colleague"
            return f"Job sharing with {name}"
        return "Remote"

    def clean(self) -> None:
        errors = {}
        k = self.Kind
        if self.kind == k.HYBRID and not self.office_days:
            errors["office_days"] = "Choose the days in the office."
        if self.kind == k.HYBRID and len(self.office_days or []) >= 5:
            errors["office_days"] = "Every day in the office is not hybrid: leave one at least."
        if self.kind == k.COMPRESSED and self.day_off is None:
            errors["day_off"] = "Choose the day off."
        if self.kind == k.FLEXIBLE_HOURS:
            if not (self.core_start and self.core_end):
                errors["core_start"] = "Give the core hours."
            elif self.core_end <= self.core_start:
                errors["core_end"] = "The core hours end before they start."
        if self.kind == k.PART_TIME:
            if not self.percentage:
                errors["percentage"] = "Give the share of full time."
            if not self.work_days:
                errors["work_days"] = "Choose the working days."
        if self.kind == k.JOB_SHARE:
            if not self.colleague_id:
                errors["colleague"] = "Name the colleague you would share the job with."
            elif self.colleague_id == self.person_id:
                errors["colleague"] = "Share the job with someone else."
            elif self.colleague.employer_id != self.employer_id or not self.colleague.is_employee:
                errors["colleague"] = "The colleague must be an employee here."
        if self.review_date and self.start_date and self.review_date <= self.start_date:
            errors["review_date"] = "The review comes after the start."
        if errors:
            raise ValidationError(errors)


class FinancialKind(models.Model):
    """A kind of financial support HR offers, with its yearly budgets."""

    class Category(models.TextChoices):
        REIMBURSEMENT = "reimbursement", "Certification or course reimbursement"
        ADVANCE = "advance", "Salary advance"
        CHILDCARE = "childcare", "Childcare subsidy (monthly)"
        OTHER = "other", "Other support"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=150)
    category = models.CharField(max_length=16, choices=Category.choices)
    description = models.TextField(blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    person_budget = models.DecimalField(
        "yearly budget per person",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    employer_budget = models.DecimalField(
        "yearly budget for the whole employer",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Leave empty for no overall limit.",
    )
    evidence = models.CharField(
        "evidence required", max_length=300, blank=True, help_text="Empty: no receipt needed."
    )
    max_repayment_months = models.PositiveSmallIntegerField(
        "longest repayment plan (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    is_active = models.BooleanField("open for requests", default=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="financial_kind_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_advance(self) -> bool:
        return self.category == self.Category.ADVANCE

    def clean(self) -> None:
        if self.currency and (len(self.currency) != 3 or not self.currency.isalpha()):
            raise ValidationError({"currency": "A three-letter currency code, such as EUR."})
        self.currency = (self.currency or "").upper()


class FinancialRequest(models.Model):
    KIND = "financial"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="financial_requests"
    )
    support = models.ForeignKey(FinancialKind, on_delete=models.PROTECT, related_name="requests")
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(max_length=3)
    # Confidential: the requester and HR only.
    description = models.TextField()
    repayment_months = models.PositiveSmallIntegerField(null=True, blank=True)
    budget_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.PENDING)
    approved_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["support", "budget_year", "status"]),
            models.Index(fields=["person", "support", "budget_year"]),
            models.Index(
                fields=["employer", "created_at", "id", "person"],
                condition=Q(status="pending"),
                name="financial_waiting",
            ),
            # HR's list of every request reads the employer's newest first.
            models.Index(fields=["employer", "created_at", "id"], name="financial_by_employer"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.support}"

    def get_absolute_url(self) -> str:
        return reverse("requests:financial-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == Status.PENDING


class ReceiptQuerySet(EmployerScopedQuerySet):
    employer_lookup = "request__employer"


class Receipt(models.Model):
    """Evidence uploaded with a financial request, kept in the private storage under a
    generated name; the person's file name is only a label."""

    request = models.ForeignKey(FinancialRequest, on_delete=models.CASCADE, related_name="receipts")
    stored_name = models.CharField(max_length=300, unique=True)
    label = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.label


class InstalmentQuerySet(EmployerScopedQuerySet):
    employer_lookup = "request__employer"


class Instalment(models.Model):
    """One repayment of a salary advance, deducted from the salary on its date."""

    request = models.ForeignKey(
        FinancialRequest, on_delete=models.CASCADE, related_name="instalments"
    )
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    objects = InstalmentQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="instalment_once")
        ]

    def __str__(self) -> str:
        return f"{self.request} #{self.number}"


class Decision(models.Model):
    """One step in a request's history: who did what, when and why. The requester reads
    their own; `note` may hold a reason the requester is given."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CONFIRMED = "confirmed", "Colleague confirmed the job share"
        APPROVED = "approved", "Approved"
        PARTLY = "partly", "Approved in part"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"
        RETURNED = "returned", "Return to work recorded"
        KEPT = "kept", "Reviewed: kept"
        CHANGED = "changed", "Reviewed: changed"
        ENDED = "ended", "Ended"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    leave = models.ForeignKey(
        LeaveRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    arrangement = models.ForeignKey(
        FlexibleArrangement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    financial = models.ForeignKey(
        FinancialRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    actor = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    what = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(leave__isnull=False, arrangement__isnull=True, financial__isnull=True)
                    | Q(leave__isnull=True, arrangement__isnull=False, financial__isnull=True)
                    | Q(leave__isnull=True, arrangement__isnull=True, financial__isnull=False)
                ),
                name="decision_about_one_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"
