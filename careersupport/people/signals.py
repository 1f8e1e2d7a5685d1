"""Signals other apps listen to, so that `people` need not know what each app keeps.

`time_zone_changed`: sent inside the profile update's transaction with `individual`
(already saved): receivers move what they scheduled at a wall-clock hour of the old zone.

The offboarding contract (`careersupport/people/services/offboarding.py`):

`person_deactivated`: sent inside `person_deactivate`'s transaction, after the person is
saved as deactivated (`deactivated_at` set, sign-in refused, reports moved to `successor`,
an open partnership ended), with

    sender=Individual, person=<Individual>, actor=<the HR admin>, successor=<Individual | None>

Each app ends, in that transaction, what it keeps about the person and would go on without
them: what they take part in ends (enrollments withdrawn with their seats passed on,
bookings and registrations cancelled, an engagement or a mentorship closed), what others
wait for from them is handed on or closed, and what they would be reminded of is cancelled.
History stays (nothing is deleted: records end, with who ended them). A receiver writes
through its own app's services, takes no lock on `people` rows, and raises to refuse: the
whole deactivation rolls back. It must be idempotent for one person (a second call finds
nothing left to end).

`person_reactivated`: sent inside `person_reactivate`'s transaction, after `deactivated_at`
is cleared and sign-in allowed again, with `sender=Individual, person=..., actor=...`.
Nothing ended at deactivation comes back by itself (a seat went to the waitlist, reports
were handed on); an app republishes only what belongs to the person alone and still
applies (say, goals' check-in reminders of their active goals).

`deactivation_preview`: sent (outside any write) to build the confirmation page, with
`sender=Individual, person=...`; each receiver returns a list of sentences saying what
`person_deactivated` will end in its app ("2 enrollments are withdrawn; their seats go to
the waitlist."), or an empty list. Say counts, never confidential names or reasons.

Receivers today: programs, notifications, requests, coaching and mentorship
(`<app>/receivers.py`, connected in each app's `ready()` with a `dispatch_uid`, in
INSTALLED_APPS order). A reminder to the leaver published by a later receiver is dropped at
delivery (`notifications` cancels reminders whose recipient left). Goals, for its reminders
on reactivation, would subscribe the same way.
"""

from django.dispatch import Signal

time_zone_changed = Signal()
person_deactivated = Signal()
person_reactivated = Signal()
deactivation_preview = Signal()
