"""Reminder kinds that notifications itself publishes."""

DIGEST_KIND = "notifications.digest"

REMINDER_KINDS = {
    DIGEST_KIND: "Daily digest of your reminders",
}
