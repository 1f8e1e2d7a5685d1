from __future__ import annotations

from django import forms

from .kinds import registered_kinds
from .reminders import DIGEST_KIND


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label="E-mail me about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Unticked kinds reach your inbox only.",
    )
    quiet_start = forms.TimeField(
        label="Quiet hours from",
        required=False,
        widget=TimeInput(),
        help_text="Reminders due in your quiet hours arrive when they end.",
    )
    quiet_end = forms.TimeField(label="Quiet hours until", required=False, widget=TimeInput())
    digest = forms.BooleanField(
        label="Send me one daily digest e-mail instead of one e-mail per reminder",
        required=False,
    )
    digest_time = forms.TimeField(label="Digest at", widget=TimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].choices = email_kind_choices()

    def clean(self):
        data = super().clean()
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if (start is None) != (end is None) and not self.has_error("quiet_start"):
            self.add_error("quiet_end" if start else "quiet_start", "Give both times, or neither.")
        elif start is not None and start == end:
            self.add_error("quiet_end", "Quiet hours must end at another time than they start.")
        return data

    def email_off_kinds(self) -> list[str]:
        chosen = set(self.cleaned_data["email_kinds"])
        return [kind for kind, _ in email_kind_choices() if kind not in chosen]


def email_kind_choices() -> list[tuple[str, str]]:
    """Every registered kind a person can switch off (the digest is switched by itself)."""
    return sorted(
        ((kind, label) for kind, label in registered_kinds().items() if kind != DIGEST_KIND),
        key=lambda choice: choice[1],
    )
