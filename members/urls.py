from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notification_preferences, name="notifications"),
    path("my-data.json", views.data_export, name="data_export"),
    path("delete/", views.delete_account, name="delete"),
]
