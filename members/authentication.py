"""Personal API tokens at the API's door (issue 15): `Authorization: Bearer <token>`.

RFC 6750's bearer scheme, and no other: no session, so no cookie rides along and no CSRF token
is needed. A token that is unknown, revoked, or whose account was deleted or deactivated is
refused with 401 at once, since it is looked up on every request. A token says who the member
is and nothing more: an organizer's token grants nothing organizer-only (events/api/answers.py
asks what the member may do as a member, without two-factor authentication).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission

from members.selectors_tokens import api_token_found
from members.services_tokens import api_token_mark_used

SCHEME = "bearer"
REALM = 'Bearer realm="api"'


class ApiTokenAuthentication(BaseAuthentication):
    """Sets `request.user` to the token's member and `request.auth` to the ApiToken."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != SCHEME.encode():
            return None  # no credentials: the view's permission answers 401
        if len(header) != 2:  # the scheme and the token, nothing more
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with nothing else.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""  # nosec B105 (not ASCII: no token of ours, refused below)
        token = api_token_found(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This API token does not work: it is unknown, or has been revoked.")
            )
        api_token_mark_used(token=token)
        return token.member, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer a missing or refused token with 401 (and this header), not 403.
        return REALM


class IsApprovedMember(BasePermission):
    """A token's member must still be an approved, active member (401 without a token)."""

    message = _("Only approved members can use the API with a personal token.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            raise exceptions.NotAuthenticated(
                _("Send your personal API token: “Authorization: Bearer <token>”.")
            )
        return bool(user.is_active and user.is_approved)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema (/api/schema/) describes the token: HTTP bearer."""

    target_class = ApiTokenAuthentication
    name = "personalApiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the member's account pages.",
        }
