"""Gherkin scenarios for the region setting: EU, US and UK labels for CIS, SPMS, PPMS and children."""

from pytest_bdd import scenarios

scenarios("regions.feature")
