"""Attendee lists as files for organizers: CSV and Excel, streamed."""
