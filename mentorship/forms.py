"""Forms of mentorship: validation only (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from careersupport.goals.models import Goal
from careersupport.utils import QuickSelect

from .models import LANGUAGES, MenteeNeeds, Mentorship, Programme, Topic

DATE = forms.DateInput(attrs={"type": "date"})


def _topics(employer):
    return Topic.objects.for_employer(employer).filter(archived=False).order_by("name")


class TopicForm(forms.Form):
    name = forms.CharField(max_length=80)
    goal_categories = forms.MultipleChoiceField(
        label="Helps with goals of these kinds",
        choices=Goal.Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    archived = forms.BooleanField(label="Archived (no longer offered)", required=False)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [*Programme.WEIGHT_FIELDS, "allows_partners", "default_cadence", "default_weeks"]
        help_texts = {name: "0 (ignore) to 10" for name in Programme.WEIGHT_FIELDS}


class MentorProfileForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Expertise topics",
    )
    years_experience = forms.IntegerField(label="Years of experience", min_value=0, max_value=60)
    languages = forms.MultipleChoiceField(
        choices=LANGUAGES, widget=forms.CheckboxSelectMultiple, label="Languages you mentor in"
    )
    capacity = forms.IntegerField(label="Mentees at once", min_value=1, max_value=10)
    open_to_partners = forms.BooleanField(
        label="Open to mentoring partners of employees", required=False
    )
    bio = forms.CharField(
        label="Short bio", required=False, max_length=1500, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = _topics(employer)


class NeedsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics you want help with",
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Goals your mentor may see",
    )
    language = forms.ChoiceField(
        choices=[("", "Any language"), *LANGUAGES], required=False, label="Language"
    )
    department_preference = forms.ChoiceField(
        choices=MenteeNeeds.DepartmentPreference.choices, label="Department"
    )
    max_tz_difference = forms.IntegerField(
        label="Largest time difference (hours)",
        min_value=0,
        max_value=12,
        required=False,
        help_text="Leave empty for anywhere.",
    )
    years_experience = forms.IntegerField(
        label="Your years of experience", min_value=0, max_value=60, required=False
    )
    note = forms.CharField(
        label="Anything else a mentor should know",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = _topics(person.employer_id)
        self.fields["goals"].queryset = Goal.objects.filter(
            owner=person, status__in=[Goal.Status.ACTIVE, Goal.Status.PAUSED]
        )


class FindForm(forms.Form):
    topic = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Topic")
    language = forms.ChoiceField(
        choices=[("", "Any language"), *LANGUAGES], required=False, label="Language"
    )

    def __init__(self, *args, topics: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = sorted(topics.items(), key=lambda item: item[1])
        field = self.fields["topic"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any topic"), *choices]


class RequestForm(forms.Form):
    message = forms.CharField(
        label="Your message to the mentor",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you hope to learn, and how often you would like to meet.",
    )


class AnswerForm(forms.Form):
    response = forms.CharField(
        label="Message to the mentee",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline.",
    )


class AgreementForm(forms.Form):
    goals = forms.CharField(
        label="What we want to achieve",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    cadence = forms.ChoiceField(choices=Programme.Cadence.choices, label="Meeting cadence")
    ends_on = forms.DateField(label="End date", widget=DATE)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE, initial=timezone.localdate)
    notes = forms.CharField(
        label="Notes (you both see them)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_steps = forms.CharField(
        label="Next steps",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    private_note = forms.CharField(
        label="My private note (only you see it)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PrivateNoteForm(forms.Form):
    text = forms.CharField(
        label="My private note (only you see it)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FitForm(forms.Form):
    good_fit = forms.TypedChoiceField(
        label="Is this a good fit?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class GoalsForm(forms.Form):
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Goals your mentor may see",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(
            owner=person, status__in=[Goal.Status.ACTIVE, Goal.Status.PAUSED]
        )


class CloseForm(forms.Form):
    reason = forms.CharField(label="Why (optional)", required=False, max_length=200)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the mentorship?",
        choices=[(str(n), f"{n} of 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    helped = forms.CharField(
        label="What helped",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposalChangeForm(forms.Form):
    """Either swap mentors with another pair of the run, or give this mentee a mentor."""

    swap_with = forms.ChoiceField(
        label="Swap mentors with the pair of", required=False, widget=QuickSelect
    )
    mentor = forms.ChoiceField(label="Or give them this mentor", required=False, widget=QuickSelect)

    def __init__(self, *args, swaps, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swap_with"].choices = [("", "—"), *swaps]
        self.fields["mentor"].choices = [("", "—"), *mentors]

    def clean(self):
        data = super().clean()
        if bool(data.get("swap_with")) == bool(data.get("mentor")):
            raise forms.ValidationError("Choose a pair to swap with, or a mentor (one of the two).")
        return data


class RepairForm(forms.Form):
    mentor = forms.ChoiceField(label="New mentor", widget=QuickSelect)

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [("", "—"), *mentors]


class PairFilterForm(forms.Form):
    VIEWS = [
        ("", "All active pairs"),
        ("stalled", "Stalled (no meeting in 30 days)"),
        ("poor_fit", "Poor-fit flags"),
    ]
    view = forms.ChoiceField(choices=VIEWS, required=False, label="Show")
    health = forms.ChoiceField(
        choices=[("", "Any health"), *[c for c in Mentorship.Health.choices if c[0] != "closed"]],
        required=False,
        label="Health",
    )
