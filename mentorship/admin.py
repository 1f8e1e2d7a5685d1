"""Django admin for maintenance. No text a pair wrote is shown here: meetings, private notes,
requests and feedback are listed and edited without their notes, messages or words."""

from django.contrib import admin

from .models import (
    Feedback,
    MatchingRun,
    Meeting,
    MenteeNeeds,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    PrivateNote,
    Programme,
    Proposal,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "archived"]
    list_filter = ["archived", "employer"]
    search_fields = ["name"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["offering", "allows_partners", "default_cadence", "default_weeks"]
    raw_id_fields = ["offering"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "capacity", "paused", "open_to_partners", "employer"]
    list_filter = ["paused", "open_to_partners", "employer"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["person"]
    list_select_related = ["person"]


@admin.register(MentorshipRequest)
class MentorshipRequestAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["mentee", "mentor", "programme", "mentorship"]
    exclude = ["message", "response"]
    list_select_related = ["mentee", "mentor"]


@admin.register(MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = [
        "programme",
        "status",
        "created_at",
        "optimal_matched",
        "optimal_total",
        "greedy_total",
    ]
    list_filter = ["status"]
    raw_id_fields = ["programme", "started_by", "decided_by"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "status", "health", "started_on", "ends_on"]
    list_filter = ["status", "health", "employer"]
    search_fields = ["mentee__last_name", "mentor__last_name"]
    raw_id_fields = ["mentee", "mentor", "programme", "enrollment", "closed_by"]
    list_select_related = ["mentee", "mentor"]
    exclude = ["agreement_goals"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["mentorship", "held_on", "created_at"]
    raw_id_fields = ["mentorship", "logged_by"]
    exclude = ["notes", "next_steps"]


@admin.register(MenteeNeeds)
class MenteeNeedsAdmin(admin.ModelAdmin):
    list_display = ["person", "programme", "language", "department_preference", "updated_at"]
    raw_id_fields = ["person", "programme"]
    filter_horizontal = ["topics"]
    exclude = ["goals", "note"]
    list_select_related = ["person", "programme__offering"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["run", "mentee", "mentor", "score", "changed_by_hr"]
    raw_id_fields = ["run", "mentee", "mentor", "enrollment"]
    list_select_related = ["run", "mentee", "mentor"]


@admin.register(PrivateNote)
class PrivateNoteAdmin(admin.ModelAdmin):
    """Only that a note exists (to remove one on request); never its text."""

    list_display = ["id", "meeting", "updated_at"]
    raw_id_fields = ["meeting", "author"]
    exclude = ["text"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["id", "mentorship", "side", "created_at"]
    raw_id_fields = ["mentorship", "author"]
    exclude = ["helped", "rating"]
