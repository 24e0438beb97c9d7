from pytest_bdd import scenarios

scenarios("ranking.feature")
