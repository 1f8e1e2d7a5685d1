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
        "Progress so far (%)",
        initial=0,
        help_text="Where you start, 0–100. After that your check-ins set it, or, when the goal has milestones, the share of them done.",
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
        self, *args, owner, progress_editable: bool = True, creating: bool = False, **kwargs
    ):
        """`progress_editable`: the starting figure may change only while no milestone and
        no check-in sets the goal's progress (the page says which does)."""
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (Goal.Status.ACTIVE, "Active: start now"),
                (Goal.Status.DRAFT, "Draft: only I see it for now"),
            ]
        if not owner.is_employee:
            del self.fields["shared_with_manager"]
        if not progress_editable:
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


class MilestoneRowForm(forms.Form):
    """A row of the new-goal form: blank, or both a title and a due date."""

    title = forms.CharField(label="Name", max_length=200, required=False)
    due_date = forms.DateField(label="Due date", widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        title, due = (data.get("title") or "").strip(), data.get("due_date")
        if title and not due and "due_date" not in self.errors:
            self.add_error("due_date", "Give this milestone a due date, or clear its name.")
        if due and not title:
            self.add_error("title", "Give this milestone a name, or clear its date.")
        return data if title else {}


# The new-goal form's milestone rows: a blank row is skipped; more can be added afterwards.
MILESTONE_ROWS = 3
MAX_MILESTONES = 20
MilestoneRows = forms.formset_factory(
    MilestoneRowForm,
    extra=MILESTONE_ROWS,
    max_num=MAX_MILESTONES,
    validate_max=True,
    absolute_max=MAX_MILESTONES,
)


def milestone_rows(data=None) -> forms.BaseFormSet:
    """The rows, bound to `data` when it has them: a post without the rows' management form
    (a client that never showed them) means no milestones, not a broken form."""
    if data is not None and "milestones-TOTAL_FORMS" not in data:
        data = None
    return MilestoneRows(data, prefix="milestones")


def milestone_plans(rows: forms.BaseFormSet) -> list[dict]:
    """The filled rows of valid `rows` (blank ones are skipped), as `goal_create` takes them."""
    return [data for data in (rows.cleaned_data if rows.is_bound else []) if data]


class MilestoneChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} (due {obj.due_date:%d %b %Y})"


class CheckInForm(forms.ModelForm):
    """On a goal without milestones the owner gives progress now; on one with milestones the
    field is left out (progress follows them) and the open milestones can be ticked instead."""

    progress = percent_field("Progress now (%)")
    finished = MilestoneChoice(
        label="Milestones finished",
        queryset=Milestone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ticked ones are marked done with this check-in.",
    )

    class Meta:
        model = CheckIn
        fields = ["progress", "finished", "went_well", "in_the_way", "next_step"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "in_the_way": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, milestones: list[Milestone], **kwargs):
        super().__init__(*args, **kwargs)
        open_ids = [m.pk for m in milestones if not m.done]
        if milestones:
            del self.fields["progress"]
        if open_ids:
            self.fields["finished"].queryset = Milestone.objects.filter(pk__in=open_ids)  # type: ignore[attr-defined]
        else:
            del self.fields["finished"]

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
