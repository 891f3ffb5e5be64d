from django.urls import path

from members import views, views_groups, views_vouching

app_name = "members"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notification_preferences, name="notifications"),
    path("groups/", views_groups.my_groups, name="groups"),
    path("my-data.json", views.data_export, name="data_export"),
    path("delete/", views.delete_account, name="delete"),
    path("vouching/", views_vouching.vouch_link, name="vouch_link"),
    path("vouch/<str:token>/", views_vouching.vouch, name="vouch"),
]
