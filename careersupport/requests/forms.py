"""Forms of the requests app: validation only; the services decide."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError

from careersupport import uploads
from careersupport.people.models import Individual
from programs.models import Offering

from .models import (
    WEEKDAYS,
    Employment,
    FinancialKind,
    FlexibleArrangement,
    LeavePolicy,
    Status,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class LeaveForm(forms.Form):
    start_date = forms.DateField(label="First day", widget=DATE)
    start_half = forms.BooleanField(label="The first day starts at midday", required=False)
    end_date = forms.DateField(label="Last day", widget=DATE)
    end_half = forms.BooleanField(label="The last day ends at midday", required=False)
    event_kind = forms.ChoiceField(label="What the leave is for", required=False)
    event_date = forms.DateField(
        label="Date of the event",
        required=False,
        widget=DATE,
        help_text="The birth, adoption, placement or other event (expected date if to come).",
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Confidential: only HR reads it. Your manager sees your dates and “leave”, "
        "never the reason or the policy.",
    )

    def __init__(self, *args, policy: LeavePolicy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        if policy.needs_event:
            kinds = policy.event_kinds or LeavePolicy.Event.values
            labels = dict(LeavePolicy.Event.choices)
            event_kind = cast(forms.ChoiceField, self.fields["event_kind"])
            event_kind.choices = [("", "Choose…")] + [(k, labels[k]) for k in kinds]
            self.fields["event_kind"].required = True
            self.fields["event_date"].required = True
        else:
            del self.fields["event_kind"]
            del self.fields["event_date"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The last day is before the first day.")
        return data


class FlexibleForm(forms.Form):
    kind = forms.ChoiceField(label="Arrangement", choices=FlexibleArrangement.Kind.choices)
    start_date = forms.DateField(label="Start", widget=DATE)
    review_date = forms.DateField(
        label="End of a trial period (review date)",
        required=False,
        widget=DATE,
        help_text="Optional: your manager reviews it then, and you are both reminded.",
    )
    office_days = forms.TypedMultipleChoiceField(
        label="Hybrid: days in the office",
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day_off = forms.TypedChoiceField(
        label="Compressed week: day off",
        choices=[("", "—"), *((str(day), name) for day, name in WEEKDAYS)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    core_start = forms.TimeField(
        label="Flexible hours: core hours from", required=False, widget=TIME
    )
    core_end = forms.TimeField(
        label="Flexible hours: core hours until", required=False, widget=TIME
    )
    percentage = forms.IntegerField(
        label="Part-time: share of full time (%)", min_value=10, max_value=99, required=False
    )
    work_days = forms.TypedMultipleChoiceField(
        label="Part-time: working days",
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    colleague_email = forms.EmailField(
        label="Job sharing: the colleague's work e-mail",
        required=False,
        help_text="They are asked to confirm before your manager decides.",
    )
    reason = forms.CharField(
        label="Why you ask",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your manager and HR read it.",
    )

    def __init__(self, *args, person: Individual, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_colleague_email(self):
        email = self.cleaned_data["colleague_email"].strip().lower()
        if not email:
            return None
        colleague = (
            Individual.objects.for_employer(self.person.employer_id)
            .employees()
            .active()
            .filter(email__iexact=email)
            .first()
        )
        if colleague is None:
            raise forms.ValidationError("No colleague here has that work e-mail.")
        return colleague

    def terms(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        data["colleague"] = data.pop("colleague_email", None)
        return data


class ReviewForm(forms.Form):
    OUTCOMES = [
        ("keep", "Keep it as it is"),
        ("change", "Change its terms"),
        ("end", "End it"),
    ]
    outcome = forms.ChoiceField(label="Outcome", choices=OUTCOMES, widget=forms.RadioSelect)
    review_date = forms.DateField(label="Next review date (optional)", required=False, widget=DATE)
    ends_on = forms.DateField(label="Ends on (when ending it)", required=False, widget=DATE)
    office_days = FlexibleForm.base_fields["office_days"]
    day_off = FlexibleForm.base_fields["day_off"]
    core_start = FlexibleForm.base_fields["core_start"]
    core_end = FlexibleForm.base_fields["core_end"]
    percentage = FlexibleForm.base_fields["percentage"]
    work_days = FlexibleForm.base_fields["work_days"]
    note = forms.CharField(
        label="Note to the person", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, arrangement: FlexibleArrangement, **kwargs):
        super().__init__(*args, **kwargs)
        K = FlexibleArrangement.Kind
        keep: set[str] = {
            K.HYBRID: {"office_days"},
            K.COMPRESSED: {"day_off"},
            K.FLEXIBLE_HOURS: {"core_start", "core_end"},
            K.PART_TIME: {"percentage", "work_days"},
        }.get(FlexibleArrangement.Kind(arrangement.kind), set())
        for name in ("office_days", "day_off", "core_start", "core_end", "percentage", "work_days"):
            if name not in keep:
                del self.fields[name]
            else:
                self.initial.setdefault(name, getattr(arrangement, name))

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "office_days",
                "day_off",
                "core_start",
                "core_end",
                "percentage",
                "work_days",
            )
            if name in self.fields
        } | {"review_date": data.get("review_date")}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the uploads module in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class FinancialForm(forms.Form):
    support = forms.ModelChoiceField(label="Kind of support", queryset=FinancialKind.objects.none())
    amount = forms.DecimalField(label="Amount", min_value=0.01, max_digits=12, decimal_places=2)
    currency = forms.CharField(label="Currency", max_length=3, min_length=3)
    description = forms.CharField(
        label="What it is for",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Confidential: only HR reads it; your manager never sees financial requests.",
    )
    repayment_months = forms.IntegerField(
        label="Salary advance: repay over (months)", min_value=1, max_value=60, required=False
    )
    receipts = MultipleFileField(
        label="Receipts or evidence",
        required=False,
        help_text=f"{uploads.RECEIPTS.label} files, at most 10 MB each.",
    )

    def __init__(self, *args, employer_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        support = cast(forms.ModelChoiceField, self.fields["support"])
        support.queryset = FinancialKind.objects.for_employer(employer_id).filter(is_active=True)


class NoteForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    note = forms.CharField(
        label="Reason or note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = forms.DecimalField(
        label="Amount approved", required=False, min_value=0.01, max_digits=12, decimal_places=2
    )


def note_errors(error: ValidationError) -> ValidationError:
    """A decision service names the note of a decline `reason`; on `NoteForm` it is `note`."""
    if hasattr(error, "error_dict") and "reason" in error.error_dict:
        errors = dict(error.error_dict)
        errors["note"] = errors.pop("reason")
        return ValidationError(errors)
    return error


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label="Back at work on", widget=DATE)


class RequestFilterForm(forms.Form):
    """The filters of HR's list of every request. `when` reads leave dates, so it goes with
    leave only; `person` (hidden) comes from a person's page."""

    KINDS = [("", "All kinds"), ("leave", "Leave"), ("flexible", "Flexible work")]
    WHEN = [
        ("", "Any dates"),
        ("upcoming", "Leave to come"),
        ("current", "On leave now"),
        ("past", "Leave ended"),
        ("unreturned", "Leave ended, return not recorded"),
    ]

    q = forms.CharField(label="Name or e-mail", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", choices=[*KINDS, ("financial", "Financial support")], required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *Status.choices], required=False
    )
    when = forms.ChoiceField(label="Leave dates", choices=WHEN, required=False)
    person = forms.ModelChoiceField(
        queryset=Individual.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, employer_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = Individual.objects.for_employer(employer_id)

    def clean(self):
        data = super().clean()
        if data.get("when") and data.get("kind") not in ("", "leave", None):
            self.add_error("when", "Leave dates go with leave: choose the kind Leave or All kinds.")
        return data


class PolicyForm(forms.ModelForm):
    employment_types = forms.MultipleChoiceField(
        label="Open to these types of employment",
        choices=Employment.Type.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every type.",
    )
    event_kinds = forms.MultipleChoiceField(
        label="Events it is for",
        choices=LeavePolicy.Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Parental leave: a birth, adoption or foster placement, for every parent.",
    )

    class Meta:
        model = LeavePolicy
        fields = [
            "name",
            "kind",
            "description",
            "paid_weeks",
            "unpaid_weeks",
            "period",
            "min_service_months",
            "employment_types",
            "requires_caregiver",
            "needs_event",
            "event_kinds",
            "splittable",
            "max_parts",
            "notice_days",
            "offering",
            "is_active",
        ]

    def __init__(self, *args, employer_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        policies = Offering.objects.for_employer(employer_id).filter(kind=Offering.Kind.POLICY)
        cast(forms.ModelChoiceField, self.fields["offering"]).queryset = policies
        self.fields["offering"].label = "Policy text in the catalog"


class KindForm(forms.ModelForm):
    class Meta:
        model = FinancialKind
        fields = [
            "name",
            "category",
            "description",
            "currency",
            "person_budget",
            "employer_budget",
            "evidence",
            "max_repayment_months",
            "is_active",
        ]


class HolidayForm(forms.Form):
    day = forms.DateField(label="Date", widget=DATE)
    name = forms.CharField(label="Name", max_length=120)


class HolidayImportForm(forms.Form):
    country = forms.CharField(
        label="Country code", max_length=2, min_length=2, help_text="e.g. DE, GB, US"
    )
    subdivision = forms.CharField(
        label="Region (optional)", max_length=8, required=False, help_text="e.g. BY for Bavaria"
    )
    year = forms.IntegerField(
        label="Year", min_value=2000, max_value=2100, initial=date.today().year
    )


class EmploymentForm(forms.Form):
    start_date = forms.DateField(label="Start of service", widget=DATE)
    employment_type = forms.ChoiceField(label="Type of employment", choices=Employment.Type.choices)
