"""Reading the spreadsheets the bureau receives: the volunteer roster and the 福彩中心's monthly sales sheet.

Columns are named in Chinese as in the source systems' exports; each parser returns clean values or raises
``RowError`` naming the column, and ``services`` writes nothing unless every row parses.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from civilaffairs.idnumber import parse_id_number
from community.choices import VolunteerSource

COL_ID = "公民身份号码"
COL_NAME = "姓名"
COL_REGION = "注册地区划代码"
COL_REGISTERED = "注册日期"
COL_DEREGISTERED = "注销日期"
COL_SOURCE = "来源平台"
COL_EXTERNAL = "志愿者编号"
COL_TEAM = "所属队伍"
COL_HOURS = "服务时长（小时）"
VOLUNTEER_COLUMNS = [
    COL_ID,
    COL_NAME,
    COL_REGION,
    COL_REGISTERED,
    COL_DEREGISTERED,
    COL_SOURCE,
    COL_EXTERNAL,
    COL_TEAM,
    COL_HOURS,
]
VOLUNTEER_REQUIRED = [COL_ID, COL_NAME, COL_REGION, COL_REGISTERED]

COL_OUTLET = "网点编号"
COL_MONTH = "月份"
COL_SALES = "销售额（元）"
SALES_COLUMNS = [COL_OUTLET, COL_MONTH, COL_SALES]


class RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(f"{column}: {message}")
        self.column, self.message = column, message


class FileError(Exception):
    pass


def read_rows(upload, required: list[str]) -> list[dict]:
    """The rows of an uploaded .xlsx or .csv as dicts keyed by the header; checks the required columns exist."""
    name = (getattr(upload, "name", "") or "").lower()
    content = upload.read()
    try:
        if name.endswith(".csv"):
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            dataset = tablib.Dataset().load(content, format="xlsx")
    except Exception:
        raise FileError(_("The file could not be read; upload an Excel (.xlsx) or CSV file.")) from None
    headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
    missing = [c for c in required if c not in headers]
    if missing:
        raise FileError(_("The file lacks the columns: %(columns)s.") % {"columns": "、".join(missing)})
    return [dict(zip(headers, row, strict=False)) for row in dataset]


def text(row: dict, column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def date_value(row: dict, column: str, *, required: bool = True, month: bool = False) -> datetime.date | None:
    value = row.get(column)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(row, column)
    if not raw:
        if required:
            raise RowError(column, _("This column must be filled in."))
        return None
    patterns = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d"]
    if month:
        patterns += ["%Y-%m", "%Y/%m", "%Y年%m月", "%Y%m"]
    for pattern in patterns:
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise RowError(column, _("“%(value)s” is not a date; write it as 2025-07-01.") % {"value": raw})


def decimal_value(row: dict, column: str, *, required: bool = True) -> Decimal:
    raw = text(row, column).replace(",", "")
    if not raw:
        if required:
            raise RowError(column, _("This column must be filled in."))
        return Decimal(0)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise RowError(column, _("“%(value)s” is not a number.") % {"value": raw}) from None
    if value < 0:
        raise RowError(column, _("It cannot be negative."))
    return value


def parse_volunteer_row(row: dict, regions: dict) -> dict:
    try:
        id_number = parse_id_number(text(row, COL_ID)).number
    except ValidationError as exc:
        raise RowError(COL_ID, "；".join(exc.messages)) from None
    name = text(row, COL_NAME)
    if not name:
        raise RowError(COL_NAME, _("This column must be filled in."))
    code = text(row, COL_REGION)
    if code not in regions:
        raise RowError(
            COL_REGION, _("%(code)s is not a township or village in your jurisdiction.") % {"code": code or "—"}
        )
    registered = date_value(row, COL_REGISTERED)
    deregistered = date_value(row, COL_DEREGISTERED, required=False)
    today = datetime.date.today()
    if registered > today:
        raise RowError(COL_REGISTERED, _("This date cannot be in the future."))
    if deregistered and deregistered < registered:
        raise RowError(COL_DEREGISTERED, _("Deregistered before registering."))
    source_text = text(row, COL_SOURCE)
    source = VolunteerSource.PROVINCIAL_PLATFORM
    if source_text:
        for value, label in VolunteerSource.choices:
            if source_text in (value, str(label)):
                source = value
                break
        else:
            raise RowError(
                COL_SOURCE,
                _("“%(value)s” is not valid; use one of: %(options)s.")
                % {"value": source_text, "options": "、".join(str(label) for _v, label in VolunteerSource.choices)},
            )
    hours = decimal_value(row, COL_HOURS, required=False).quantize(Decimal("0.1"))
    return {
        "id_number": id_number,
        "name": name[:50],
        "region_id": code,
        "registered_on": registered,
        "deregistered_on": deregistered,
        "source": source,
        "external_id": text(row, COL_EXTERNAL)[:40],
        "team": text(row, COL_TEAM)[:100],
        "service_hours": hours,
    }


def parse_sales_row(row: dict) -> tuple[str, datetime.date, Decimal]:
    outlet = text(row, COL_OUTLET)
    if not outlet:
        raise RowError(COL_OUTLET, _("This column must be filled in."))
    month = date_value(row, COL_MONTH, month=True).replace(day=1)
    if month > datetime.date.today():
        raise RowError(COL_MONTH, _("Sales cannot be entered for a month that has not begun."))
    sales = decimal_value(row, COL_SALES).quantize(Decimal("0.01"))
    return outlet, month, sales
