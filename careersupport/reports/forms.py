"""Forms of the reports pages: validation only; the services decide and save."""

from __future__ import annotations

from datetime import date

from django import forms

from .models import SUBJECT_CHOICES, SurveyInvitation, SurveyQuestion
from .periods import GRAIN_LABELS, GRAINS, Period, default, horizon, parse


class ReportFilterForm(forms.Form):
    """Period, department and offering kind of a report page (a GET form)."""

    period = forms.ChoiceField(label="Period", required=False)
    # Checked against the viewer's own departments by `permissions` (another's is 404).
    department = forms.RegexField(
        label="Department",
        regex=r"^(|none|\d{1,12})$",
        required=False,
        error_messages={"invalid": "Choose a department from the list."},
    )
    kind = forms.ChoiceField(label="Offering kind", required=False)

    def __init__(self, data=None, *, today: date, departments, subjects=SUBJECT_CHOICES):
        super().__init__(data)
        periods = horizon(today)
        grouped = [
            (
                GRAIN_LABELS[grain] + "s",
                [(p.code, p.label) for p in reversed(periods) if p.grain == grain],
            )
            for grain in (GRAINS[2], GRAINS[1], GRAINS[0])
        ]
        self.today = today
        self.fields["period"].choices = grouped  # type: ignore[attr-defined]
        self.department_choices = [
            ("", "All departments"),
            *[(str(d.pk), d.name) for d in departments],
            ("none", "No department"),
        ]
        self.fields["kind"].choices = [("", "All kinds"), *subjects]  # type: ignore[attr-defined]

    def clean_period(self) -> Period:
        return parse(self.cleaned_data["period"]) or default(self.today)


def answer_fields(questions: list[SurveyQuestion]) -> dict[str, forms.Field]:
    """HR's questions of a survey, each optional."""
    fields: dict[str, forms.Field] = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.type == SurveyQuestion.Type.SCALE:
            fields[name] = forms.TypedChoiceField(
                label=q.text,
                choices=[(str(i), str(i)) for i in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                help_text="1 is the lowest, 5 the highest.",
            )
        elif q.type == SurveyQuestion.Type.CHOICE:
            fields[name] = forms.ChoiceField(
                label=q.text,
                choices=[(c, c) for c in q.choices],
                widget=forms.RadioSelect,
                required=False,
            )
        else:
            fields[name] = forms.CharField(
                label=q.text,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=2000,
            )
    return fields


class SurveyAnswerForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How would you rate it overall?",
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="1 is poor, 5 is excellent.",
        error_messages={"required": "Choose a rating from 1 to 5."},
    )
    recommend = forms.TypedChoiceField(
        label="How likely are you to recommend it to a colleague?",
        choices=[(str(i), str(i)) for i in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="0 is not at all likely, 10 is extremely likely.",
        error_messages={"required": "Choose from 0 to 10."},
    )
    helped = forms.CharField(
        label="What helped you most?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    improve = forms.CharField(
        label="What should we improve?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, invitation: SurveyInvitation, questions: list[SurveyQuestion], **kw):
        super().__init__(*args, **kw)
        self.fields.update(answer_fields(questions))
        self.invitation = invitation

    @property
    def extra(self) -> dict[int, object]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and name[1:].isdigit() and value not in ("", None)
        }


class QuestionForm(forms.Form):
    subject = forms.ChoiceField(label="Asked in the surveys about", choices=SUBJECT_CHOICES)
    text = forms.CharField(label="Question", max_length=300)
    type = forms.ChoiceField(
        label="Answered with",
        choices=SurveyQuestion.Type.choices,
        widget=forms.RadioSelect,
        initial=SurveyQuestion.Type.SCALE,
    )
    choices = forms.CharField(
        label="Choices",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=f"For one choice from a list: 2 to {SurveyQuestion.MAX_CHOICES} choices, one a line.",
    )

    def __init__(self, *args, editing: SurveyQuestion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if editing is not None:
            # The type and the subject stay: the answers already given follow them.
            del self.fields["subject"], self.fields["type"]
            if editing.type != SurveyQuestion.Type.CHOICE:
                del self.fields["choices"]

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
