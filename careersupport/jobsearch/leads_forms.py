"""Forms of the job leads' pages: validation only; the services decide the rest."""

from __future__ import annotations

from typing import cast

from django import forms

from careersupport.people.models import Employer

from .leads_selectors import HR_STATUSES, OWN, LeadFilters
from .models import JobLead, LeadOrganisation
from .services.leads import SUITS_EVERYONE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SUITS_CHOICES = [(SUITS_EVERYONE, "Everyone"), *JobLead.Suits.choices]
CSV_MAX_BYTES = 2 * 1024 * 1024


class LeadForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=200)
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=LeadOrganisation.objects.none(), required=False
    )
    location = forms.CharField(label="Location", max_length=200, required=False)
    remote = forms.BooleanField(label="Remote", required=False)
    url = forms.URLField(
        label="Link to the opening", max_length=500, required=False, assume_scheme="https"
    )
    closes_on = forms.DateField(
        label="Closing date",
        widget=DATE,
        help_text="The last day to apply; the lead is listed until the end of that day.",
    )
    suits = forms.MultipleChoiceField(
        label="Who it suits",
        choices=SUITS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one group (or everyone)."},
    )
    suits_note = forms.CharField(label="Who it suits, in words", max_length=200, required=False)
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)

    def __init__(self, *args, employer: Employer, lead: JobLead | None = None, **kwargs):
        if lead is not None:
            kwargs.setdefault("initial", lead_initial(lead))
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = LeadOrganisation.objects.for_employer(employer).order_by("name")
        field.empty_label = f"{employer.name} (our own opening)"


def lead_initial(lead: JobLead) -> dict:
    suits = lead.suits
    return {
        "title": lead.title,
        "organisation": lead.organisation_id,
        "location": lead.location,
        "remote": lead.remote,
        "url": lead.url,
        "closes_on": lead.closes_on,
        "suits": [SUITS_EVERYONE] if len(suits) == len(JobLead.Suits.values) else suits,
        "suits_note": lead.suits_note,
        "description": lead.description,
    }


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    location = forms.CharField(label="City or region", max_length=200, required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")


class LeadCsvForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a header row: title and closes_on, and optionally "
        "organisation, location, remote, link, suits, suits_note, description.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB; split it into parts.")
        return upload


class LeadFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    location = forms.CharField(label="Location", required=False, max_length=100)
    remote = forms.ChoiceField(
        label="Remote",
        choices=[("", "Remote or on site"), ("remote", "Remote"), ("onsite", "On site")],
        required=False,
    )
    organisation = forms.ChoiceField(label="Organisation", required=False)
    suits_me = forms.BooleanField(label="Suits me", required=False)

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", "Any organisation"),
            (OWN, employer.name),
            *LeadOrganisation.objects.for_employer(employer)
            .order_by("name")
            .values_list("pk", "name"),
        ]

    def filters(self) -> LeadFilters:
        """What was asked, or no filter where the input was invalid (a list never fails)."""
        data = self.cleaned_data if self.is_valid() else {}
        return LeadFilters(
            q=data.get("q", ""),
            location=data.get("location", ""),
            remote=data.get("remote", ""),
            organisation=str(data.get("organisation", "")),
            suits_me=bool(data.get("suits_me")),
        )


class HrLeadFilterForm(forms.Form):
    status = forms.ChoiceField(label="Show", choices=list(HR_STATUSES.items()), required=False)
    q = forms.CharField(label="Search", required=False, max_length=100)
