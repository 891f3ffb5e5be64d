from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from members.enums import Language


def _language_for(user) -> str | None:
    language = getattr(user, "preferred_language", None)
    return language if language in Language.values else None


class MemberAccountAdapter(DefaultAccountAdapter):
    """Writes the profile fields at sign-up and sends account mail in the member's language."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.preferred_language = data["preferred_language"]
        user.time_zone = data["time_zone"]
        if commit:
            user.save()
        return user

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        # The link inside the mail carries the language prefix, so it must be built in the
        # member's language too, not only the text.
        language = _language_for(emailconfirmation.email_address.user)
        with translation.override(language or translation.get_language()):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_mail(self, template_prefix, email, context):
        language = _language_for(context.get("user"))
        with translation.override(language or translation.get_language()):
            super().send_mail(template_prefix, email, context)
