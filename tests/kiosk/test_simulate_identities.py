"""Fake identities: valid GB 11643 check digits, sex parity, and the pseudonym helper."""

from __future__ import annotations

import random

from kiosk.pseudonym import pseudonym
from kiosk.simulate import fake_person, id_check_digit, is_valid_id_number


def test_check_digit_on_the_published_example():
    assert id_check_digit("11010519491231002") == "X"  # the GB 11643 example 11010519491231002X
    assert is_valid_id_number("11010519491231002X") and not is_valid_id_number("110105194912310021")


def test_fake_people_are_valid_and_parity_matches_sex():
    rng = random.Random(5)
    for _ in range(200):
        h = fake_person(rng).holder
        assert is_valid_id_number(h.id_number)
        assert int(h.id_number[16]) % 2 == (1 if h.sex == "男" else 0)
        assert h.id_number[6:14] == h.birth_date.strftime("%Y%m%d")


def test_pseudonym_is_keyed_and_stable():
    a = pseudonym("11010519491231002x", b"k1")
    assert a == pseudonym("11010519491231002X", b"k1") != pseudonym("11010519491231002X", b"k2")
    assert "110105" not in a and a.startswith("p:")
