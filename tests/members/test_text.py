"""Folding Persian and Arabic keyboards' letter variants for searches (members/text.py)."""

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.sql import Query
from django.db.utils import ConnectionHandler

from members.models import User
from members.text import Folded, fold
from members.validators import SEARCH_IGNORED
from tests.factories import MemberFactory

# Every character folded: yeh, alef maksura, kaf, four alefs, teh marbuta, heh with yeh above,
# both Eastern digit sets, tatweel, every haraka (U+064B–U+065F), superscript alef, ZWNJ and
# the characters a search ignores (zero-width space, direction marks, BOM...).
EVERY_VARIANT = (
    "\u064a\u0649\u0643\u0623\u0625\u0622\u0671\u0629\u06c0"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
    "\u0640" + "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u200c" + SEARCH_IGNORED
)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ليلى", "لیلی"),  # Arabic yeh and alef maksura → Persian yeh
        ("لیلی", "لیلی"),
        ("كريم", "کریم"),  # Arabic kaf → keheh
        ("كَـــريم", "کریم"),  # a fatha and tatweel
        ("مُحَمَّد", "محمد"),  # damma, fatha, shadda
        ("محمد\u200cرضا", "محمدرضا"),  # ZWNJ
        ("أحمد إيمان آزاده", "احمد ایمان ازاده"),
        ("فاطمة", "فاطمه"),
        ("خانۀ", "خانه"),
        ("علی ۱۲ ٣٤", "علی 12 34"),
        ("Layla Ahmadi", "Layla Ahmadi"),
    ],
)
def test_fold_brings_keyboard_variants_together(typed, folded):
    assert fold(typed) == folded


def test_fold_leaves_distinct_letters_apart():
    assert fold("لیلا") != fold("لیلی")
    assert fold("کریم") != fold("گریم")


def _folded_in(database, text: str) -> str:
    query = Query(None)
    sql, params = query.get_compiler(connection=database).compile(
        Folded(Value(text)).resolve_expression(query)
    )
    with database.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_postgresql_folds_as_python_does():
    text = f"a{EVERY_VARIANT}b ليلى"
    assert (
        _folded_in(connection, text)
        == fold(text)
        == "a" + "ییکااااهه" + "0123456789" * 2 + "b لیلی"
    )


@pytest.mark.django_db  # pytest-django blocks every connection, this one too, without it
def test_sqlite_folds_as_python_does():
    """`make run` uses SQLite, which has no TRANSLATE."""
    sqlite = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    try:
        text = f"a{EVERY_VARIANT}b ليلى"
        assert _folded_in(sqlite["default"], text) == fold(text)
    finally:
        sqlite.close_all()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("لیلی", "ليلى"), ("ليلى", "لیلی"), ("LAYLA", "layla"), ("۱۲", "Room 12")],
)
def test_folded_contains_matches_either_spelling_and_ignores_case(typed, stored):
    wanted = MemberFactory(display_name=stored)
    MemberFactory(display_name="Omar")
    assert list(User.objects.filter(display_name__folded_contains=typed)) == [wanted]


@pytest.mark.django_db
def test_folded_contains_treats_like_wildcards_as_letters():
    wanted = MemberFactory(display_name="100% لیلی")
    MemberFactory(display_name="1000 لیلی")
    assert list(User.objects.filter(display_name__folded_contains="0%")) == [wanted]
