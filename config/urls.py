from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from events.views import topics as topic_views
from members import views as member_views
from members.views_health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", member_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", member_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("organizers/", include("members.urls_organizers")),
    path("organizers/topics/", topic_views.topics, name="topics"),
    path("organizers/topics/<int:topic_id>/", topic_views.topics, name="topic_edit"),
    path("events/", include("events.urls")),
    path("calendar/", include("events.urls_feeds")),
    path("proposals/", include("events.urls_proposals")),
    path("notifications/", include("notifications.urls")),
    prefix_default_language=True,
)
