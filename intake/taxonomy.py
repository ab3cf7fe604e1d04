"""The words intake decides with: channels, topics, complexity, urgency, case statuses.

The classifier, the routing rules, the sample generators, the dashboard and
the labels all take their lists from here, so they cannot drift apart.
"""

from __future__ import annotations

from typing import get_args

from intake.models import Channel, Complexity, Urgency

CHANNELS: tuple[str, ...] = get_args(Channel)
TOPICS = (
    "reimbursement", "hospitalisation", "dental", "optical", "complaint",
    "membership", "certificate", "change_of_details", "other",
)
COMPLEXITIES: tuple[str, ...] = get_args(Complexity)
URGENCIES: tuple[str, ...] = get_args(Urgency)  # from the least to the most urgent
STATUSES = ("open", "assigned", "in_progress", "waiting_member", "closed", "screened")
WAITING_STATUSES = frozenset({"open", "assigned", "in_progress", "waiting_member"})
SCREENING_REASONS = ("auto-reply", "bounce", "empty", "unreadable")
# reasons that set an item aside with no answer due; an unreadable letter still needs a person
SCREENED_OUT = frozenset({"auto-reply", "bounce", "empty"})
