from pytest_bdd import scenarios

scenarios("lifestyle.feature")
