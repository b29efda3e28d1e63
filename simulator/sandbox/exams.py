"""Exam rules in Mijn Inburgering: which parts, dates, times, places, paying, changing, cancelling.

A registration draft (state["exam_draft"]) holds the choices of the Aanmelden steps:
{"onderdelen": [...], "locatie": id, "datum": "dd-mm-jjjj", "tijd": "09:30", "betaalwijze": ...}.
"""

from __future__ import annotations

from datetime import date, timedelta

from simulator.sandbox import dates, fields, loan, mailbox, money

PARTS = {
    "lezen": "Lezen",
    "luisteren": "Luisteren",
    "schrijven": "Schrijven",
    "spreken": "Spreken",
    "knm": "KNM",
    "ona": "ONA",
}
PART_DESCRIPTIONS = {
    "knm": "Kennis van de Nederlandse Maatschappij",
    "ona": "Oriëntatie op de Nederlandse Arbeidsmarkt",
}
STATUS_LABELS = {
    "niet_gedaan": "Nog niet gedaan",
    "aangemeld": "Aangemeld",
    "gehaald": "Gehaald",
    "niet_gehaald": "Niet gehaald",
}
PAY_METHODS = ("lening", "bank")
MIN_WEEKS = 6
MAX_DAYS = 365


class ExamError(ValueError):
    """A registration, change or cancellation that the rules do not allow (Dutch message)."""


def part_name(part: str) -> str:
    return PARTS.get(part, part)


def part_names(parts: list[str]) -> str:
    """ "Luisteren, Schrijven en KNM"."""
    names = [part_name(p) for p in parts]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def get(state: dict, part: str) -> dict | None:
    """The exam entry of one part, or None when the part is unknown."""
    return next((e for e in state.get("exams", []) if e["onderdeel"] == part), None)


def open_parts(state: dict) -> list[str]:
    """Parts the learner can still register for (not passed and not registered)."""
    return [
        e["onderdeel"]
        for e in state.get("exams", [])
        if e["status"] in ("niet_gedaan", "niet_gehaald")
    ]


def needed_parts(state: dict) -> list[str]:
    """Parts the learner still has to pass."""
    return [e["onderdeel"] for e in state.get("exams", []) if e["status"] != "gehaald"]


def location(state: dict, location_id: str | None) -> dict | None:
    return next((loc for loc in state.get("exam_locations", []) if loc["id"] == location_id), None)


def earliest(today: date) -> date:
    """The first day one can register for: six weeks from today."""
    return today + timedelta(weeks=MIN_WEEKS)


def latest(today: date) -> date:
    return today + timedelta(days=MAX_DAYS)


def check_date(text: str, today: date) -> tuple[date | None, str | None]:
    """An exam date: at least six weeks ahead, within a year, on a weekday."""
    try:
        day = fields.read_date(text, iso=True)
    except fields.Invalid as problem:
        if problem.code == "empty":
            return None, "Kies een datum voor uw examen."
        return (
            None,
            "Dit is geen datum. Kies een datum in de kalender of schrijf hem zo: 15-03-2027.",
        )
    if day < today:
        return (
            None,
            f"Deze datum is al voorbij. Kies een datum op of na {dates.fmt(earliest(today))}.",
        )
    if day < earliest(today):
        return None, (
            f"Deze datum is te vroeg. U kunt zich aanmelden voor een datum die minstens 6 weken "
            f"na vandaag ligt: op of na {dates.fmt(earliest(today))}."
        )
    if day > latest(today):
        return (
            None,
            f"Deze datum is te ver weg. Kies een datum tot en met {dates.fmt(latest(today))}.",
        )
    if day.weekday() >= 5:
        return (
            None,
            "Op zaterdag en zondag zijn er geen examens. Kies een dag van maandag tot en met vrijdag.",
        )
    return day, None


def check_parts(state: dict, chosen: list[str]) -> tuple[list[str], dict]:
    """The parts chosen in step 1 (in the site's order), or an error."""
    allowed = open_parts(state)
    if not chosen:
        return [], {"onderdelen": "Kies minstens één examen."}
    if any(part not in allowed for part in chosen):
        return [], {
            "onderdelen": "U kunt zich alleen aanmelden voor examens die u nog niet heeft gehaald."
        }
    return [part for part in allowed if part in chosen], {}


