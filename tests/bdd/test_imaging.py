from pytest_bdd import scenarios

scenarios("imaging.feature")
