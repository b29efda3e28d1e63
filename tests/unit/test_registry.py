"""The names sites declare: data-target names are read from the templates."""

from __future__ import annotations

from simulator import registry


def test_literal_and_partly_dynamic_targets_are_known():
    assert registry.is_known_target("mijn.menu.facturen")
    assert registry.is_known_target("mijn.factuur.FAC229230568")  # mijn.factuur.{{ nummer }}


def test_names_handed_to_an_include_count_as_targets():
    assert registry.is_known_target("mijn.facturen.afgehandeld")  # rows_target='...'


def test_a_wholly_dynamic_target_does_not_make_every_name_known():
    assert not registry.is_known_target("bestaat.niet")
    assert not registry.is_known_target("mijn.menu.factuurtje")
