"""Signals other apps listen to, so that `people` need not know who keeps local-time schedules."""

from django.dispatch import Signal

# Sent inside the profile update's transaction with `individual` (already saved): receivers
# move what they scheduled at a wall-clock hour of the old zone.
time_zone_changed = Signal()
