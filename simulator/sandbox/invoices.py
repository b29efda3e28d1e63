"""Invoices of the language schools: accept, refuse, and DUO's limit per quarter.

The quarter rule: DUO pays at most `loan.quarter_cap` (€ 2.000,00) per calendar quarter,
summed over all schools. An invoice counts in the quarter of its factuurdatum. When
accepting an invoice would go over the limit, DUO pays up to the limit now; the rest
becomes a new invoice with status "uitgesteld" dated in a later quarter (1 or 2 quarters
later, as far as needed so no quarter goes over the limit). The learner accepts or refuses
that rest later, like any invoice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from simulator.sandbox import dates, loan, money

OPEN_STATUSES = ("open", "uitgesteld")

STATUS_TEXT = {
    "open": "Factuur is openstaand",
    "uitgesteld": "Factuur is uitgesteld",
    "vrijgegeven": "Factuur is vrijgegeven",
    "geweigerd": "Factuur is geweigerd",
}

#: Refusal reasons: form value -> the words in the "Reden" list.
REASONS = {
    "bedrag": "Factuurbedrag is niet goed",
    "nummer": "Factuurnummer is niet goed",
    "niet_compleet": "Factuur is niet compleet",
    "anders": "Andere reden",
}
OTHER_REASON_MAX = 500
MAX_QUARTERS_AHEAD = 40

QUARTER_MONTHS = {
    1: "januari t/m maart",
    2: "april t/m juni",
    3: "juli t/m september",
    4: "oktober t/m december",
}


class InvoiceError(ValueError):
    """The invoice cannot be accepted or refused now; str() is the message for the learner."""


class AlreadyHandled(InvoiceError):
    """The invoice was accepted or refused before (double click, back button, other tab)."""


class LoanTooLow(InvoiceError):
    """The loan cannot cover what DUO would pay now."""


@dataclass
class Plan:
    """What accepting an invoice would do: pay now, and the rest per later quarter."""

    total: int
    pay_now: int
    quarter: str
    already_in_quarter: int
    cap: int
    later: list[tuple[str, int]] = field(default_factory=list)

    @property
    def deferred(self) -> int:
        return sum(amount for _, amount in self.later)


# -- reading ------------------------------------------------------------------------------


def total(invoice: dict) -> int:
    """Totaalbedrag in cents: course costs + materials + exam costs."""
    return invoice["cursuskosten"] + invoice["lesmateriaal"] + invoice["examenkosten"]


def find(state: dict, nummer: str) -> dict | None:
    """The invoice with this number, or None."""
    return next((inv for inv in state["invoices"] if inv["nummer"] == nummer), None)


def find_contract(state: dict, nummer: str) -> dict | None:
    """The contract with this number, or None."""
    return next((c for c in state["contracts"] if c["nummer"] == nummer), None)


def is_open(invoice: dict) -> bool:
    """True when the learner can still accept or refuse the invoice."""
    return invoice["status"] in OPEN_STATUSES


def _by_date(invoices: list[dict]) -> list[dict]:
    return sorted(invoices, key=lambda inv: (dates.parse(inv["factuurdatum"]), inv["nummer"]))


def open_invoices(state: dict) -> list[dict]:
    """Openstaande facturen, oldest first."""
    return _by_date([inv for inv in state["invoices"] if is_open(inv)])


def handled_invoices(state: dict) -> list[dict]:
    """Afgehandelde facturen (vrijgegeven or geweigerd), newest first."""
    return list(reversed(_by_date([inv for inv in state["invoices"] if not is_open(inv)])))


def status_text(invoice: dict) -> str:
    """The status as the site writes it, e.g. "Factuur is openstaand"."""
    return STATUS_TEXT.get(invoice["status"], invoice["status"])


def paid_now(invoice: dict) -> int:
    """Cents DUO paid for a released invoice (all of it unless part was put off)."""
    if invoice["status"] != "vrijgegeven":
        return 0
    return invoice.get("betaald", total(invoice))


# -- quarters ------------------------------------------------------------------------------


def quarter_of(datum: str) -> str:
    """The calendar quarter of a date as "2022-2"."""
    day = dates.parse(datum)
    return f"{day.year}-{(day.month - 1) // 3 + 1}"


def next_quarter(key: str) -> str:
    """The quarter after "2022-4" is "2023-1"."""
    year, number = (int(part) for part in key.split("-"))
    return f"{year + 1}-1" if number == 4 else f"{year}-{number + 1}"


def quarter_start(key: str) -> str:
    """First day of a quarter as "01-07-2022"."""
    year, number = (int(part) for part in key.split("-"))
    return dates.fmt(date(year, 3 * (number - 1) + 1, 1))


def quarter_label(key: str) -> str:
    """ "2e kwartaal 2022 (april t/m juni)"."""
    year, number = (int(part) for part in key.split("-"))
    return f"{number}e kwartaal {year} ({QUARTER_MONTHS[number]})"


def committed(state: dict, key: str, skip: str | None = None) -> int:
    """Cents DUO paid or has planned (uitgesteld) in a quarter, over all schools."""
    amount = 0
    for inv in state["invoices"]:
        if inv["nummer"] == skip or quarter_of(inv["factuurdatum"]) != key:
            continue
        if inv["status"] == "vrijgegeven":
            amount += paid_now(inv)
        elif inv["status"] == "uitgesteld":
            amount += total(inv)
    return amount


def quarter_overview(state: dict) -> list[dict]:
    """Per quarter with invoices: paid, planned for later (uitgesteld) and room left."""
    cap = loan.quarter_cap(state)
    keys = sorted(
        {quarter_of(inv["factuurdatum"]) for inv in state["invoices"]},
        key=lambda k: tuple(int(p) for p in k.split("-")),
    )
    rows = []
    for key in keys:
        in_quarter = [inv for inv in state["invoices"] if quarter_of(inv["factuurdatum"]) == key]
        paid = sum(paid_now(inv) for inv in in_quarter)
        planned = sum(total(inv) for inv in in_quarter if inv["status"] == "uitgesteld")
        rows.append(
            {
                "key": key,
                "label": quarter_label(key),
                "paid": paid,
                "planned": planned,
                "room": max(0, cap - paid - planned) if cap else None,
            }
        )
    return rows


# -- accepting -----------------------------------------------------------------------------


def plan(state: dict, invoice: dict) -> Plan:
    """Work out what accepting would pay now and what moves to later quarters."""
    amount = total(invoice)
    cap = loan.quarter_cap(state)
    key = quarter_of(invoice["factuurdatum"])
    used = committed(state, key, skip=invoice["nummer"])
    if cap <= 0:
        return Plan(amount, amount, key, used, cap)
    pay_now = min(amount, max(0, cap - used))
    result = Plan(amount, pay_now, key, used, cap)
    rest, later_key = amount - pay_now, key
    for _ in range(MAX_QUARTERS_AHEAD):
        if rest <= 0:
            break
        later_key = next_quarter(later_key)
        room = cap - committed(state, later_key, skip=invoice["nummer"])
        if room > 0:
            part = min(rest, room)
            result.later.append((later_key, part))
            rest -= part
    return result


def accept(state: dict, nummer: str) -> Plan:
    """Accept an open invoice: pay what fits in its quarter from the loan, put off the rest.

    Raises KeyError for an unknown number, AlreadyHandled, or LoanTooLow (nothing changes).
    """
    invoice = find(state, nummer)
    if invoice is None:
        raise KeyError(nummer)
    if not is_open(invoice):
        raise AlreadyHandled("Deze factuur is al afgehandeld. U hoeft niets meer te doen.")
    result = plan(state, invoice)
    if not loan.can_pay(state, result.pay_now):
        raise LoanTooLow(loan.too_low_message(state) + " De factuur blijft openstaan.")
    contract = find_contract(state, invoice["contract"]) or {}
    if result.pay_now:
        omschrijving = f"Factuur {nummer} {contract.get('school', '')}".strip()
        loan.pay(state, result.pay_now, omschrijving, invoice["factuurdatum"])
    invoice["status"] = "vrijgegeven"
    invoice["betaald"] = result.pay_now
    invoice["vervolg"] = [_add_rest(state, invoice, key, part) for key, part in result.later]
    return result


def _add_rest(state: dict, invoice: dict, key: str, amount: int) -> str:
    """Add the put-off part of an invoice as a new "uitgesteld" invoice; returns its number."""
    base = invoice.get("deel_van") or invoice["nummer"]
    number = 2
    while find(state, f"{base}-{number}") is not None:
        number += 1
    nummer = f"{base}-{number}"
    state["invoices"].append(
        {
            "nummer": nummer,
            "contract": invoice["contract"],
            "omschrijving": f"rest van factuur {invoice['nummer']}",
            "factuurdatum": quarter_start(key),
            "periode_van": invoice["periode_van"],
            "periode_tot": invoice["periode_tot"],
            "aantal_cursussen": 0,
            "cursuskosten": amount,
            "lesmateriaal": 0,
            "examenkosten": 0,
            "status": "uitgesteld",
            "deel_van": invoice["nummer"],
        }
    )
    return nummer


def plan_message(result: Plan) -> str:
    """One B1 sentence about a split payment (empty when all is paid now)."""
    if not result.later:
        return ""
    quarters = " en ".join(quarter_label(key) for key, _ in result.later)
    if not result.pay_now:
        return (
            f"DUO betaalt maximaal {money.fmt(result.cap)} per kwartaal. Dit kwartaal is al vol. "
            f"Daarom komt deze factuur ({money.fmt(result.deferred)}) later als nieuwe factuur: "
            f"{quarters}."
        )
    return (
        f"DUO betaalt maximaal {money.fmt(result.cap)} per kwartaal. "
        f"DUO betaalt nu {money.fmt(result.pay_now)}. "
        f"De rest ({money.fmt(result.deferred)}) komt later als nieuwe factuur: {quarters}."
    )


# -- refusing ------------------------------------------------------------------------------


def check_refusal(reason: str, other: str) -> dict[str, str]:
    """Errors of the refusal form by field ("reden", "toelichting"); empty when fine."""
    if reason not in REASONS:
        return {"reden": "Reden is verplicht"}
    if reason != "anders":
        return {}
    if not other.strip():
        return {"toelichting": "Vul de reden in."}
    if len(other) > OTHER_REASON_MAX:
        return {
            "toelichting": f"Uw reden is te lang. Gebruik maximaal {OTHER_REASON_MAX} tekens. "
            f"U heeft nu {len(other)} tekens."
        }
    return {}


def refuse(state: dict, nummer: str, reason: str, other: str = "") -> None:
    """Refuse an open invoice with a reason; the loan does not change.

    Raises KeyError for an unknown number, AlreadyHandled, or InvoiceError for a bad reason.
    """
    invoice = find(state, nummer)
    if invoice is None:
        raise KeyError(nummer)
    if not is_open(invoice):
        raise AlreadyHandled("Deze factuur is al afgehandeld.")
    errors = check_refusal(reason, other)
    if errors:
        raise InvoiceError(next(iter(errors.values())))
    invoice["status"] = "geweigerd"
    invoice["reden"] = reason
    invoice["reden_tekst"] = other.strip() if reason == "anders" else REASONS[reason]
