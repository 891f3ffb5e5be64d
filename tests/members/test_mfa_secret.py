"""The two-factor set-up page's secret can be selected and copied without script: at Tor
Browser's safest level the QR code may not be drawn (templates/mfa/totp/activate_form.html)."""

import re

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import PASSWORD, ApprovedMemberFactory
from tests.members.test_organizer_mfa import current_totp_code, sign_in

ACTIVATE = "/{language}/accounts/2fa/totp/activate/"


def setup_page(client, member, language: str = "en"):
    """The set-up page, after giving the password again as allauth asks."""
    sign_in(client, member)
    page = client.get(ACTIVATE.format(language=language), follow=True)
    if page.context.get("form") is None or not hasattr(page.context["form"], "secret"):
        page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_secret_is_in_a_read_only_field_and_in_groups_of_four(client, language):
    response = setup_page(client, ApprovedMemberFactory(preferred_language=language), language)
    secret = response.context["form"].secret
    html = response.content.decode()
    field = re.search(r'<input[^>]*id="authenticator_secret"[^>]*>', html).group(0)
    assert "readonly" in field
    assert "disabled" not in field
    assert "name=" not in field  # never posted: allauth keeps the secret in the session
    assert f'value="{secret}"' in field
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert f'<code><bdi dir="ltr">{grouped}</bdi></code>' in html


@pytest.mark.django_db
def test_the_form_still_activates_with_the_code_alone(client):
    member = ApprovedMemberFactory()
    secret = setup_page(client, member).context["form"].secret
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_recovery_codes_are_shown_in_a_read_only_field(client):
    member = ApprovedMemberFactory()
    secret = setup_page(client, member).context["form"].secret
    client.post("/en/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})
    html = client.get("/en/accounts/2fa/recovery-codes/").content.decode()
    field = re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>', html).group(0)
    assert "readonly" in field
    assert "disabled" not in field
