from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read/", views.mark_read, name="mark_all_read"),
    path("<int:delivery_id>/read/", views.mark_read, name="mark_read"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("events/<int:event_id>/reminders/", views.reminder_plan, name="reminder_plan"),
]
