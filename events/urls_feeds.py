"""Calendar feeds and organizer exports (issue: iCal feeds and exports)."""

from django.urls import path

app_name = "feeds"

urlpatterns: list = []
