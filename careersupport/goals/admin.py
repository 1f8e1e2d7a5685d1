from django.contrib import admin

from .models import CheckIn, Goal, GoalLink, GoalReview, GoalRollup, Milestone


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    # Ticking here would bypass the progress rule the services keep: done is read only.
    readonly_fields = ["done", "done_at"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "owner",
        "employer",
        "category",
        "status",
        "progress",
        "next_checkin_due",
    ]
    list_filter = [
        "status",
        "category",
        "cadence",
        "shared_with_manager",
        "shared_with_partner",
        "employer",
    ]
    search_fields = ["title", "owner__email", "owner__last_name"]
    raw_id_fields = ["owner"]
    inlines = [MilestoneInline]
    # The services keep progress by one rule (milestones, else the latest check-in).
    readonly_fields = ["progress", "start_progress"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "goal", "due_date", "done"]
    list_filter = ["done"]
    search_fields = ["title", "goal__title"]
    raw_id_fields = ["goal"]
    readonly_fields = ["done", "done_at"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["goal", "author", "date", "due_on", "progress"]
    list_filter = ["date"]
    search_fields = ["goal__title", "author__email"]
    raw_id_fields = ["goal", "author"]
    readonly_fields = ["progress"]


@admin.register(GoalReview)
class GoalReviewAdmin(admin.ModelAdmin):
    list_display = ["goal", "reviewer", "rating", "created_at", "replied_at"]
    list_filter = ["rating"]
    search_fields = ["goal__title", "reviewer__email"]
    raw_id_fields = ["goal", "reviewer"]


@admin.register(GoalLink)
class GoalLinkAdmin(admin.ModelAdmin):
    list_display = ["goal", "individual", "kind", "source_id", "created_at", "ended_at"]
    list_filter = ["kind"]
    search_fields = ["goal__title", "individual__email"]
    raw_id_fields = ["goal", "individual"]


@admin.register(GoalRollup)
class GoalRollupAdmin(admin.ModelAdmin):
    list_display = ["owner", "employer", "active_goals", "attention_on", "updated_at"]
    list_filter = ["employer"]
    search_fields = ["owner__email", "owner__last_name"]
    raw_id_fields = ["owner"]
