"""Reusable reads of proposals, events and answers."""
