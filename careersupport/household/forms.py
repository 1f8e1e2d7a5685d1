"""Forms of the household pages: validation only; the services decide and save."""

from __future__ import annotations

from decimal import Decimal

from django import forms


def money_field(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": 0, "step": "0.01", "inputmode": "decimal"}),
        **kwargs,
    )


class SharingForm(forms.Form):
    shows_jobsearch = forms.BooleanField(
        label="Show my job search",
        required=False,
        help_text="How many applications you have at each stage, and your next steps.",
    )
    shows_programmes = forms.BooleanField(
        label="Show my programmes",
        required=False,
        help_text="The programmes you are in or waiting for. A confidential one (such as "
        "the EAP) is never shown.",
    )


class FinancialPlanForm(forms.Form):
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        min_length=3,
        initial="EUR",
        help_text="A three-letter code, such as EUR. Every amount is in it.",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )
    monthly_costs = money_field(
        "Household costs a month",
        help_text="Rent or mortgage, bills, food, childcare, transport, repayments.",
    )
    savings = money_field("Savings you can draw on")
    monthly_income = money_field(
        "Income a month during the search",
        initial=Decimal("0"),
        help_text="Salary of the partner in work, benefits, freelance income, after tax.",
    )

    def clean_currency(self) -> str:
        code = self.cleaned_data["currency"].strip().upper()
        if not code.isalpha():
            raise forms.ValidationError("A three-letter currency code, such as EUR.")
        return code


class WithdrawForm(forms.Form):
    delete_plan = forms.BooleanField(
        label="Delete our financial plan too",
        required=False,
        help_text="Otherwise it is kept, shown to neither of you, until you both open the "
        "page again.",
    )
