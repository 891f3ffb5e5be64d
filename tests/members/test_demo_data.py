import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import call_command

from members.models import User


@pytest.mark.django_db
def test_demo_data_has_members_in_all_three_languages_and_an_organizer(capsys):
    call_command("demo_data")
    call_command("demo_data")  # loading twice changes nothing
    output = capsys.readouterr().out
    assert "organizer@tadamun.example" in output
    languages = set(User.objects.values_list("preferred_language", flat=True))
    assert languages == {"ar", "fa", "en"}
    organizer = User.objects.get(email="organizer@tadamun.example")
    assert organizer.is_organizer
    assert is_mfa_enabled(organizer)
    assert User.objects.filter(email="organizer@tadamun.example").count() == 1
    assert User.objects.filter(membership_status="pending").exists()
