from django.contrib import admin

from .models import Notification, NotificationPreference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "recipient", "employer", "due_at", "state", "attempts"]
    list_filter = ["state", "kind", "employer"]
    search_fields = ["key", "title", "recipient__email", "last_error"]
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient", "employer"]
    date_hierarchy = "due_at"
    readonly_fields = ["sent_at", "claimed_at", "attempts", "last_error", "created_at"]

    def get_queryset(self, request):
        # Who takes part in a confidential offering (an EAP) is not listed here either.
        return super().get_queryset(request).filter(confidential=False)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "recipient", "email", "created_at", "read_at"]
    list_filter = ["email", "kind", "employer"]
    search_fields = ["title", "recipient__email"]
    raw_id_fields = ["recipient", "reminder", "digest"]
    list_select_related = ["recipient"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(reminder__confidential=False)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["recipient", "quiet_start", "quiet_end", "digest", "digest_time", "updated_at"]
    list_filter = ["digest"]
    search_fields = ["recipient__email", "recipient__last_name"]
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient"]
