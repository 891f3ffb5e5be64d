"""Calendar feeds, the private-calendar address, and organizers' exports (under /calendar/)."""

from django.urls import path, re_path

from events.views import exports, feed_tokens, feeds

app_name = "feeds"

urlpatterns = [
    path("events.ics", feeds.public_feed, name="public"),
    path("events/<int:event_id>/event.ics", feeds.event_feed, name="event"),
    path("groups/<slug:slug>.ics", feeds.group_feed, name="group"),
    re_path(r"^private/(?P<token>[A-Za-z0-9_-]{20,128})\.ics$", feeds.member_feed, name="member"),
    path("private/new/", feed_tokens.private_feed_create, name="private_new"),
    path("private/off/", feed_tokens.private_feed_revoke, name="private_revoke"),
    path("organizing.ics", feeds.organizer_feed, name="organizer"),
    path("events/<int:event_id>/attendees.csv", exports.attendees_csv, name="attendees_csv"),
    path("events/<int:event_id>/attendees.xlsx", exports.attendees_xlsx, name="attendees_xlsx"),
    path("events/<int:event_id>/door-list/", exports.attendee_sheet, name="door_list"),
]
