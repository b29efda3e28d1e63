"""Class codes and verder-codes: short, random, and without characters that look alike.

A learner types the code from a projector or a phone screen, often on a small keyboard:
no 0/O and no 1/I/L, upper case only, and spaces or dashes typed in between are ignored.
"""

from __future__ import annotations

import secrets

#: A-Z and 2-9 without O, I and L (and without 0 and 1)
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CLASS_CODE_LENGTH = 6
RESUME_CODE_LENGTH = 8


def new_code(length: int = CLASS_CODE_LENGTH) -> str:
    """A random code of `length` characters from ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def clean(typed: str | None) -> str:
    """What the learner typed, in upper case, without spaces and dashes."""
    return "".join(ch for ch in str(typed or "").upper() if ch not in " -\t.")[:40]


def is_wellformed(code: str, length: int) -> bool:
    """True when `code` (cleaned) has the right length and only characters of ALPHABET."""
    return len(code) == length and all(ch in ALPHABET for ch in code)


def spaced(code: str) -> str:
    """A verder-code in two groups of four, easier to read aloud: "ABCD EFGH"."""
    return f"{code[:4]} {code[4:]}" if len(code) == RESUME_CODE_LENGTH else code
