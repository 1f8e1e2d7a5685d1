"""Forms of the goals pages: validation only; the services decide and save."""

from __future__ import annotations

from django import forms

from .models import PERCENT, CheckIn, Goal, GoalReview, Milestone
from .services import EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def percent_field(label: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        validators=PERCENT,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
        **kwargs,
    )


class GoalForm(forms.ModelForm):
    progress = percent_field(
        "Progress (%)",
        initial=0,
        help_text="0–100. When the goal has milestones, progress follows them.",
    )

    class Meta:
        model = Goal
        fields = list(EDITABLE)  # what goal_update accepts
        widgets = {"target_date": DATE, "why": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "shared_with_manager": "Your manager and the managers above them see it. Untick both boxes to keep the goal private.",
            "shared_with_partner": "Shown to your partner only while you share goals in your partnership settings.",
        }

    def __init__(
        self, *args, owner, has_milestones: bool = False, creating: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (Goal.Status.ACTIVE, "Active: start now"),
                (Goal.Status.DRAFT, "Draft: only I see it for now"),
            ]
        if not owner.is_employee:
            del self.fields["shared_with_manager"]
        if has_milestones:
            del self.fields["progress"]

    def _post_clean(self):
        # The model's rules run in the service, with the owner known; here only fields are checked.
        pass


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date"]
        widgets = {"due_date": DATE}

    def _post_clean(self):
        pass


class CheckInForm(forms.ModelForm):
    progress = percent_field("Progress now (%)")

    class Meta:
        model = CheckIn
        fields = ["progress", "went_well", "in_the_way", "next_step"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "in_the_way": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


class ReviewForm(forms.ModelForm):
    class Meta:
        model = GoalReview
        fields = ["rating", "comments", "next_steps"]
        widgets = {
            "comments": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class ReplyForm(forms.Form):
    reply = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 3}))


class TeamFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label="Who",
        choices=[("direct", "Direct reports"), ("chain", "Everyone in my chain")],
        required=False,
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    category = forms.ChoiceField(
        label="Category", choices=[("", "All categories"), *Goal.Category.choices], required=False
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[(s, label) for s, label in Goal.Status.choices if s != Goal.Status.DRAFT],
        required=False,
    )
