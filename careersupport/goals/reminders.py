"""The reminder kinds the goals app publishes (delivery belongs to `notifications`).

- check-in due: on the due date at 09:00 in the owner's time zone (`services`);
- check-in overdue: three days later, to the owner, unless a check-in was recorded (`services`);
- review pending: a manager reviewed a goal; cancelled when the owner replies (`services`);
- review replied: the owner replied, to the manager who wrote the review (`services`);
- team overdue summary: Monday 09:00 in the manager's time zone, their reports' overdue
  check-ins (`team_summary`, published hourly by beat).
"""

REMINDER_KINDS = {
    "goals.checkin_due": "A goal check-in is due",
    "goals.checkin_overdue": "A goal check-in is overdue",
    "goals.review_pending": "Your manager reviewed one of your goals",
    "goals.review_replied": "A reply to a goal review you wrote",
    "goals.team_overdue_summary": "Weekly summary of your team's overdue check-ins",
}
