from django.urls import path

from events.views import answer, atom, browse, checkin, dashboard, guests, organizing, pack

app_name = "events"

urlpatterns = [
    path("", browse.upcoming, name="upcoming"),
    path("past/", browse.past, name="past"),
    path("feed.atom", atom.upcoming_atom, name="atom"),
    path("month/", browse.month, name="month"),
    path("pack/", pack.upcoming_pack, name="upcoming_pack"),
    path("<int:event_id>/", browse.detail, name="detail"),
    path("<int:event_id>/pack/", pack.event_pack, name="pack"),
    path("<int:event_id>/programme/", browse.programme, name="programme"),
    path("<int:event_id>/answer/", answer.answer, name="answer"),
    path("<int:event_id>/guest/", guests.guest_register, name="guest_register"),
    path("<int:event_id>/guest/<str:token>/", guests.guest_answer, name="guest_answer"),
    path("<int:event_id>/guest/<str:token>/pack/", pack.guest_event_pack, name="guest_pack"),
    path("<int:event_id>/edit/", organizing.edit, name="edit"),
    path("<int:event_id>/status/", organizing.change_status, name="status"),
    path("<int:event_id>/cancel/", organizing.status_confirm, {"action": "cancel"}, name="cancel"),
    path(
        "<int:event_id>/postpone/",
        organizing.status_confirm,
        {"action": "postpone"},
        name="postpone",
    ),
    path("<int:event_id>/sessions/new/", organizing.session_form, name="session_new"),
    path(
        "<int:event_id>/sessions/<int:session_id>/edit/",
        organizing.session_form,
        name="session_edit",
    ),
    path(
        "<int:event_id>/sessions/<int:session_id>/delete/",
        organizing.session_delete,
        name="session_delete",
    ),
    path("<int:event_id>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:event_id>/attendees/", dashboard.attendee_list, name="attendees"),
    path("<int:event_id>/check-in/", checkin.checkin_page, name="checkin"),
    path("<int:event_id>/check-in/sw.js", checkin.checkin_worker, name="checkin_worker"),
    path("<int:event_id>/check-in/<int:rsvp_id>/", checkin.checkin_toggle, name="checkin_toggle"),
    path("<int:event_id>/check-in/code/<str:code>/", checkin.checkin_by_code, name="checkin_code"),
]
