from django.contrib import admin

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "due_at", "state", "sent_at", "attempts"]
    list_filter = ["state", "kind", "employer"]
    search_fields = ["key", "title", "recipient__email"]
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient"]
