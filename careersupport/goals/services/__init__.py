"""Every write in `goals`. Each function is atomic, takes the acting person, validates with
`full_clean()`, leaves an `AuditEvent` and publishes its reminders through `notifications`.

One module per area: `goals` (create and change a goal), `milestones`, `checkins` (check-ins
and their due/overdue reminders), `reviews` (a manager's goal reviews and the owner's reply),
`links` (goals shared with a coaching engagement or mentorship, made by those apps) and
`common` (the owner check and the /team/ roll-up every write keeps). Callers import from this
package, as they did when it was one module.
"""

from .checkins import (
    OVERDUE_AFTER,
    REMINDER_HOUR,
    _move_checkin_reminders,
    checkin_record,
    checkin_reminders_follow_time_zone,
)
from .common import rollup_refresh
from .goals import (
    EDITABLE,
    GoalChanges,
    MilestonePlan,
    goal_create,
    goal_update,
    milestone_error_key,
)
from .links import goal_link_create, goal_link_end
from .milestones import milestone_add, milestone_delete, milestone_set_done
from .reviews import review_create, review_reply

__all__ = [
    # goals
    "goal_create",
    "goal_update",
    "EDITABLE",
    "GoalChanges",
    "MilestonePlan",
    "milestone_error_key",
    "rollup_refresh",
    # milestones
    "milestone_add",
    "milestone_set_done",
    "milestone_delete",
    # check-ins and their reminders
    "checkin_record",
    "checkin_reminders_follow_time_zone",
    "OVERDUE_AFTER",
    "REMINDER_HOUR",
    "_move_checkin_reminders",  # the demo back-dates goals and republishes their reminders
    # reviews
    "review_create",
    "review_reply",
    # links to coaching engagements and mentorships
    "goal_link_create",
    "goal_link_end",
]
