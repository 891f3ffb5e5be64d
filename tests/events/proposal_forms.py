"""Shared by the proposal tests: a complete, valid form and the messages a response set."""

from django.contrib.messages import get_messages


def proposal_form_data(**overrides) -> dict:
    data = {
        "kind": "conference",
        "title_ar": "مؤتمر التضامن",
        "title_fa": "کنفرانس همبستگی",
        "title_en": "Solidarity conference",
        "description_ar": "",
        "description_fa": "",
        "description_en": "We meet **together**.",
        "starts_at": "2031-01-15T18:00",
        "ends_at": "2031-01-15T21:00",
        "time_zone": "Asia/Tehran",
        "modality": "hybrid",
        "venue": "Community hall",
        "city": "Erbil",
        "country": "IQ",
        "meeting_link": "https://meet.example.org/solidarity",
        "in_persian": "on",
        "in_english": "on",
        "interpretation_ar": "on",
        "expected_capacity": "120",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]
