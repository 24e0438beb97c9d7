from pytest_bdd import scenarios

scenarios("personalised-medicine.feature")
