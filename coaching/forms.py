"""Forms of the coaching pages: validation only; the services decide and save."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.people.models import Individual
from careersupport.people.timezones import time_zone_choices
from careersupport.utils import QuickSelect

from .models import (
    DAY_PART_CHOICES,
    LANGUAGES,
    WEEKDAYS,
    AvailabilityException,
    CoachingSettings,
    CoachProfile,
    Note,
    Specialty,
)

CHECKBOXES = forms.CheckboxSelectMultiple
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _choices(label, choices, *, required=False, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=CHECKBOXES, required=required, help_text=help_text
    )


class IntakeForm(forms.Form):
    topics = _choices("What would you like help with?", Specialty.choices)
    intake_text = forms.CharField(
        label="In your own words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only you and your coach read this.",
    )
    languages = _choices("Languages you would like to be coached in", LANGUAGES, required=True)
    preferred_days = _choices("Days that suit you", WEEKDAYS)
    preferred_times = _choices(
        "Times of day that suit you", DAY_PART_CHOICES, help_text="In your own time zone."
    )


class CoachPickForm(forms.Form):
    """One coach to ask, or up to three for chemistry calls, among those suggested."""

    coaches = forms.TypedMultipleChoiceField(
        label="Coaches for a chemistry call", coerce=int, widget=CHECKBOXES, required=False
    )
    choose = forms.TypedChoiceField(label="Coach to ask", coerce=int, required=False)

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.coach_id, s.name) for s in suggestions]
        self.fields["coaches"].choices = choices
        self.fields["choose"].choices = [("", "—"), *choices]
        self.fields["choose"].empty_value = None

    def clean(self):
        data = super().clean()
        if not data.get("choose") and not data.get("coaches") and not self.errors:
            raise forms.ValidationError(
                "Tick up to three coaches for a chemistry call, or ask one to be your coach."
            )
        return data

    def shortlist(self) -> list[Individual]:
        return list(Individual.objects.filter(pk__in=self.cleaned_data["coaches"]))

    def chosen(self) -> Individual | None:
        pk = self.cleaned_data.get("choose")
        return Individual.objects.get(pk=pk) if pk else None


class SlotForm(forms.Form):
    starts_at = forms.CharField()

    def clean_starts_at(self) -> datetime:
        try:
            moment = datetime.fromisoformat(self.cleaned_data["starts_at"])
        except ValueError:
            raise forms.ValidationError("Choose one of the times shown.") from None
        if timezone.is_naive(moment):
            raise forms.ValidationError("Choose one of the times shown.")
        return moment


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your answer",
        choices=[("accept", "Accept: I will coach them"), ("decline", "Decline")],
        widget=forms.RadioSelect,
    )
    sessions_agreed = forms.IntegerField(
        label="Sessions agreed",
        min_value=1,
        max_value=50,
        required=False,
        help_text="When you accept; the employer's usual number if left empty.",
    )
    message = forms.CharField(
        label="Message to the person",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you decline: say why, and what might help them.",
    )


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        label="Who reads it", choices=Note.Visibility.choices, widget=forms.RadioSelect
    )
    session = forms.TypedChoiceField(label="About the session", coerce=int, required=False)

    def __init__(self, *args, is_coach: bool, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = Note.Visibility.SHARED
        if not is_coach:
            del self.fields["visibility"]
        self.sessions = {s.pk: s for s in sessions}
        session = self.fields["session"]
        assert isinstance(session, forms.TypedChoiceField)
        session.choices = [("", "None in particular")] + [
            (s.pk, f"{timezone.localtime(s.starts_at):%d %b %Y %H:%M}") for s in sessions
        ]
        session.empty_value = None


class NoteEditForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 6}))


class GoalsForm(forms.Form):
    goals = forms.ModelMultipleChoiceField(
        label="Goals your coach sees",
        queryset=Goal.objects.none(),
        widget=CHECKBOXES,
        required=False,
        help_text="Read only, while coaching is under way.",
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the session?",
        choices=[
            (n, f"{n} – {label}")
            for n, label in enumerate(
                ["not useful", "a little", "useful", "very useful", "excellent"], start=1
            )
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with your rating; HR sees ratings only in aggregate.",
    )


class FinalReviewForm(forms.Form):
    goal_progress = forms.TypedChoiceField(
        label="How far did coaching move your goals?",
        choices=[
            (n, f"{n} – {label}")
            for n, label in enumerate(
                ["not at all", "a little", "somewhat", "a lot", "completely"], start=1
            )
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    would_recommend = forms.TypedChoiceField(
        label="Would you recommend your coach to a colleague?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything else (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("held", "Held"), ("no_show", "No-show")])


# --- coaches and availability ------------------------------------------------------------


class CoachProfileForm(forms.ModelForm):
    """A coach's own profile; HR's form adds the provider organisation."""

    specialties = _choices("Specialties", Specialty.choices)
    languages = _choices("Languages", LANGUAGES, required=True)
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        widget=QuickSelect,
        help_text="Your weekly availability is in this zone.",
    )
    online_url = forms.URLField(label="Online meeting link", required=False, assume_scheme="https")

    class Meta:
        model = CoachProfile
        fields = [
            "bio",
            "specialties",
            "languages",
            "time_zone",
            "session_minutes",
            "capacity",
            "coaches_partners",
            "status",
            "online_url",
            "location",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, hr: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if hr:
            self.fields["provider_name"] = forms.CharField(
                label="Provider organisation", max_length=200, required=False
            )
            self.fields["provider_name"].initial = self.instance.provider_name

    def _post_clean(self):
        # The model's rules run in the service.
        pass


class CoachInviteForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100, required=False)
    provider_name = forms.CharField(label="Provider organisation", max_length=200)
    time_zone = forms.ChoiceField(choices=time_zone_choices, widget=QuickSelect)
    specialties = _choices("Specialties", Specialty.choices)
    languages = _choices("Languages", LANGUAGES, required=True)
    capacity = forms.IntegerField(label="Capacity (coachees at once)", min_value=1, max_value=100)
    coaches_partners = forms.BooleanField(label="Coaches partners of employees", required=False)


class InternalCoachForm(forms.Form):
    email = forms.EmailField(label="The employee's work e-mail")
    specialties = _choices("Specialties", Specialty.choices)
    languages = _choices("Languages", LANGUAGES, required=True)
    capacity = forms.IntegerField(label="Capacity (coachees at once)", min_value=1, max_value=100)
    coaches_partners = forms.BooleanField(label="Coaches partners of employees", required=False)

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer

    def clean_email(self) -> Individual:
        person = (
            Individual.objects.for_employer(self.employer)
            .employees()
            .active()
            .filter(email__iexact=self.cleaned_data["email"])
            .first()
        )
        if person is None:
            raise forms.ValidationError("No active employee has this address here.")
        return person


class WindowForm(forms.Form):
    weekday = forms.TypedChoiceField(label="Day", choices=WEEKDAYS, coerce=int)
    starts_at = forms.TimeField(label="From", widget=TIME)
    ends_at = forms.TimeField(label="Until", widget=TIME)


class ExceptionForm(forms.Form):
    date = forms.DateField(widget=DATE)
    kind = forms.ChoiceField(label="What", choices=AvailabilityException.Kind.choices)
    starts_at = forms.TimeField(label="From", widget=TIME, required=False)
    ends_at = forms.TimeField(
        label="Until",
        widget=TIME,
        required=False,
        help_text="Leave both times empty for a whole day off.",
    )
    note = forms.CharField(max_length=200, required=False)

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise forms.ValidationError("Choose today or a later date.")
        return day


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CoachingSettings
        fields = ["direct_requests", "notice_hours", "sessions_default"]


class AssignForm(forms.Form):
    coach = forms.TypedChoiceField(label="Coach", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].choices = [(s.coach_id, s.name) for s in suggestions]

    def chosen(self) -> Individual:
        return Individual.objects.get(pk=self.cleaned_data["coach"])


class PoolFilterForm(forms.Form):
    q = forms.CharField(label="Name or provider", required=False)
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any"), *CoachProfile.Status.choices], required=False
    )
