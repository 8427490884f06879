"""Object addresses written from a name reversed once give what ``reverse()`` gives."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from zhifa.core.reversing import pk_reverse, plain_reverse

NAMES = ["org:user_detail", "basedata:inspectedobject_detail", "cases:case_detail", "core:attachment_download"]


@pytest.mark.parametrize("name", NAMES)
def test_an_address_by_key_is_the_reversed_one(name):
    for pk in (1, 42, 987654321):
        assert pk_reverse(name, pk) == reverse(name, args=[pk])


def test_the_script_prefix_is_honoured():
    set_script_prefix("/zhifa/")
    try:
        assert pk_reverse("org:user_detail", 7) == reverse("org:user_detail", args=[7]) == "/zhifa/org/users/7/"
        assert plain_reverse("org:user_list") == reverse("org:user_list")
    finally:
        clear_script_prefix()
    assert pk_reverse("org:user_detail", 7) == "/org/users/7/"


def test_a_key_that_is_not_a_number_is_reversed_as_usual():
    with pytest.raises(NoReverseMatch):  # the URL takes a number: the same refusal as reverse()
        pk_reverse("org:user_detail", "abc")