def check_when_where(state: dict, form: dict, today: date) -> tuple[dict, dict]:
    """Place, date and time (step 2 and the change form): (clean values, errors)."""
    errors: dict[str, str] = {}
    if location(state, form.get("locatie")) is None:
        errors["locatie"] = "Kies een examenlocatie."
    day, error = check_date(form.get("datum", ""), today)
    if error:
        errors["datum"] = error
    if form.get("tijd") not in state.get("exam_times", []):
        errors["tijd"] = "Kies een tijd."
    if errors:
        return {}, errors
    return {"locatie": form["locatie"], "datum": dates.fmt(day), "tijd": form["tijd"]}, {}


def cost(state: dict, parts: list[str]) -> int:
    """Cents to pay: the exam fee for every part."""
    return state["exam_fee"] * len(parts)


def check_confirm(state: dict, draft: dict, form: dict) -> tuple[str | None, dict]:
    """Step 3: the confidentiality statement and how to pay."""
    errors: dict[str, str] = {}
    if form.get("geheimhouding") != "ja":
        errors["geheimhouding"] = (
            "U moet de geheimhoudingsverklaring accepteren. Anders kunt u zich niet aanmelden."
        )
    method = form.get("betaalwijze")
    if method not in PAY_METHODS:
        errors["betaalwijze"] = "Kies hoe u wilt betalen."
    elif method == "lening" and not loan.can_pay(state, cost(state, draft.get("onderdelen", []))):
        errors["betaalwijze"] = (
            "Uw lening is niet hoog genoeg voor dit bedrag. Kies: Betalen via mijn bank."
        )
    return (None if errors else method), errors


def draft_complete(state: dict, draft: dict) -> bool:
    """True when the draft has valid parts, place, date and time."""
    parts = draft.get("onderdelen") or []
    return (
        bool(parts)
        and all(p in open_parts(state) for p in parts)
        and all(draft.get(k) for k in ("locatie", "datum", "tijd"))
    )


def register(state: dict, draft: dict, via: str, today: date) -> list[str]:
    """Register for the draft's parts, pay (loan or bank), send letter and mail; returns parts."""
    if not draft_complete(state, draft):
        raise ExamError("U bent al aangemeld voor dit examen, of u heeft nog niet alles gekozen.")
    _, errors = check_when_where(state, dict(draft, datum=draft["datum"]), today)
    if errors:
        raise ExamError(next(iter(errors.values())))
    parts = draft["onderdelen"]
    if via == "lening" and not loan.can_pay(state, cost(state, parts)):
        raise ExamError("De lening is niet hoog genoeg voor dit bedrag.")
    for part in parts:
        exam = get(state, part)
        exam["vorige"] = {
            k: exam[k] for k in ("status", "datum", "tijd", "locatie", "resultaat") if k in exam
        }
        exam.pop("resultaat", None)
        exam.update(
            status="aangemeld",
            datum=draft["datum"],
            tijd=draft["tijd"],
            locatie=draft["locatie"],
            betaald_via=via,
            bedrag=state["exam_fee"],
        )
        if via == "lening":
            loan.pay(state, state["exam_fee"], f"Examen {part_name(part)}", dates.fmt(today))
    _notify(state, "Bevestiging aanmelding examen", _registered_text(state, parts, via), today)
    return parts


def change(state: dict, part: str, values: dict, today: date) -> None:
    """Move a registered exam to another place, date or time; sends letter and mail."""
    exam = get(state, part)
    if exam is None or exam["status"] != "aangemeld":
        raise ExamError("U bent niet aangemeld voor dit examen.")
    exam.update(locatie=values["locatie"], datum=values["datum"], tijd=values["tijd"])
    text = (
        f"U heeft uw examen {part_name(part)} gewijzigd. Dit zijn de nieuwe gegevens:\n\n"
        + _details(state, [part], exam)
    )
    _notify(state, "Wijziging examen", text, today)


