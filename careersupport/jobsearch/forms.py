"""Forms of the tracker's pages: validation only; the services decide and save."""

from __future__ import annotations

from django import forms

from careersupport import uploads
from coaching.models import LANGUAGES

from .models import (
    Application,
    Contact,
    PreparationComment,
    PreparationRequest,
    ResumeVersion,
    SalaryResearch,
)
from .selectors import DUE_CHOICES
from .services.applications import EDITABLE, SALARY_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})


class NoModelClean:
    def _post_clean(self):
        # The model's rules run in the service, with the owner known; here only fields.
        pass


class ApplicationForm(NoModelClean, forms.ModelForm):
    stage = forms.ChoiceField(
        choices=[(s, Application.Stage(s).label) for s in Application.OPEN_STAGES],
        initial=Application.Stage.INTERESTED,
    )
    link = forms.URLField(
        label="Link to the posting", max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Application
        fields = list(EDITABLE)
        widgets = {
            "next_step_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "salary_min": MONEY,
            "salary_max": MONEY,
            "currency": forms.TextInput(
                attrs={"size": 3, "maxlength": 3, "autocapitalize": "characters"}
            ),
        }
        labels = {"next_step_on": "Next step on"}

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["stage"]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(
        choices=[(s, label) for s, label in Application.Stage.choices if s != "accepted"]
    )


class NextStepForm(forms.Form):
    next_step = forms.CharField(
        label="Next step", max_length=200, required=False, help_text="Leave empty to clear it."
    )
    next_step_on = forms.DateField(label="On", widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("next_step") and not data.get("next_step_on"):
            self.add_error("next_step_on", "Give the day of the next step.")
        return data


class FilterForm(forms.Form):
    STAGES = [("", "All"), ("open", "Open"), ("closed", "Closed"), *Application.Stage.choices]
    stage = forms.ChoiceField(choices=STAGES, required=False)
    remote = forms.ChoiceField(
        choices=[("", "Either"), ("yes", "Remote"), ("no", "On site")], required=False
    )
    due = forms.ChoiceField(label="Next step", choices=DUE_CHOICES, required=False)
    q = forms.CharField(label="Search", max_length=100, required=False)


class AcceptForm(forms.Form):
    organisation = forms.CharField(max_length=200)
    role = forms.CharField(max_length=200)
    start_on = forms.DateField(label="Start date", widget=DATE)
    close = forms.ModelMultipleChoiceField(
        label="Close these other applications as withdrawn",
        queryset=Application.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Untick any you want to keep open.",
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["close"]
        field.queryset = Application.objects.filter(pk__in=[a.pk for a in others])
        if not others:
            del self.fields["close"]
            return
        field.label_from_instance = lambda a: (
            f"{a.role} at {a.organisation} ({a.get_stage_display()})"
        )


class ContactForm(NoModelClean, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "how_met", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ResumeForm(forms.Form):
    file = forms.FileField(
        label="Résumé",
        help_text=f"{uploads.RESUMES.label} files, at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    note = forms.CharField(
        label="What this version is",
        max_length=200,
        required=False,
        help_text="For instance “tailored for product roles”.",
    )


class SalaryForm(NoModelClean, forms.ModelForm):
    class Meta:
        model = SalaryResearch
        fields = list(SALARY_FIELDS)
        widgets = {
            **{
                name: MONEY
                for name in (
                    "range_low",
                    "range_high",
                    "target",
                    "walk_away",
                    "offer_received",
                    "negotiated",
                )
            },
            "sources": forms.Textarea(attrs={"rows": 3}),
            "negotiation_notes": forms.Textarea(attrs={"rows": 3}),
            "currency": forms.TextInput(attrs={"size": 3, "maxlength": 3}),
        }


class PreparationForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like?",
        choices=PreparationRequest.Kind.choices,
        widget=forms.RadioSelect,
    )
    resume: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Résumé to attach",
        queryset=ResumeVersion.objects.none(),
        required=False,
        empty_label="None",
    )
    message = forms.CharField(
        label="What would you like help with?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label="Languages you would like to be coached in",
        choices=LANGUAGES,
        initial=["en"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Used only if you have no coach yet: coaching then suggests coaches with their reasons.",
    )

    def __init__(self, *args, application, has_coaching: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = application.resumes.all()  # type: ignore[attr-defined]
        if has_coaching:
            del self.fields["languages"]


class CommentForm(forms.ModelForm):
    class Meta:
        model = PreparationComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
