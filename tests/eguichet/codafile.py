"""A realistic CODA 2.x statement for the tests (Febelfin layout, 128 characters a record)."""

from datetime import date


def _record(*fields):
    """Place ``(position, text)`` pairs (1-based, as in the standard) in a 128-char record."""
    line = [" "] * 128
    for position, text in fields:
        for offset, char in enumerate(text):
            line[position - 1 + offset] = char
    return "".join(line)


def _amount(cents):
    return f"{abs(cents) * 10:015d}"  # 15 digits, 3 decimals


def coda(movements, day=None, account="BE71096123456769", holder="COMMUNE DE DEMO"):
    """``movements``: (cents, structured 12 digits or None, free text, counterparty, IBAN)."""
    day = day or date.today()
    ddmmyy = day.strftime("%d%m%y")
    lines = [
        _record((1, "0"), (2, "0000"), (6, ddmmyy), (12, "300"), (15, "05"),
                (25, "0000000001"), (35, holder.ljust(26)), (61, "BBRUBEBB   "),
                (72, "00207401234"), (84, "00000"), (128, "2")),
        _record((1, "1"), (2, "2"), (3, "001"), (6, f"{account:<34}EUR"), (43, "0"),
                (44, _amount(1_000_000)), (59, ddmmyy), (65, holder.ljust(26)),
                (91, "Compte courant".ljust(35)), (126, "001")),
    ]
    credit = debit = 0
    for index, (cents, structured, free, name, iban) in enumerate(movements, start=1):
        sign = "0" if cents >= 0 else "1"
        credit += max(cents, 0)
        debit += max(-cents, 0)
        communication = ("1", "101" + structured) if structured else ("0", free[:53])
        lines.append(_record(
            (1, "21"), (3, f"{index:04d}"), (7, "0000"), (11, f"{index:021d}"), (32, sign),
            (33, _amount(cents)), (48, ddmmyy), (54, "00150000"), (62, communication[0]),
            (63, communication[1]), (116, ddmmyy), (122, "001"), (125, "0"), (126, "1"),
            (128, "0"),
        ))
        lines.append(_record((1, "22"), (3, f"{index:04d}"), (7, "0000"),
                             (99, "GEBABEBB   "), (126, "1"), (128, "0")))
        lines.append(_record((1, "23"), (3, f"{index:04d}"), (7, "0000"),
                             (11, f"{iban:<34}EUR"), (48, name[:35].ljust(35)), (126, "0"),
                             (128, "0")))
    lines.append(_record((1, "8"), (2, "001"), (5, f"{account:<34}EUR"), (42, "0"),
                         (43, _amount(1_000_000 + credit - debit)), (58, ddmmyy),
                         (128, "0")))
    lines.append(_record((1, "9"), (17, f"{len(lines) - 2:06d}"), (23, _amount(debit)),
                         (38, _amount(credit)), (128, "2")))
    assert all(len(line) == 128 for line in lines)
    return "\r\n".join(lines) + "\r\n"
