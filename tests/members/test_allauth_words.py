"""allauth's pages speak the project's glossary: their strings are translated in locale/, which
comes before allauth's own catalogues (members/allauth_strings.py)."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "ours", "allauths"),
    [
        ("/fa/accounts/signup/", ["ثبت‌نام", "حساب دارید؟ لطفاً"], ["ازقبل یه حساب داری", "ثبت نام"]),
        (
            "/fa/accounts/login/",
            ["گذرواژه را فراموش کرده‌اید؟", "مرا به خاطر بسپار"],
            ["گذرواژه‌ات را فراموش کرده‌ای؟"],
        ),
        ("/ar/accounts/signup/", ["إنشاء حساب", "لديك حساب؟"], ["الاشتراك"]),
        ("/ar/accounts/password/reset/", ["نسيت كلمة المرور؟ أدخل عنوان بريدك الإلكتروني"], []),
    ],
)
def test_sign_in_pages_use_the_projects_words_not_allauths(client, path, ours, allauths):
    html = client.get(path).content.decode()
    for text in ours:
        assert text in html
    for text in allauths:
        assert text not in html
