"""The bank's Excel sheet of a payment roll (发放花名册), written with openpyxl (installed with tablib[xlsx])."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from assistance.choices import LineKind, Programme
from assistance.models import PaymentRoll
from assistance.services import roll_totals
from civilaffairs.idnumber import mask_id_number


def payment_roll_workbook(roll: PaymentRoll, user) -> bytes:
    """One sheet: a title, one row per payment, then the totals per programme and the grand total.

    ID numbers and account numbers are exported in full only for viewers whose role may see them
    (``civilaffairs.view_full_id_number`` / ``assistance.view_full_bank_account``); lines are streamed from the
    database, never loaded whole.
    """
    full_ids = user.has_perm("civilaffairs.view_full_id_number")
    full_accounts = user.has_perm("assistance.view_full_bank_account")
    labels = {value: str(label) for value, label in Programme.choices}
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = f"{roll.month:%Y-%m}"
    title = _("%(township)s social assistance payment roll, %(year)d-%(month)02d") % {
        "township": roll.township.name,
        "year": roll.month.year,
        "month": roll.month.month,
    }
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Status: %(status)s") % {"status": roll.get_status_display()}])
    headers = [
        _("No."),
        _("village or community"),
        _("payee"),
        _("ID number"),
        _("bank"),
        _("bank account"),
        _("programme"),
        _("members"),
        _("amount (yuan)"),
        _("note"),
    ]
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    lines = (
        roll.lines.order_by("household__village_id", "id")
        .values_list(
            "household__village__name",
            "payee_name",
            "payee__id_number",
            "bank_name",
            "bank_account",
            "programme",
            "members_count",
            "amount",
            "kind",
            "reason",
        )
        .iterator(chunk_size=2000)
    )
    kinds = {value: str(label) for value, label in LineKind.choices}
    for index, row in enumerate(lines, start=1):
        village, name, id_number, bank, account, programme, members, amount, kind, reason = row
        # Back pay and one-off grants say what they are: the bank pays them like any line, the township explains them.
        note = "" if kind == LineKind.REGULAR else f"{kinds[kind]} {reason}".strip()
        sheet.append(
            [
                index,
                village,
                name,
                id_number if full_ids else mask_id_number(id_number),
                bank,
                account if full_accounts else mask_id_number(account),
                labels.get(programme, programme),
                members,
                float(amount),
                note,
            ]
        )
    sheet.append([])
    sheet.append(
        [_("Totals by programme"), "", "", "", "", "", _("programme"), _("number of persons"), _("amount (yuan)")]
    )
    grand = 0
    for row in roll_totals(roll):
        grand += row["amount"]
        sheet.append(
            [
                "",
                "",
                "",
                "",
                "",
                _("%(n)d payments") % {"n": row["lines"]},
                labels.get(row["programme"], row["programme"])
                + ("" if row["kind"] == LineKind.REGULAR else f" · {kinds[row['kind']]}"),
                row["persons"],
                float(row["amount"]),
            ]
        )
    sheet.append([_("Total"), "", "", "", "", _("%(n)d payments") % {"n": roll.line_count}, "", "", float(grand)])
    for column, width in zip("ABCDEFGHIJ", (6, 16, 10, 22, 18, 24, 14, 8, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4, min_col=9, max_col=9):
        for cell in row:
            cell.number_format = "#,##0.00"
            cell.alignment = Alignment(horizontal="right")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
