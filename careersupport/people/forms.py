from __future__ import annotations

from django import forms

from careersupport.utils import QuickSelect

from .models import Department, Individual
from .services.profiles import PROFILE_FIELDS
from .timezones import time_zone_choices


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    department = forms.ModelChoiceField(
        label="Department", queryset=Department.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Everyone"), *Individual.Kind.choices], required=False
    )
    manager = forms.ModelChoiceField(
        label="Manager", queryset=Individual.objects.none(), required=False
    )

    def __init__(self, *args, employer, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_employer(employer)
        self.fields["manager"].queryset = managers


class EmployeeInviteForm(forms.Form):
    email = forms.EmailField(label="Work e-mail")
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    department = forms.ModelChoiceField(
        label="Department", queryset=Department.objects.none(), required=False
    )
    manager = forms.ModelChoiceField(
        label="Manager", queryset=Individual.objects.none(), required=False
    )
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices, widget=QuickSelect)
    is_hr_admin = forms.BooleanField(label="HR admin", required=False)

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_employer(employer)
        self.fields["manager"].queryset = (
            Individual.objects.for_employer(employer).employees().active()
        )


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a header row: email, first_name, and optionally last_name, "
        "job_title, department, manager_email, time_zone.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 2 MB; split it into parts.")
        return upload


class ReportingLineForm(forms.Form):
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    department = forms.ModelChoiceField(
        label="Department", queryset=Department.objects.none(), required=False
    )
    manager = forms.ModelChoiceField(
        label="Manager", queryset=Individual.objects.none(), required=False
    )
    is_hr_admin = forms.BooleanField(label="HR admin", required=False)

    def __init__(self, *args, person: Individual, **kwargs):
        super().__init__(*args, **kwargs)
        employer = person.employer
        fields: dict = self.fields  # a Field has no queryset to the stubs; these two do
        fields["department"].queryset = Department.objects.for_employer(employer)
        fields["manager"].queryset = (
            Individual.objects.for_employer(employer).employees().active().exclude(pk=person.pk)
        )


class DepartmentForm(forms.Form):
    name = forms.CharField(label="Department name", max_length=120)


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices, widget=QuickSelect)

    class Meta:
        model = Individual
        fields = list(PROFILE_FIELDS)  # what profile_update accepts
        labels = {"notification_email": "Notification e-mail"}
        help_texts = {
            "is_caregiver": "Confidential: opens family and caregiver offerings to you. "
            "Your manager never sees it.",
            "is_returner": "Confidential: opens re-entry offerings to you.",
        }


class PartnerInviteForm(forms.Form):
    email = forms.EmailField(label="Your partner's e-mail")
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)


class SharingForm(forms.Form):
    shares_goals = forms.BooleanField(
        label="Let my partner see the goals I share with them", required=False
    )
