from pytest_bdd import parsers, scenarios, then

from msdecide.report import Report

scenarios("switching.feature")


@then(parsers.parse('no caution of "{name}" mentions "{text}"'))
def no_caution_mentions(report: Report, name: str, text: str) -> None:
    item = report.option(name)
    assert item is not None, f"{name} is not offered: {report.option_ids}"
    assert not [c.text for c in item.cautions if text in c.text]
