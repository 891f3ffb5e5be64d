import pytest
from django.contrib import admin

from events.models import ProposalComment, Session
from tests.factories import (
    EventFactory,
    MemberFactory,
    ProposalFactory,
    RsvpFactory,
    TopicFactory,
)


def _session(**fields) -> Session:
    event = EventFactory()
    return Session.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, **fields
    )


@pytest.mark.django_db
def test_every_model_has_an_admin_changelist(admin_client):
    from django.apps import apps

    ours = [
        m for m in apps.get_models() if m._meta.app_label in {"members", "events", "notifications"}
    ]
    assert ours
    for model in ours:
        assert admin.site.is_registered(model), model
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_member_admin_filters_and_searches(admin_client):
    MemberFactory(display_name="Shirin", preferred_language="fa")
    response = admin_client.get("/admin/members/user/?membership_status=pending&q=Shirin")
    assert response.status_code == 200
    assert [m.display_name for m in response.context["cl"].result_list] == ["Shirin"]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "stored"), [("لیلی", "ليلى"), ("كريم", "کریم")])
def test_member_admin_search_matches_a_name_typed_on_another_keyboard(admin_client, typed, stored):
    MemberFactory(display_name=f"{stored} احمدی")
    MemberFactory(display_name="عمر سعيد")
    response = admin_client.get("/admin/members/user/", {"q": typed})
    assert [m.display_name for m in response.context["cl"].result_list] == [f"{stored} احمدی"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "make", "typed"),
    [
        ("events/event", lambda: EventFactory(title_fa="همبستگی با كُردستان"), "کردستان"),
        ("events/event", lambda: EventFactory(city="أربيل"), "اربیل"),
        (
            "events/proposal",
            lambda: ProposalFactory(proposer=MemberFactory(display_name="ليلى")),
            "لیلی",
        ),
        ("events/proposal", lambda: ProposalFactory(title_ar="مؤتمر كردستان"), "کردستان"),
        ("events/session", lambda: _session(speaker_names="کریم"), "كريم"),
        ("events/rsvp", lambda: RsvpFactory(member=None, guest_name="ليلى"), "لیلی"),
        ("events/rsvp", lambda: RsvpFactory(member=MemberFactory(display_name="ليلى")), "لیلی"),
        ("events/topic", lambda: TopicFactory(name_fa="فدرالیسم"), "فدراليسم"),
        (
            "events/proposalcomment",
            lambda: ProposalComment.objects.create(
                proposal=ProposalFactory(), author=MemberFactory(), body="ليلى می‌آید"
            ),
            "لیلی",
        ),
    ],
)
def test_event_admin_searches_match_text_typed_on_another_keyboard(admin_client, path, make, typed):
    wanted = make()
    make_other = {"events/event": EventFactory, "events/proposal": ProposalFactory}.get(path)
    if make_other:
        make_other()
    response = admin_client.get(f"/admin/{path}/", {"q": typed})
    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.django_db
def test_members_cannot_open_the_admin(member_client):
    response = member_client.get("/admin/members/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_without_two_factor_is_sent_to_set_it_up(client):
    from tests.factories import ApprovedMemberFactory

    staff = ApprovedMemberFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/members/user/")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


@pytest.mark.django_db
def test_the_admins_own_sign_in_form_is_not_a_way_around_two_factor(client):
    """Staff with an authenticator who post the admin's login form are not signed in: that
    form asks for no code. Every sign-in goes through allauth's, which does."""
    from tests.factories import PASSWORD, OrganizerFactory

    staff = OrganizerFactory(is_staff=True, is_superuser=True)
    shown = client.get("/admin/login/?next=/admin/")
    assert shown.status_code == 302
    assert shown["Location"].startswith("/en/accounts/login/")
    client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
