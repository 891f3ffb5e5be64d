from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config import views as error_views
from events.views import embed as embed_views
from events.views import topics as topic_views
from members import views as member_views
from members import views_mfa
from members.views_health import healthz

# The admin's own sign-in form would skip two-factor authentication and allauth's rate limits:
# signing in to the admin goes through allauth's, like every other sign-in.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", error_views.favicon, name="favicon"),
    path("i18n/setlang/", member_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # Framed by allied sites, in the language its `lang` asks for: outside the prefixed pages.
    path("embed/events/", embed_views.embed_events, name="embed_events"),
    # The public JSON API (/api/v1/), its schema and docs: one address in every language.
    path("api/", include("events.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", member_views.home, name="home"),
    # allauth's own, keeping `next` through setting up two-factor authentication.
    path("accounts/2fa/totp/activate/", views_mfa.activate_totp, name="mfa_activate_totp"),
    path(
        "accounts/2fa/recovery-codes/",
        views_mfa.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("organizers/", include("members.urls_organizers")),
    path("organizers/topics/", topic_views.topics, name="topics"),
    path("organizers/topics/<int:topic_id>/", topic_views.topics, name="topic_edit"),
    path("events/", include("events.urls")),
    path("calendar/", include("events.urls_feeds")),
    path("groups/", include("events.urls_groups")),
    path("proposals/", include("events.urls_proposals")),
    path("notifications/", include("notifications.urls")),
    prefix_default_language=True,
)

# The translated 400 page; a body too large for DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 that says
# to shorten it (config/views.py).
handler400 = "config.views.bad_request"
# A signed-out reader's 404 page offers to sign in and come back (config/views.py).
handler404 = "config.views.page_not_found"
# An unreachable database answers 503 "back in a moment" instead of 500 (config/views.py).
handler500 = "config.views.server_error"

# Not one of Django's handlers: allauth answers its exceeded rate limits (sign-up, sign-in,
# password reset) with this view when the URLconf names one, in the reader's language.
handler429 = "members.ratelimit.too_many_requests"
