from pytest_bdd import scenarios

scenarios("evidence-december-2026.feature")
