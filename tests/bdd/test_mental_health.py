from pytest_bdd import scenarios

scenarios("mental-health.feature")
