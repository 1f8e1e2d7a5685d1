"""Reminder kinds that `programs` publishes through the notifications app."""

REMINDER_KINDS = {
    "programs.session_tomorrow": "An event session you registered for is tomorrow",
    "programs.session_soon": "An event session you registered for starts in an hour",
    "programs.enrollment_approved": "Your enrollment was approved",
    "programs.enrollment_declined": "Your enrollment was declined",
    "programs.waitlist_promoted": "A seat freed up and you moved off the waitlist",
    "programs.pending_approvals": "Enrollments waiting for your approval (HR)",
    "programs.shadow_booking": "A job-shadowing booking needs you or was decided",
}
