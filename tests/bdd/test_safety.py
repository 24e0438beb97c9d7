from pytest_bdd import scenarios

scenarios("safety.feature")
