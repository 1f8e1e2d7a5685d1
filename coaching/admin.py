"""Admin for staff maintenance. Notes show no text (list, search or form), and feedback shows
no comment: they are the pair's own, not staff's."""

from django.contrib import admin

from .models import (
    AvailabilityException,
    AvailabilityWindow,
    CoachDecline,
    CoachingSettings,
    CoachProfile,
    Engagement,
    FinalReview,
    Note,
    Session,
    SessionFeedback,
)


@admin.register(CoachingSettings)
class CoachingSettingsAdmin(admin.ModelAdmin):
    list_display = ["employer", "direct_requests", "notice_hours", "sessions_default"]


class WindowInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


@admin.register(CoachProfile)
class CoachProfileAdmin(admin.ModelAdmin):
    list_display = ["individual", "employer", "provider_name", "status", "capacity", "time_zone"]
    list_filter = ["status", "coaches_partners", "employer"]
    search_fields = ["individual__email", "individual__last_name", "provider_name"]
    raw_id_fields = ["individual"]
    list_select_related = ["individual", "employer"]
    inlines = [WindowInline]


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ["coach", "weekday", "starts_at", "ends_at"]
    list_filter = ["weekday"]
    search_fields = ["coach__individual__email"]
    raw_id_fields = ["coach"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["coach", "date", "kind", "starts_at", "ends_at"]
    list_filter = ["kind"]
    search_fields = ["coach__individual__email"]
    raw_id_fields = ["coach"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["coachee", "coach", "status", "sessions_agreed", "started_on", "created_at"]
    list_filter = ["status", "employer"]
    search_fields = ["coachee__email", "coachee__last_name", "coach__email"]
    raw_id_fields = ["coachee", "coach", "enrollment", "assigned_by", "shortlist"]
    list_select_related = ["coachee", "coach"]
    # The intake's own words stay with the person and their coach.
    exclude = ["intake_text"]


@admin.register(CoachDecline)
class CoachDeclineAdmin(admin.ModelAdmin):
    list_display = ["engagement", "coach", "created_at"]
    search_fields = ["coach__email"]
    raw_id_fields = ["engagement", "coach"]
    exclude = ["message"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["coach", "coachee", "kind", "status", "starts_at", "ends_at"]
    list_filter = ["kind", "status"]
    search_fields = ["coach__email", "coachee__email"]
    raw_id_fields = ["engagement", "coach", "coachee", "booked_by", "cancelled_by"]
    list_select_related = ["coach", "coachee"]
    date_hierarchy = "starts_at"


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """That a note exists and when, for maintenance; never what it says."""

    list_display = ["pk", "engagement", "visibility", "created_at", "updated_at"]
    list_filter = ["visibility"]
    search_fields = ["author__email"]
    fields = readonly_fields = (
        "engagement",
        "session",
        "author",
        "visibility",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SessionFeedback)
class SessionFeedbackAdmin(admin.ModelAdmin):
    list_display = ["session", "coach", "created_at"]
    search_fields = ["coach__email"]
    fields = readonly_fields = ("session", "engagement", "coach", "coachee", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FinalReview)
class FinalReviewAdmin(admin.ModelAdmin):
    list_display = ["engagement", "created_at"]
    search_fields = ["engagement__coachee__email"]
    fields = readonly_fields = ("engagement", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
