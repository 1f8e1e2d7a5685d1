from django.contrib import admin

from .models import (
    CalendarFeed,
    Cohort,
    Enrollment,
    Milestone,
    MilestoneProgress,
    Offering,
    Phase,
    PolicyAcknowledgement,
    PolicyVersion,
    Session,
    SessionRegistration,
    ShadowBooking,
    ShadowSlot,
)


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "employer",
        "starts_on",
        "capacity",
        "is_confidential",
    ]
    list_filter = ["status", "kind", "is_confidential", "employer"]
    search_fields = ["title", "description"]
    filter_horizontal = ["departments"]
    raw_id_fields = ["created_by"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["offering", "person", "status", "waitlist_position", "created_at"]
    list_filter = ["status", "offering__kind", "employer"]
    search_fields = ["offering__title", "person__last_name", "person__email"]
    raw_id_fields = ["offering", "person", "decided_by", "cohort"]

    def get_queryset(self, request):
        # Confidential participation (EAP) is not listed by name here either.
        return super().get_queryset(request).filter(offering__is_confidential=False)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "offering", "starts_at", "time_zone"]
    list_filter = ["offering__kind"]
    search_fields = ["title", "offering__title"]
    raw_id_fields = ["offering"]


@admin.register(SessionRegistration)
class SessionRegistrationAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "created_at"]
    list_filter = ["session__offering__kind"]
    search_fields = ["person__last_name", "session__title"]
    raw_id_fields = ["session", "person"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(session__offering__is_confidential=False)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["person", "created_at"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["person"]
    exclude = ["token"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["offering", "number", "published_at"]
    list_filter = ["offering__employer"]
    search_fields = ["offering__title", "text"]
    raw_id_fields = ["offering", "published_by"]


@admin.register(PolicyAcknowledgement)
class PolicyAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["version", "person", "acknowledged_at"]
    list_filter = ["version__offering"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["version", "person"]


@admin.register(ShadowSlot)
class ShadowSlotAdmin(admin.ModelAdmin):
    list_display = ["offering", "host", "starts_at", "ends_at"]
    list_filter = ["offering__employer"]
    search_fields = ["host__last_name", "offering__title"]
    raw_id_fields = ["offering", "host"]


@admin.register(ShadowBooking)
class ShadowBookingAdmin(admin.ModelAdmin):
    list_display = ["slot", "participant", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["participant__last_name"]
    raw_id_fields = ["slot", "participant"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "offering", "starts_on"]
    list_filter = ["offering__employer"]
    search_fields = ["name", "offering__title"]
    raw_id_fields = ["offering"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "cohort", "order", "starts_on", "ends_on"]
    list_filter = ["cohort__offering"]
    search_fields = ["name"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "phase"]
    list_filter = ["phase__cohort"]
    search_fields = ["title"]


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(admin.ModelAdmin):
    list_display = ["milestone", "enrollment", "done_at"]
    list_filter = ["milestone__phase__cohort"]
    search_fields = ["enrollment__person__last_name"]
    raw_id_fields = ["milestone", "enrollment", "recorded_by"]
