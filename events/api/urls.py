"""The API's addresses, mounted at /api/ outside the language prefixes (config/urls.py).

Other sites' scripts may read /api/v1/events… and /api/v1/topics… (CORS_URLS_REGEX in
config/settings.py); whatever else goes under v1/ (a member's own answers) stays same-origin.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from events.api import answers, docs, views

app_name = "api"

v1_patterns = [
    path("events/", views.EventList.as_view(), name="events"),
    path("events/<int:event_id>/", views.EventDetail.as_view(), name="event"),
    path("events/<int:event_id>/programme/", views.EventProgramme.as_view(), name="programme"),
    path("topics/", views.TopicList.as_view(), name="topics"),
    # A member's own answers, with their personal API token (events/api/answers.py).
    path("me/answers/", answers.OwnAnswers.as_view(), name="own_answers"),
    path("me/answers/<int:event_id>/", answers.OwnAnswerDetail.as_view(), name="own_answer"),
]

urlpatterns = [
    path("v1/", include(v1_patterns)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.ApiDocs.as_view(), name="docs"),
    # Last: what matches nothing above is a JSON 404, as a client of the API expects.
    re_path(r"^", views.NoSuchAddress.as_view(), name="not_found"),
]
