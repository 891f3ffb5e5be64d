from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from django.core.exceptions import PermissionDenied
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext

from members.account_mail import account_mail_queue
from members.enums import Language
from members.links import absolute_url, is_onion_request, on_site
from members.ratelimit import client_digest
from members.services import member_sign_in_record

# The links allauth puts in its mails' context, built from the request: its host and the
# language of the page the request came from.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


@dataclass(frozen=True)
class MailSite:
    """What allauth's mail templates read as `current_site` (django.contrib.sites is not
    installed, so allauth would name the request's host and port). They print `domain` under
    the signature; the home page in the reader's language is the link to put there."""

    name: str
    domain: str


def _recipient_language(email: str, user) -> str:
    """The member's preferred language; for an address no member has, the page's."""
    if user is None:
        user = next(iter(filter_users_by_email(email)), None)
    language = getattr(user, "preferred_language", None)
    return language if language in Language.values else translation.get_language()


class MemberAccountAdapter(DefaultAccountAdapter):
    """Writes the profile fields at sign-up and sends account mail in the member's language."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.preferred_language = data["preferred_language"]
        user.time_zone = data["time_zone"]
        user.signed_in_through_onion = is_onion_request(request)
        if commit:
            user.save()
        return user

    def login(self, request, user):
        """Every sign-in (password, two-factor, a verified address) remembers whether it came
        through the onion address, for the links in the member's mails (members/links.py)."""
        super().login(request, user)
        member_sign_in_record(member=user, through_onion=is_onion_request(request))

    def get_client_ip(self, request):
        """Not the visitor's address but its keyed digest (members/ratelimit.py): allauth keys
        its rate limits on this, so no address reaches the cache. The address is read from the
        proxy's header (ALLAUTH_TRUSTED_CLIENT_IP_HEADER), else from the connection."""
        try:
            address = super().get_client_ip(request)
        except PermissionDenied:  # no such header: the request did not come through the proxy
            address = request.META.get("REMOTE_ADDR") or "unknown"
        return client_digest(address)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth leaves the member out of a notice's context; send_mail needs their language.
        context = {"user": user, **(context or {})}
        super().send_notification_mail(template_prefix, user, context, email)

    def send_mail(self, template_prefix, email, context):
        """Every allauth mail: rendered here in the recipient's language, its links under that
        language's prefix on the address the request came through (SITE_URL or the onion
        service's: members/links.py; the person asking is on it now, and a sign-up has no
        choice saved yet), the site named "Tadamun"; sent by a task after the request's
        transaction commits (members/account_mail.py), never during the request."""
        language = _recipient_language(email, context.get("user"))
        # translate_url reads each link in the language it was built in, the active one.
        links = {
            name: on_site(translate_url(context[name], language))
            for name in MAIL_LINKS
            if context.get(name)
        }
        with translation.override(language):
            site = MailSite(name=gettext("Tadamun"), domain=absolute_url(reverse("home")))
            # What allauth's own send_mail puts in the context, then ours over it.
            message = self.render_mail(
                template_prefix,
                email,
                {"request": self.request, "email": email, **context, **links, "current_site": site},
            )
        account_mail_queue(message=message, request=self.request)

    def add_message(self, request, *args, **kwargs):
        # A message written just as someone signs in (or while a member posts a form under
        # another language's prefix) is read on the next page, in the member's own language.
        language = getattr(request.user, "preferred_language", None)
        if language not in Language.values:
            language = translation.get_language()
        with translation.override(language):
            super().add_message(request, *args, **kwargs)

    def format_email_subject(self, subject):
        # Called while send_mail renders, so the name is in the recipient's language.
        return f"[{gettext('Tadamun')}] {subject}"
