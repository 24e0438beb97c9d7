from pytest_bdd import scenarios

scenarios("immunotherapy-high-efficacy.feature")
