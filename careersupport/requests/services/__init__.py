"""Every write of the requests app, one module per area; callers import from here.

Each function is atomic, takes the acting person, validates with `full_clean()`, records
the step in the request's history (`Decision`) with an audit row, and publishes its
reminders through `notifications`. None of them sees a request or a form.
"""

from .digest import waiting_publish
from .financial import (
    Budget,
    budget_for,
    financial_approve,
    financial_cancel,
    financial_decline,
    financial_request_create,
    instalment_amounts,
    kind_save,
    money,
)
from .flexible import (
    arrangement_approve,
    arrangement_colleague_answer,
    arrangement_decline,
    arrangement_request,
    arrangement_review,
    arrangement_withdraw,
    manager_of,
    may_decide,
)
from .leave import (
    country_holidays,
    employment_set,
    holiday_add,
    holiday_remove,
    holidays_between,
    holidays_import,
    leave_approve,
    leave_assess,
    leave_cancel,
    leave_decline,
    leave_figures,
    leave_record_return,
    leave_request_create,
    leaves_approve,
    person_facts,
    policy_save,
)

__all__ = [
    "waiting_publish",
    "Budget",
    "budget_for",
    "financial_approve",
    "financial_cancel",
    "financial_decline",
    "financial_request_create",
    "instalment_amounts",
    "kind_save",
    "money",
    "arrangement_approve",
    "arrangement_colleague_answer",
    "arrangement_decline",
    "arrangement_request",
    "arrangement_review",
    "arrangement_withdraw",
    "manager_of",
    "may_decide",
    "country_holidays",
    "employment_set",
    "holiday_add",
    "holiday_remove",
    "holidays_between",
    "holidays_import",
    "leave_approve",
    "leave_assess",
    "leave_cancel",
    "leave_decline",
    "leave_figures",
    "leave_record_return",
    "leave_request_create",
    "leaves_approve",
    "person_facts",
    "policy_save",
]
