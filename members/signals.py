"""Signals other apps listen to, so that members/ never imports them.

member_account_deleted: sent inside the deletion transaction, before the profile is scrubbed, with
`member_id`; receivers anonymise what their app holds about the member (RSVPs, comments…).

membership_decided: sent after commit when an organizer approves or rejects, with `member_id`.

group_membership_requested: sent after commit when a member asks to join a group (or asks
again after a refusal), with `membership_id`.

group_membership_decided: sent after commit when a group's coordinator accepts or declines a
request to join, with `membership_id`.

member_data_requested: sent when a member downloads their data, with `member`; each receiver
returns a (section name, JSON-serialisable value) pair that goes into the export.
"""

from django.dispatch import Signal

member_account_deleted = Signal()
member_data_requested = Signal()
membership_decided = Signal()
group_membership_decided = Signal()
group_membership_requested = Signal()
