"""Every write in `people`: invitations, CSV import, partnerships, reporting lines, profiles.

Each function is atomic, takes the acting person, validates with `full_clean()` and leaves
an `AuditEvent`. None of them sees a request or a form.

One module per area: `auditing` (the `audit` every app's writes call), `invitations`
(invitations and the CSV import), `invitation_emails` (their e-mails' outbox, sent by
Celery after the commit), `partners`, `profiles` (profiles, reporting lines, departments).
Callers import from this package, as they did when it was one module.
"""

from .auditing import audit
from .invitation_emails import invitation_emails_claim_due, invitation_emails_deliver
from .invitations import (
    CSV_COLUMNS,
    CSV_MAX_ROWS,
    CSV_REQUIRED,
    ImportProblem,
    ImportResult,
    employee_invite,
    employees_import_csv,
    external_invite,
    invitation_accept,
    invitation_resend,
    invitation_revoke,
)
from .partners import (
    partner_invitation_resend,
    partner_invite,
    partnership_end,
    partnership_set_sharing,
)
from .profiles import (
    PROFILE_FIELDS,
    ProfileChanges,
    department_create,
    profile_update,
    reporting_line_update,
)

__all__ = [
    "audit",
    # invitations and the CSV import
    "employee_invite",
    "external_invite",
    "invitation_resend",
    "invitation_revoke",
    "invitation_accept",
    "CSV_COLUMNS",
    "CSV_REQUIRED",
    "CSV_MAX_ROWS",
    "ImportProblem",
    "ImportResult",
    "employees_import_csv",
    # the invitation e-mails' outbox
    "invitation_emails_claim_due",
    "invitation_emails_deliver",
    # partners
    "partner_invite",
    "partner_invitation_resend",
    "partnership_end",
    "partnership_set_sharing",
    # profiles and reporting lines
    "PROFILE_FIELDS",
    "ProfileChanges",
    "profile_update",
    "reporting_line_update",
    "department_create",
]