def cancel(state: dict, part: str, today: date) -> int:
    """Cancel a registration; paid from the loan -> refunded to it. Returns the refund in cents."""
    exam = get(state, part)
    if exam is None or exam["status"] != "aangemeld":
        raise ExamError("U bent niet aangemeld voor dit examen.")
    refund = exam.get("bedrag", 0) if exam.get("betaald_via") == "lening" else 0
    if refund:
        state["loan"]["paid"].append(
            {
                "datum": dates.fmt(today),
                "omschrijving": f"Terug in lening: examen {part_name(part)} afgemeld",
                "bedrag": -refund,
            }
        )
    where = exam.get("betaald_via")
    previous = exam.pop("vorige", None) or {"status": "niet_gedaan"}
    for key in ("datum", "tijd", "locatie", "resultaat", "betaald_via", "bedrag"):
        exam.pop(key, None)
    exam.update(previous)
    money_text = {
        "lening": "Het geld voor dit examen staat weer in uw lening.",
        "bank": "U krijgt het geld voor dit examen binnen 2 weken terug op uw bankrekening.",
    }.get(where, "Heeft u al betaald voor dit examen? Dan krijgt u het geld terug.")
    text = f"U heeft zich afgemeld voor het examen {part_name(part)}.\n\n{money_text}"
    _notify(state, "Afmelding examen", text, today)
    return refund


def _details(state: dict, parts: list[str], exam: dict) -> str:
    place = location(state, exam["locatie"]) or {"naam": exam["locatie"], "adres": ""}
    return (
        f"Examen: {part_names(parts)}\nDatum: {exam['datum']}\nTijd: {exam['tijd']} uur\n"
        f"Locatie: {place['naam']}, {place['adres']}"
    )


def _registered_text(state: dict, parts: list[str], via: str) -> str:
    paid = "uit uw lening bij DUO" if via == "lening" else "via uw bank"
    return (
        "U heeft zich aangemeld voor het inburgeringsexamen. Dit zijn de gegevens:\n\n"
        + _details(state, parts, get(state, parts[0]))
        + f"\n\nKosten: {money.fmt(cost(state, parts))}. U heeft betaald {paid}.\n\n"
        "Neem op de dag van het examen uw verblijfsdocument of paspoort mee. "
        "Kom 30 minuten voor de begintijd.\n\n"
        "Wilt u de datum, tijd of plaats veranderen? Of wilt u zich afmelden? "
        "Dat kan op Mijn Inburgering bij Examens."
    )


def _notify(state: dict, subject: str, body: str, today: date) -> None:
    """A letter under Brieven and an e-mail that says the letter is there (no link)."""
    hello = mailbox.salutation(state["persona"])
    mailbox.send_letter(state, subject, f"{hello}\n\n{body}{mailbox.SIGNATURE}", today)
    mail = (
        f"{hello}\n\nEr staat een nieuwe brief voor u klaar op Mijn Inburgering: {subject}.\n\n"
        "Log in op Mijn Inburgering via inburgeren.nl en kijk bij Brieven.\n\n"
        "Let op: in deze e-mail staat geen link. DUO stuurt u nooit een link om in te loggen."
        + mailbox.SIGNATURE
    )
    mailbox.deliver(state, subject, mail, today=today)


def time_left(today: date, deadline: date) -> str:
    """Time until a deadline in words: "2 jaar, 8 maanden en 4 dagen" (or that it passed)."""
    if deadline < today:
        return "De termijn is voorbij."
    if deadline == today:
        return "Vandaag is de laatste dag."
    months = (deadline.year - today.year) * 12 + deadline.month - today.month
    if _add_months(today, months) > deadline:
        months -= 1
    days = (deadline - _add_months(today, months)).days
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} jaar")
    if months:
        parts.append(f"{months} {'maand' if months == 1 else 'maanden'}")
    if days:
        parts.append(f"{days} {'dag' if days == 1 else 'dagen'}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    for last in (31, 30, 29, 28):
        try:
            return date(target_year, target_month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
