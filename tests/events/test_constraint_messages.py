"""A form never shows Django's raw "Constraint “…” is violated.": each checks the database's
rules itself, in the reader's language (events/forms/constraints.py)."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from events.forms.constraints import GENERIC_MESSAGE
from events.forms.groups import GroupForm
from tests.events.proposal_forms import proposal_form_data
from tests.factories import CoordinatorMembershipFactory, GroupFactory

RAW = "is violated"


def group_data(**overrides) -> dict:
    return {
        "name_en": "Syrian socialists",
        "in_arabic": "on",
        "country": "SY",
    } | overrides


@pytest.mark.django_db
@pytest.mark.parametrize(
    "names",
    [{"name_en": ""}, {"name_en": "\u200b", "name_fa": "\u200c", "name_ar": " "}],
    ids=["empty", "invisible"],
)
def test_group_edit_without_a_name_says_so_once_in_words(client, names):
    coordinator = CoordinatorMembershipFactory()
    client.force_login(coordinator.member)
    response = client.post(f"/en/groups/{coordinator.group.slug}/edit/", group_data(**names))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[NON_FIELD_ERRORS] == ["Give the group a name in at least one language."]
    assert RAW not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name_en": ""}, NON_FIELD_ERRORS, "Give the group a name in at least one language."),
        ({"in_arabic": ""}, "in_arabic", "Choose at least one language the group works in."),
        ({"country": ""}, "country", "Choose the group's country, or mark it as in exile."),
        (
            {"in_exile": "on"},
            "country",
            "A group in exile has no country: choose one or the other.",
        ),
    ],
    ids=["name", "language", "no-place", "both-places"],
)
def test_group_form_words_every_rule_of_the_group(overrides, field, message):
    form = GroupForm(group_data(**overrides), instance=GroupFactory())
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert RAW not in str(form.errors)


@pytest.mark.django_db
def test_a_rule_the_form_does_not_word_gets_a_translated_message_not_the_raw_one():
    form = GroupForm(group_data(), instance=GroupFactory())
    assert form.is_valid()
    form.add_error(None, ValidationError({NON_FIELD_ERRORS: ["Constraint “x” is violated."]}))
    form.add_error(
        None, ValidationError({NON_FIELD_ERRORS: ["Constraint “group_has_a_name” is violated."]})
    )
    assert form.errors[NON_FIELD_ERRORS] == [
        "Constraint “x” is violated.",  # not one of the model's: left as it is
        "Give the group a name in at least one language.",
    ]
    form = GroupForm(group_data(), instance=GroupFactory())
    form.is_valid()
    GroupForm.constraint_messages, saved = {}, GroupForm.constraint_messages
    try:
        form.add_error(
            None,
            ValidationError({NON_FIELD_ERRORS: ["Constraint “group_has_a_name” is violated."]}),
        )
    finally:
        GroupForm.constraint_messages = saved
    assert form.errors[NON_FIELD_ERRORS] == [str(GENERIC_MESSAGE)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"title_ar": "", "title_fa": "", "title_en": ""},
        {"title_ar": "\u200b", "title_fa": "\u200c", "title_en": " "},
        {"ends_at": "2031-01-15T17:00"},
    ],
    ids=["no-title", "invisible-title", "ends-before-start"],
)
def test_proposal_form_never_shows_a_raw_constraint(member_client, overrides):
    response = member_client.post("/en/proposals/new/", proposal_form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert RAW not in response.content.decode()
