"""What the API says when a call goes wrong: in the language of `?lang=` whatever the headers
(DRF's own refusals included), in the project's words rather than DRF's catalogues, with the
limits in the reader's digits; JSON only, and never a 500 for an odd request."""

import base64
import importlib.util
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation

from members.enums import MembershipStatus
from members.models import User
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory, api_token_headers

EVENTS = "/api/v1/events/"
ANSWERS = "/api/v1/me/answers/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def token(member):
    return api_token_headers(member)


def post(data: str, headers: dict, **extra):
    return Client().post(ANSWERS, data, content_type="application/json", **headers, **extra)


# ?lang= wins


@pytest.mark.django_db
def test_a_missing_token_is_refused_in_the_lang_asked_not_accept_language():
    response = Client().get(ANSWERS, {"lang": "fa"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 401
    assert response["Content-Language"] == "fa"
    assert response.json() == {
        "detail": "توکن API شخصی خود را بفرستید: «Authorization: Bearer <token>»."
    }


@pytest.mark.django_db
def test_a_member_not_yet_approved_is_refused_in_the_lang_asked():
    member = ApprovedMemberFactory()
    headers = api_token_headers(member)
    User.objects.filter(pk=member.pk).update(membership_status=MembershipStatus.PENDING)

    response = Client().get(ANSWERS, {"lang": "ar"}, HTTP_ACCEPT_LANGUAGE="fa", **headers)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "استخدام واجهة API برمز وصول شخصي مقصور على الأعضاء الموافَق عليهم."
    }


@pytest.mark.django_db
def test_lang_wins_over_the_signed_in_members_own_language(client):
    client.force_login(ApprovedMemberFactory(preferred_language="fa"))

    response = client.get("/api/v1/nowhere/", {"lang": "ar"})

    assert response.status_code == 404
    assert response.json() == {"detail": "غير موجود."}


@pytest.mark.django_db
def test_too_many_calls_are_told_in_the_lang_asked_with_its_digits(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/hour", "user": "1/hour"},
    }
    client = Client()
    assert client.get(EVENTS).status_code == 200

    refused = client.get(EVENTS, {"lang": "fa"}, HTTP_ACCEPT_LANGUAGE="en")
    english = client.get(EVENTS, {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="fa")

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    persian_wait = str(wait).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert refused.json() == {
        "detail": "درخواست‌ها در مدتی کوتاه بیش از حد بوده است. "
        f"لطفاً {persian_wait} ثانیهٔ دیگر دوباره تلاش کنید."
    }
    assert english.json()["detail"] == (
        "Too many requests in a short time. "
        f"Please try again in {int(english['Retry-After'])} seconds."
    )


@pytest.mark.django_db
def test_the_answers_rate_limit_says_one_sentence_in_the_lang_asked(token, event, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": (0, 3600)}

    response = post(f'{{"event": {event.pk}, "answer": "going"}}', token, QUERY_STRING="lang=en")

    assert response.status_code == 429
    # The page's message alone, without DRF's English sentence after it.
    assert re.fullmatch(
        r"Too many attempts in a short time\. Please try again in [^.]+\.",
        response.json()["detail"],
    )


# DRF's own messages in the project's words


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fa",
            {
                "answer": ["این فیلد مقدار null نمی‌پذیرد."],
                "event": ["این فیلد لازم است."],
                "listed_consent": ["مقدار باید true یا false باشد."],
                "accessibility_needs": ["این فیلد حداکثر ۱۰۰۰ نویسه می‌تواند داشته باشد."],
                "shared_with_groups": {"0": ["مقدار نباید کمتر از ۱ باشد."]},
            },
        ),
        (
            "ar",
            {
                "answer": ["هذا الحقل لا يقبل القيمة null."],
                "event": ["هذا الحقل مطلوب."],
                "listed_consent": ["يجب أن تكون القيمة true أو false."],
                "accessibility_needs": ["يجب ألّا يزيد عدد حروف هذا الحقل على ١٠٠٠."],
                "shared_with_groups": {"0": ["يجب ألّا تقلّ القيمة عن ١."]},
            },
        ),
    ],
)
def test_drfs_field_errors_are_in_the_projects_words_and_the_readers_digits(token, lang, expected):
    body = (
        '{"answer": null, "listed_consent": "perhaps", "shared_with_groups": [0],'
        f' "accessibility_needs": "{"x" * 1001}"}}'
    )

    response = post(body, token, QUERY_STRING=f"lang={lang}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == expected


@pytest.mark.django_db
def test_a_members_own_digit_choice_is_kept_with_a_token():
    member = ApprovedMemberFactory(digit_style="latn")
    body = f'{{"event": 1, "answer": "going", "accessibility_needs": "{"x" * 1001}"}}'

    response = post(body, api_token_headers(member), QUERY_STRING="lang=fa")

    assert response.json() == {
        "accessibility_needs": ["این فیلد حداکثر 1000 نویسه می‌تواند داشته باشد."]
    }


@pytest.mark.django_db
def test_a_choice_keeps_the_value_sent_as_it_was_sent(token):
    response = post('{"event": 12, "answer": "5"}', token, QUERY_STRING="lang=fa")

    assert response.json() == {"answer": ["«5» یکی از گزینه‌های پذیرفتنی نیست."]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        ("{bad", "application/json", 400, "بدنهٔ درخواست JSON معتبر نیست."),
        ("event=1", "text/plain", 415, "نوع محتوای «text/plain» در درخواست پشتیبانی نمی‌شود."),
    ],
)
def test_a_body_that_cannot_be_read_is_told_in_the_lang_asked(
    token, body, content_type, status, detail
):
    response = Client().post(
        f"{ANSWERS}?lang=fa", body, content_type=content_type, HTTP_ACCEPT_LANGUAGE="ar", **token
    )

    assert response.status_code == status
    assert response.json() == {"detail": detail}


