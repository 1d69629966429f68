"""Public identifiers: readable characters only, office prefixes, and secrets kept as scoped keyed
hashes (the same number and secret in two scopes never share a hash)."""

from __future__ import annotations

from types import SimpleNamespace

from lontar.core import public_ids


def test_codes_use_only_characters_that_cannot_be_misread():
    code = public_ids.random_code(200)
    assert len(code) == 200 and not set(code) & set("01OIL")
    assert len(public_ids.new_secret()) == public_ids.SECRET_LENGTH


def test_the_office_prefix_is_the_last_part_of_its_code():
    assert public_ids.office_prefix(SimpleNamespace(code="Kec.Jts"), fallback="X") == "JTS"
    assert public_ids.office_prefix(SimpleNamespace(code="Kecamatan-Sukaluyu"), fallback="X") == "SUKAL"
    assert public_ids.office_prefix(SimpleNamespace(code="..."), fallback="KTR") == "KTR"


def test_a_secret_matches_however_it_is_typed_and_only_in_its_scope():
    stored = public_ids.secret_hash("ADU-JTS-2611-K7QM4X", "abcd 2345", scope="complaint")
    assert public_ids.secret_matches(stored, "adu-jts-2611-k7qm4x", "ABCD2345", scope="complaint")
    assert not public_ids.secret_matches(stored, "ADU-JTS-2611-K7QM4X", "ABCD2345")
    assert not public_ids.secret_matches(stored, "ADU-JTS-2611-K7QM4X", "", scope="complaint")
    assert stored != public_ids.secret_hash("ADU-JTS-2611-K7QM4X", "ABCD2345")
