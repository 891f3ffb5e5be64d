"""The alliance's groups (under /groups/): models and rules in members/, pages in events/."""

from django.urls import path

from events.views import cohost_attendees, group_coordination, groups

app_name = "groups"

urlpatterns = [
    path("", groups.group_list, name="list"),
    path("new/", group_coordination.create, name="create"),
    path("<slug:slug>/", groups.group_detail, name="detail"),
    path("<slug:slug>/join/", groups.group_join, name="join"),
    path("<slug:slug>/edit/", group_coordination.edit, name="edit"),
    path("<slug:slug>/requests/", group_coordination.queue, name="queue"),
    path(
        "<slug:slug>/requests/<int:membership_id>/",
        group_coordination.decide,
        name="decide",
    ),
    path("<slug:slug>/members/<int:membership_id>/role/", group_coordination.role, name="role"),
    path(
        "<slug:slug>/events/<int:event_id>/attendees/",
        cohost_attendees.event_attendees,
        name="event_attendees",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/",
        group_coordination.answer_invitation,
        name="answer_invitation",
    ),
]
