from django.urls import path

from members import views, views_groups, views_tokens, views_vouching

app_name = "members"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notification_preferences, name="notifications"),
    path("groups/", views_groups.my_groups, name="groups"),
    path("my-data.json", views.data_export, name="data_export"),
    path("delete/", views.delete_account, name="delete"),
    path("api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:token_id>/revoke/",
        views_tokens.api_token_revoke_confirm,
        name="api_token_revoke",
    ),
    path("vouching/", views_vouching.vouch_link, name="vouch_link"),
    path("vouch/<str:token>/", views_vouching.vouch, name="vouch"),
]
