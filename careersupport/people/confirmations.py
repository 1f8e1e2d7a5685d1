"""What the destructive steps of `people` say on their confirmation pages
(`careersupport.utils.confirm_page`): what will happen, and whether it can be undone."""

from __future__ import annotations

from .models import Individual, Partnership


def partnership_end_confirmation(partnership: Partnership, me: Individual) -> dict:
    other = partnership.other_side(me)
    if partnership.status == Partnership.Status.INVITED:
        return {
            "question": f"Withdraw the invitation of {other.full_name}?",
            "button": "Withdraw the invitation",
            "consequences": [
                f"The sign-up link sent to {other.email} stops working.",
                "An e-mail not sent yet is not sent.",
            ],
            "undo": "You can invite a partner again afterwards, at another address.",
        }
    return {
        "question": f"End the partnership with {other.full_name}?",
        "button": "End the partnership",
        "keep": "Stay connected",
        "consequences": [
            "Neither of you sees the other's shared goals any more.",
            (
                f"{other.full_name} can no longer join {me.employer}'s programs for partners "
                "(their own account, goals and job search stay theirs)."
                if me.is_employee
                else f"You can no longer join {me.employer}'s programs for partners; your "
                "account, goals and job search stay yours."
            ),
            "Both accounts stay as they are.",
        ],
        "undo": "This cannot be undone from here: the employee would invite a partner again.",
    }
