"""What happened to proposals, events and answers, for other apps (notifications) to act on.

Every signal is sent from `transaction.on_commit`, so a rolled-back change announces nothing.
Receivers get ids, not objects, and look up what they need.

proposal_decided(proposal_id)          accepted or rejected
proposal_commented(comment_id)
proposal_groups_invited(proposal_id)   submitted with groups invited to co-host: their
                                       coordinators are told (once per invitation)
proposal_invitation_answered(invitation_id)  a group joined or declined
event_changed(change_id, message)      an EventChange row: edit, cancellation, postponement;
                                       `message`, the organizers' words to the attendees ("")
rsvp_answered(rsvp_id, status_changed)  someone answered or changed their answer;
                                       `status_changed`: a new answer, or another status
                                       (going, maybe, not going, waitlisted), not details alone
rsvp_promoted(rsvp_id)                 moved from the waitlist to going
guest_verification_requested(rsvp_id)  a guest must confirm their address
guest_address_has_account(event_id, email)  a guest registered with a member's address

event_personal_data_erased(event_id)   attendees' personal data was erased (retention). The one
                                       exception: sent inside the erasing transaction, so every
                                       app's part goes, or none does.
"""

from django.dispatch import Signal

proposal_decided = Signal()
proposal_commented = Signal()
proposal_groups_invited = Signal()
proposal_invitation_answered = Signal()
event_changed = Signal()
rsvp_answered = Signal()
rsvp_promoted = Signal()
guest_verification_requested = Signal()
guest_address_has_account = Signal()
event_personal_data_erased = Signal()
