"""DigiD's rules without Flask: account check, block, sms codes, koppelcode, PINs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.sandbox import auth, digid_rules, phone_state

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def state() -> dict:
    return {
        "digid": {
            "gebruikersnaam": "oefenaccount",
            "wachtwoord": "Oefenen123",
            "mobiel": "0612345678",
            "app_pincode": "12345",
            "rijbewijs_pincode": "123456",
            "identiteitskaart_pincode": "654321",
            "max_pogingen": 3,
        },
        "auth": {"sessions": {}},
    }


def sms_login(state: dict) -> dict:
    digid_rules.start_login(state, "duo", "sms")
    return state


def test_mask_mobile_shows_only_the_last_two_digits():
    assert digid_rules.mask_mobile("0612345678") == "06-******78"


def test_spoken_code_is_read_digit_by_digit():
    assert digid_rules.spoken("481932") == "4 - 8 - 1 - 9 - 3 - 2"


@pytest.mark.parametrize(
    ("username", "password", "expected"),
    [
        ("", "", {"gebruikersnaam": "empty", "wachtwoord": "empty"}),
        ("   ", "x", {"gebruikersnaam": "empty"}),
        ("a" * 33, "x", {"gebruikersnaam": "too_long"}),
        ("oefenaccount", "x" * 33, {"wachtwoord": "too_long"}),
        ("oefenaccount", "Oefenen123", {}),
    ],
)
def test_form_errors(username, password, expected):
    assert digid_rules.form_errors(username, password) == expected


def test_only_the_practice_account_works(state):
    sms_login(state)
    assert digid_rules.check_password(state, "oefenaccount", "Oefenen123", NOW) == "ok"
    assert digid_rules.check_password(state, " OefenAccount ", "Oefenen123", NOW) == "ok"
    assert digid_rules.check_password(state, "oefenaccount", "oefenen123", NOW) == "wrong"
    assert digid_rules.check_password(state, "iemand", "Oefenen123", NOW) == "wrong"


def test_typed_password_is_not_kept(state):
    sms_login(state)
    digid_rules.check_password(state, "oefenaccount", "GeheimWachtwoord!9", NOW)
    assert "GeheimWachtwoord!9" not in repr(state)


def test_three_wrong_tries_block_for_fifteen_minutes(state):
    sms_login(state)
    assert digid_rules.check_password(state, "oefenaccount", "fout1", NOW) == "wrong"
    assert digid_rules.remaining_tries(state) == 2
    assert digid_rules.check_password(state, "oefenaccount", "fout2", NOW) == "wrong"
    assert digid_rules.check_password(state, "oefenaccount", "fout3", NOW) == "blocked"
    # even the right password does not work during the block
    assert digid_rules.check_password(state, "oefenaccount", "Oefenen123", NOW) == "blocked"
    assert digid_rules.blocked_until(state, NOW) == NOW + timedelta(minutes=15)
    later = NOW + timedelta(minutes=16)
    assert digid_rules.blocked_until(state, later) is None
    assert digid_rules.check_password(state, "oefenaccount", "Oefenen123", later) == "ok"


def test_a_right_password_resets_the_count(state):
    sms_login(state)
    digid_rules.check_password(state, "oefenaccount", "fout", NOW)
    digid_rules.check_password(state, "oefenaccount", "Oefenen123", NOW)
    assert digid_rules.remaining_tries(state) == 3


def test_sms_code_arrives_on_the_phone(state):
    sms_login(state)
    code = digid_rules.send_code(state, NOW, rng=digid_rules.seeded_rng(1))
    assert len(code) == 6 and code.isdigit()
    message = state["phone"]["messages"][0]
    assert message["body"]["code"] == code and not message["read"]
    assert phone_state.unread(state) == 1


def test_a_new_code_makes_the_old_one_stop_working(state):
    sms_login(state)
    old = digid_rules.send_code(state, NOW, rng=digid_rules.seeded_rng(1))
    new = digid_rules.send_code(state, NOW, rng=digid_rules.seeded_rng(2))
    assert old != new
    assert digid_rules.check_code(state, old) == "old"
    assert digid_rules.check_code(state, new) == "ok"


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [("", "empty"), ("12345", "format"), ("12a456", "format"), ("1234567", "format")],
)
def test_code_format(state, typed, outcome):
    sms_login(state)
    digid_rules.send_code(state, NOW, rng=digid_rules.seeded_rng(1))
    assert digid_rules.check_code(state, typed) == outcome


def test_too_many_wrong_codes_stop_the_code(state):
    sms_login(state)
    code = digid_rules.send_code(state, NOW, rng=digid_rules.seeded_rng(1))
    wrong = "000000" if code != "000000" else "111111"
    assert digid_rules.check_code(state, wrong) == "wrong"
    assert digid_rules.check_code(state, wrong) == "wrong"
    assert digid_rules.check_code(state, wrong) == "too_many"
    assert digid_rules.check_code(state, code) == "too_many"  # ask for a new one


def test_spoken_code_rings_the_phone(state):
    sms_login(state)
    code = digid_rules.send_code(state, NOW, spoken_call=True, rng=digid_rules.seeded_rng(3))
    assert phone_state.ringing(state)
    assert phone_state.answer(state)
    assert state["phone"]["call"]["code"] == code
    assert state["phone"]["screen"] == "gesprek"


def test_koppelcode_is_four_consonants_among_look_alikes():
    rng = digid_rules.seeded_rng(5)
    code = digid_rules.make_koppelcode(rng)
    assert len(code) == 4 and all(c in digid_rules.CONSONANTS for c in code)
    options = digid_rules.koppel_options(code, rng)
    assert len(options) == 4 and len(set(options)) == 4 and code in options
    for option in options:
        assert sum(a != b for a, b in zip(option, code, strict=True)) <= 2


def app_login(state: dict, method: str = "app") -> dict:
    digid_rules.start_login(state, "duo", method)
    return digid_rules.start_koppel(state, digid_rules.seeded_rng(7))


def test_app_on_another_device(state):
    k = app_login(state)
    assert digid_rules.scan(state)
    assert state["phone"]["app"]["screen"] == "kies"
    wrong = next(o for o in k["options"] if o != k["code"])
    assert digid_rules.choose_koppelcode(state, wrong) == "wrong"
    assert state["phone"]["app"]["error"] == "wrong_koppelcode"
    assert digid_rules.choose_koppelcode(state, k["code"]) == "ok"
    assert digid_rules.app_pin(state, "99999", NOW) == "wrong"
    assert not auth.logged_in(state, "duo")
    assert digid_rules.app_pin(state, "12345", NOW) == "ok"
    assert k["status"] == "confirmed"
    assert auth.method(state, "duo") == "app"


def test_scan_without_a_qr_code_says_so(state):
    assert not digid_rules.scan(state)
    assert state["phone"]["app"]["error"] == "no_qr"


def test_pin_before_pairing_does_nothing(state):
    app_login(state)
    assert digid_rules.app_pin(state, "12345", NOW) == "gone"
    assert not auth.logged_in(state, "duo")


def test_app_on_this_phone(state):
    digid_rules.start_login(state, "ind", "app")
    assert digid_rules.app_pin(state, "1234", NOW, same_device=True) == "format"
    assert digid_rules.app_pin(state, "12345", NOW, same_device=True) == "ok"
    assert auth.logged_in(state, "ind")


def test_too_many_wrong_pins_stop_the_login(state):
    k = app_login(state)
    digid_rules.scan(state)
    digid_rules.choose_koppelcode(state, k["code"])
    assert digid_rules.app_pin(state, "00000", NOW) == "wrong"
    assert digid_rules.app_pin(state, "00000", NOW) == "wrong"
    assert digid_rules.app_pin(state, "00000", NOW) == "too_many"
    assert k["status"] == "stopped"
    assert state["phone"]["app"]["screen"] == "gestopt"


@pytest.mark.parametrize(
    ("document", "pin"), [("rijbewijs", "123456"), ("identiteitskaart", "654321")]
)
def test_id_check(state, document, pin):
    k = app_login(state, document)
    digid_rules.scan(state)
    assert digid_rules.choose_koppelcode(state, k["code"]) == "ok"
    assert state["phone"]["app"]["screen"] == "document"
    assert digid_rules.document_pin(state, pin, NOW) == "gone"  # not read yet
    assert digid_rules.hold_document(state)
    assert digid_rules.document_pin(state, "111111", NOW) == "wrong"
    assert digid_rules.document_pin(state, pin, NOW) == "ok"
    assert auth.method(state, "duo") == document


def test_cancel_forgets_the_login(state):
    app_login(state)
    assert digid_rules.cancel(state) == "duo"
    assert digid_rules.login(state) is None


def test_new_login_ends_a_call(state):
    sms_login(state)
    digid_rules.send_code(state, NOW, spoken_call=True)
    digid_rules.start_login(state, "duo", "app")
    assert not phone_state.ringing(state)


def test_phone_screens_and_unread(state):
    phone_state.receive_sms(state, "DigiD", {"kind": "text", "text": "hoi"}, NOW.isoformat())
    assert phone_state.unread(state) == 1
    assert not phone_state.open_screen(state, "rekenmachine")
    assert phone_state.open_screen(state, "berichten")
    assert phone_state.unread(state) == 0


def test_a_finished_login_is_over_once_its_session_ends(state):
    sms_login(state)
    digid_rules.runtime(state)["login"]["code"] = "123456"
    digid_rules.runtime(state)["login"]["step"] = "code"
    assert digid_rules.check_code(state, "123456") == "ok"
    digid_rules.complete(state, NOW)
    assert digid_rules.login(state)["step"] == "done"  # still logged in: on to the service
    auth.log_out(state, "duo")
    assert digid_rules.login(state) is None  # after Uitloggen the old code never logs in
