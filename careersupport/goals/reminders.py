"""The reminder kinds the goals app publishes (delivery belongs to `notifications`)."""

REMINDER_KINDS = {
    "goals.checkin_due": "A goal check-in is due",
    "goals.checkin_overdue": "A goal check-in is overdue",
    "goals.review_pending": "Your manager reviewed one of your goals",
}
