from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from events.views import topics as topic_views
from members import views as member_views
from members.views_health import healthz

# The admin's own sign-in form would skip two-factor authentication and allauth's rate limits:
# signing in to the admin goes through allauth's, like every other sign-in.
admin.site.login = secure_admin_login(admin.site.login)

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

# A signed-out reader's 404 page offers to sign in and come back (config/views.py).
handler404 = "config.views.page_not_found"
# An unreachable database answers 503 "back in a moment" instead of 500 (config/views.py).
handler500 = "config.views.server_error"

# Not one of Django's handlers: allauth answers its exceeded rate limits (sign-up, sign-in,
# password reset) with this view when the URLconf names one, in the reader's language.
handler429 = "members.ratelimit.too_many_requests"
