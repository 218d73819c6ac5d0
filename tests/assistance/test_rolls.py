"""A township's monthly roll with several programmes: totals per programme, to the yuan, on the page and in the
bank's Excel sheet."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from assistance import services
from assistance.choices import ApplicationKind, StandardKind
from tests.assistance.factories import (
    certify,
    enrol,
    grant_subsidy,
    make_household,
    next_month,
    set_standard,
    subsidy_standards,
)

pytestmark = pytest.mark.django_db

DIBAO, TEKUN, CARE = "最低生活保障（低保）", "特困人员救助供养", "重度残疾人护理补贴"


@pytest.fixture
def roll(poor_household, village_a, township_a, geo, caseworker_a, reviewer_a, county_staff):
    """低保: 张大山户 (3 persons, 588) and 王户 (2 persons, (496 − 50) × 2 = 892); 特困: an 80-year-old, partly
    dependent (806 + care 300 = 1106); 重度残疾人护理补贴: a grade-1 holder (90). All paid from next month."""
    set_standard(geo["county"], StandardKind.TEKUN_CARE, "300", care_tier="partial")
    subsidy_standards(geo["county"])
    enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    enrol(make_household(village_a, ["100", "0"], names=["王大", "王二"]), caseworker_a, reviewer_a, county_staff)
    old = make_household(village_a, ["0"], names=["赵老"], extra={0: {"labour_capacity": "none"}})
    type(old.head).objects.filter(pk=old.head_id).update(birth_date="1944-05-01")
    enrol(
        old,
        caseworker_a,
        reviewer_a,
        county_staff,
        kind=ApplicationKind.TEKUN,
        target=old.head,
        care_tier="partial",
    )
    disabled_household = make_household(village_a, ["0", "0"], names=["孙父", "孙子"])
    holder = disabled_household.members.get(person__name="孙子").person
    certify(holder, grade=1)
    grant_subsidy(disabled_household, holder, ApplicationKind.CARE_SUBSIDY, caseworker_a, reviewer_a, county_staff)
    roll, _ = services.payment_roll_generate(actor=caseworker_a, township=township_a, month=next_month())
    return roll


EXPECTED = {DIBAO: (2, 5, Decimal("1480.00")), TEKUN: (1, 1, Decimal("1106.00")), CARE: (1, 1, Decimal("90.00"))}


def test_roll_page_totals_each_programme_to_the_yuan(client_for, caseworker_a, roll):
    assert roll.total_amount == Decimal("2676.00") and roll.line_count == 4
    html = client_for(caseworker_a).get(reverse("assistance:roll_detail", args=[roll.pk])).content.decode()
    table = html.split('data-testid="roll-totals"')[1].split("</table>")[0]
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]
    totals = {row[0]: row for row in rows}
    for label, (lines, persons, amount) in EXPECTED.items():
        assert totals[label][1:] == ["当月发放", str(lines), str(persons), f"{amount:,.2f}元"], label
    assert totals["合计"][2] == "4" and totals["合计"][4] == "2,676.00元"


def test_bank_export_totals_each_programme_to_the_yuan(client_for, caseworker_a, roll):
    response = client_for(caseworker_a).get(reverse("assistance:roll_export", args=[roll.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    lines = [r for r in rows[3:] if isinstance(r[0], int)]
    assert sorted(Decimal(str(r[8])) for r in lines) == sorted(
        [Decimal("588.00"), Decimal("892.00"), Decimal("1106.00"), Decimal("90.00")]
    )
    start = next(i for i, r in enumerate(rows) if r[0] == "分项目合计")
    totals = {r[6]: r for r in rows[start + 1 :] if r[6]}
    for label, (lines_count, persons, amount) in EXPECTED.items():
        row = totals[label]
        assert (row[5], row[7], Decimal(str(row[8]))) == (f"{lines_count}笔", persons, amount), label
    grand = next(r for r in rows if r[0] == "合计")
    assert Decimal(str(grand[8])) == Decimal("2676.00")
    assert sum(Decimal(str(totals[label][8])) for label in EXPECTED) == Decimal("2676.00")
