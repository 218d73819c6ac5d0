"""公民身份号码 (GB 11643-1999) validation.

The check character (ISO 7064 MOD 11-2) and the birth date are checked strictly with python-stdnum. The
address code is checked leniently on purpose: stdnum's full check rejects real elderly residents whose county
code is newer than their birth (渠县 511725, born 1950), so only its shape is checked here.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError


@dataclass(frozen=True)
class IdNumberFacts:
    number: str
    birth_date: datetime.date
    sex: str  # "M" / "F": odd sequence digit = male (GB 11643 §4.5)


# Longest input a form or the API takes for an ID number: room for the spaces and separators people type
# ("110105 19491231 002X") so that the validator, not a generic length message, says what is wrong.
ID_INPUT_MAX_LENGTH = 40


def normalize_id_number(value: str) -> str:
    """The number as stored: whitespace anywhere removed (full-width U+3000 too, and hyphens), full-width digits
    and ｘ/Ｘ as ASCII (Chinese input methods type them), the check character upper-cased (x is the same as X)."""
    if len(value or "") == 18 and value[:17].isdigit() and value[17] in "0123456789X":
        return value  # already compact: the common case in a 60 000-row roster
    # NFKC turns full-width digits and letters into ASCII and the ideographic space into a plain one.
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(value.split()).replace("-", "").upper()


def parse_id_number(value: str, *, today: datetime.date | None = None) -> IdNumberFacts:
    """Validate an 18-character 公民身份号码 and return it normalised with the birth date and sex it encodes.

    Raises ``ValidationError`` with a Chinese message that names exactly what is wrong.
    """
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("The ID number must have 18 characters; %(count)d were entered.") % {"count": len(number)},
            code="id_length",
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("The first 17 characters of the ID number must be digits and the last a digit or X."),
            code="id_format",
        )
    if number[0] == "0" or number[:2] == "00":
        raise ValidationError(_("The address code of the ID number is not valid."), code="id_address")
    try:
        birth_date = ric.get_birth_date(number)
    except (InvalidComponent, InvalidFormat, InvalidLength, ValueError):
        raise ValidationError(
            _("The birth date %(date)s in the ID number is not a real date.") % {"date": number[6:14]},
            code="id_birth_date",
        ) from None
    today = today or datetime.date.today()
    if birth_date > today or birth_date.year < 1880:
        raise ValidationError(
            _("The birth date %(date)s in the ID number is not possible.") % {"date": birth_date.isoformat()},
            code="id_birth_date",
        )
    try:
        expected = ric.calc_check_digit(number)  # stdnum expects the full number, check character included
    except StdnumError:  # pragma: no cover - the 17 digits were checked above
        raise ValidationError(_("The ID number is not valid."), code="id_format") from None
    if expected != number[17]:
        raise ValidationError(
            # The expected character is not shown: a wrong check character usually means a typo elsewhere.
            _("The check character of the ID number does not match; please check every digit of the number."),
            code="id_checksum",
        )
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return IdNumberFacts(number=number, birth_date=birth_date, sex=sex)


def mask_id_number(number: str) -> str:
    """Keep the first four and last four characters: enough to tell people apart, too little to misuse."""
    if not number or len(number) < 8:
        return number
    return f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"
