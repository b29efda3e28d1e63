"""The answers the HTTP server itself gives before the app sees a request (a too long address
or too many headers, a body over the limit, a request it cannot read): plain Dutch, with the
same security headers as every page. Used by waitress (serve.py) and gunicorn (gunicorn_conf)."""

from __future__ import annotations

from html import escape

from simulator.security import CSP

#: status -> (reason phrase, title, explanation); anything else answers as 400.
PAGES: dict[int, tuple[str, str, str]] = {
    400: (
        "Bad Request",
        "Dit verzoek klopt niet",
        "De oefenomgeving kan dit verzoek niet lezen. Ga terug naar de startpagina en probeer "
        "het opnieuw.",
    ),
    403: ("Forbidden", "Geen toegang", "Dit verzoek is niet toegestaan."),
    413: (
        "Payload Too Large",
        "Te veel gegevens",
        "U stuurde te veel gegevens in één keer. Ga terug en vul minder in.",
    ),
    414: (
        "URI Too Long",
        "Het adres is te lang",
        "Het adres van deze pagina is te lang. Kijk of het adres klopt, of ga terug naar de "
        "startpagina.",
    ),
    417: ("Expectation Failed", "Dit verzoek klopt niet", "De oefenomgeving kan dit niet doen."),
    431: (
        "Request Header Fields Too Large",
        "Het verzoek is te groot",
        "Het adres of de gegevens die uw browser meestuurt (bijvoorbeeld cookies) zijn te lang. "
        "Sluit de browser, open hem opnieuw en ga naar de startpagina.",
    ),
    500: (
        "Internal Server Error",
        "Er ging iets mis",
        "Er ging iets mis in de oefenomgeving. Probeer het over een minuut opnieuw.",
    ),
    501: ("Not Implemented", "Dit kan niet", "De oefenomgeving kan dit verzoek niet uitvoeren."),
}

HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
]


def page(status: int) -> tuple[str, list[tuple[str, str]], bytes]:
    """The status line, headers and body of the server's own answer for a status code."""
    reason, title, text = PAGES.get(status, PAGES[400])
    if status not in PAGES:
        status = 400
    body = (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} | Oefenomgeving</title>\n</head>\n<body>\n"
        f"<main>\n<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n"
        '<p><a href="/">Naar de startpagina van de oefenomgeving</a></p>\n</main>\n'
        "</body>\n</html>\n"
    ).encode()
    return f"{status} {reason}", list(HEADERS), body


def http_response(status: int) -> bytes:
    """The whole HTTP/1.1 answer (for a server that writes bytes to the socket itself)."""
    status_line, headers, body = page(status)
    head = [f"HTTP/1.1 {status_line}", "Connection: close", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
