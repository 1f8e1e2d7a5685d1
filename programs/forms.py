"""Validation of what people type; the rules themselves live on the models and services."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from careersupport.people.models import Department
from careersupport.people.timezones import time_zone_choices
from careersupport.utils import QuickSelect

from .models import Cohort, Enrollment, Offering
from .services.offerings import OFFERING_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _with_departments(fields: tuple[str, ...]) -> list[str]:
    """The service's editable fields, with the departments right after the audience boxes."""
    at = fields.index("for_returners") + 1
    return [*fields[:at], "departments", *fields[at:]]


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = _with_departments(OFFERING_FIELDS)
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "enrollment_opens_at": DATETIME,
            "enrollment_closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 5}),
            "departments": forms.CheckboxSelectMultiple,
        }

    online_url = forms.URLField(label="Online link", required=False, assume_scheme="https")
    field_groups = {
        "Audience": (
            "for_employees",
            "for_partners",
            "for_managers",
            "for_caregivers",
            "for_returners",
        )
    }

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.for_employer(employer)

    def _post_clean(self):
        # Model validation (dates, capacity, format) runs in the service, with every rule.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("departments")
        return data


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any kind"), *Offering.Kind.choices],
        widget=QuickSelect,
    )
    starts_after = forms.DateField(
        label="Running on or after",
        required=False,
        widget=DATE,
        help_text="Empty: from today. Pick an earlier day to see past programs.",
    )
    starts_before = forms.DateField(label="Starting on or before", required=False, widget=DATE)


class HrFilterForm(forms.Form):
    q = forms.CharField(label="Title", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Offering.Status.choices],
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any kind"), *Offering.Kind.choices],
        widget=QuickSelect,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the person sees it)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class BulkDecisionForm(forms.Form):
    enrollments = forms.ModelMultipleChoiceField(
        queryset=Enrollment.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    reason = forms.CharField(
        label="Reason for declining (the people see it)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrollments"].queryset = queryset

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", "Give a reason: the people will read it.")
        return data


class SessionForm(forms.Form):
    """The fields of `SESSION_FIELDS`, in its order (a test keeps the two the same)."""

    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField(label="Starts", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends", widget=DATETIME)
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="UTC", widget=QuickSelect)
    location = forms.CharField(max_length=300, required=False)
    online_url = forms.URLField(label="Online link", required=False, assume_scheme="https")

    def clean(self):
        """The times are wall-clock times in the session's own time zone."""
        data = super().clean()
        tz = data.get("time_zone")
        if tz:
            import zoneinfo

            zone = zoneinfo.ZoneInfo(tz)
            for name in ("starts_at", "ends_at"):
                value: datetime | None = data.get(name)
                if value is not None:
                    data[name] = timezone.make_aware(value.replace(tzinfo=None), zone)
        return data


class PolicyVersionForm(forms.Form):
    text = forms.CharField(label="Policy text", widget=forms.Textarea(attrs={"rows": 10}))


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label="Starts", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends", widget=DATETIME)
    note = forms.CharField(label="What they will see", max_length=300, required=False)


class CohortForm(forms.Form):
    name = forms.CharField(max_length=200)
    starts_on = forms.DateField(label="Starts on", widget=DATE)


class PhaseForm(forms.Form):
    name = forms.CharField(
        max_length=120, help_text="For example: refresh skills, placement, return."
    )
    starts_on = forms.DateField(label="Starts on", widget=DATE)
    ends_on = forms.DateField(label="Ends on", widget=DATE)
    milestones = forms.CharField(
        label="Milestones, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlacementForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), required=False)
    outcome = forms.ChoiceField(choices=Enrollment.Outcome.choices, required=False)

    def __init__(self, *args, offering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = offering.cohorts.all()
