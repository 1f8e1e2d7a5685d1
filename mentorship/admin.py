"""Django admin for maintenance. Log notes and private notes are never shown here: meetings
list no text and private notes and feedback text are not registered at all."""

from django.contrib import admin

from .models import (
    MatchingRun,
    Meeting,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Programme,
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