@pytest.mark.django_db
def test_a_json_list_instead_of_an_object_is_a_400(token):
    response = post("[1]", token, QUERY_STRING="lang=ar")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["بيانات غير صالحة: المتوقَّع كائن JSON، لا list."]
    }


@pytest.mark.django_db
def test_a_method_not_allowed_is_told_in_the_lang_asked():
    response = Client().put(f"{EVENTS}?lang=fa", "{}", content_type="application/json")

    assert response.status_code == 405
    assert response.json() == {"detail": "متد HTTP «PUT» اینجا مجاز نیست."}


def test_the_projects_catalogue_wins_over_drfs():
    # LOCALE_PATHS come first in Django's lookup; DRF's Persian says «توهی» here.
    with translation.override("fa"):
        assert translation.gettext("This field may not be null.") == "این فیلد مقدار null نمی‌پذیرد."
    with translation.override("ar"):
        assert translation.gettext("Not found.") == "غير موجود."


# JSON only, and no 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "accept", "status"),
    [
        (EVENTS, {"format": "api"}, "*/*", 404),
        (EVENTS, {"lang": "fa"}, "text/html", 406),
        (EVENTS, {"lang": "fa"}, "application/xml;q=0.9, image/*", 406),
        (EVENTS, {"lang": "fa"}, ";;;, q=x", 406),
        (ANSWERS, {"lang": "fa"}, "text/html", 406),
    ],
)
def test_no_browsable_api_and_an_unknown_accept_gets_a_clean_json_refusal(
    path, query, accept, status
):
    response = Client().get(path, query, HTTP_ACCEPT=accept)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    if status == 406:
        assert response.json() == {
            "detail": "پاسخ با هیچ‌یک از نوع‌های محتوایی که سرآیند Accept می‌خواهد ممکن نیست."
        }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_refuse_an_unknown_accept_without_a_500(path):
    assert Client().get(path, HTTP_ACCEPT="application/x-unknown").status_code == 406


@pytest.mark.django_db
def test_options_says_what_an_endpoint_speaks_without_a_500(token):
    response = Client().options(ANSWERS, **token)

    assert response.status_code == 200
    assert response.json()["parses"] == ["application/json"]
    assert "actions" not in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["abc", "2026-13-45"])
def test_a_bad_or_forged_cursor_of_the_answers_is_a_400(token, position):
    forged = base64.b64encode(f"o=0&p={position}".encode()).decode()
    for cursor in ("not-a-cursor", forged):
        response = Client().get(ANSWERS, {"cursor": cursor, "lang": "en"}, **token)

        assert response.status_code == 400
        assert response.json() == {
            "cursor": [
                "This cursor is not valid: follow the next and previous links as they are given."
            ]
        }


@pytest.mark.django_db
def test_a_page_size_out_of_range_is_a_400_in_the_readers_digits(token):
    response = Client().get(ANSWERS, {"page_size": "0", "lang": "ar"}, **token)

    assert response.status_code == 400
    assert response.json() == {"page_size": ["يجب أن يكون حجم الصفحة عددًا صحيحًا من ١ إلى ١٠٠."]}


# The i18n gate


def _i18n_check():
    spec = importlib.util.spec_from_file_location("i18n_check", ROOT / "scripts" / "i18n_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gate_reports_a_drf_message_that_is_not_anchored():
    i18n_check = _i18n_check()
    wanted = i18n_check.source_msgids()
    assert i18n_check.drf_problems(wanted) == []
    del wanted[(None, "Not found.")]
    assert i18n_check.drf_problems(wanted) == ["drf: 'Not found.' (exceptions.py) is not anchored"]


# Every malformed cursor, on every paged endpoint

MALFORMED_CURSORS = [
    "abc",
    "\x00",
    "%00",
    "a" * 10_000,
    "cD0yMDMxLTA1LTAxIDA5OjAwOjAwKzAwOjAw",  # "p=2031-05-01 09:00:00+00:00", not URL-encoded
    base64.b64encode(b"x=1").decode(),  # a key DRF ignores: it would read as the first page
    base64.b64encode(b"o=0").decode(),  # never written so: offset 0 is left out
    " " + base64.b64encode(b"o=1").decode(),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [EVENTS, ANSWERS])
@pytest.mark.parametrize("cursor", MALFORMED_CURSORS, ids=range(len(MALFORMED_CURSORS)))
def test_every_malformed_cursor_is_the_same_translated_400(token, path, cursor):
    response = Client().get(path, {"cursor": cursor, "lang": "fa"}, **token)

    assert response.status_code == 400
    assert response.json() == {
        "cursor": [
            "این نشانگر صفحه معتبر نیست: "
            "پیوندهای next و previous را همان‌طور که داده شده‌اند دنبال کنید."
        ]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", [EVENTS, ANSWERS])
def test_the_cursors_the_api_gives_and_an_empty_one_are_taken(token, member, path):
    for day in range(3):
        starts = timezone.now() + timedelta(days=day + 1)
        RsvpFactory(member=member, event=EventFactory(starts_at=starts))
    first = Client().get(path, {"page_size": 1}, **token).json()
    second = Client().get(first["next"], **token).json()
    back = Client().get(second["previous"], **token).json()

    assert back["results"] == first["results"] != second["results"]
    assert Client().get(path, {"cursor": "", "page_size": 1}, **token).json() == first
