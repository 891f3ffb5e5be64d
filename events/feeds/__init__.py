"""iCalendar feeds: per event, public, a member's private one, an organizer's."""
