"""Gherkin scenarios for immunotherapy part A: platform therapies, S1P modulators and cladribine."""

from pytest_bdd import scenarios

scenarios("immunotherapy.feature")
