from pytest_bdd import scenarios

scenarios("neuroprotection-repair.feature")
