"""DigiD's messages in Dutch and English (the page's language picks one)."""

from __future__ import annotations

from simulator.i18n import site_lang

MESSAGES: dict[str, tuple[str, str]] = {
    "gebruikersnaam.empty": ("Vul uw DigiD gebruikersnaam in.", "Enter your DigiD username."),
    "gebruikersnaam.too_long": (
        "Uw gebruikersnaam is te lang. Een DigiD gebruikersnaam heeft niet meer dan 32 tekens.",
        "Your username is too long. A DigiD username has no more than 32 characters.",
    ),
    "wachtwoord.empty": ("Vul uw wachtwoord in.", "Enter your password."),
    "wachtwoord.too_long": (
        "Uw wachtwoord is te lang. Een DigiD wachtwoord heeft niet meer dan 32 tekens.",
        "Your password is too long. A DigiD password has no more than 32 characters.",
    ),
    "wrong": (
        "De combinatie van gebruikersnaam en wachtwoord is niet bekend.",
        "The combination of username and password is not known.",
    ),
    "tries_left": (
        "U kunt het nog {n} keer proberen.",
        "You can try {n} more time(s).",
    ),
    "blocked": (
        "U heeft te vaak een verkeerde gebruikersnaam of wachtwoord ingevuld. Daarom kunt u "
        "15 minuten niet inloggen met uw gebruikersnaam en wachtwoord. Probeer het om {time} "
        "uur opnieuw.",
        "You entered a wrong username or password too many times. Therefore you cannot log in "
        "with your username and password for 15 minutes. Try again at {time}.",
    ),
    "code.empty": ("Vul de sms-code in.", "Enter the sms code."),
    "code.format": (
        "Een sms-code heeft 6 cijfers. Kijk goed en probeer het opnieuw.",
        "An sms code has 6 digits. Look carefully and try again.",
    ),
    "code.wrong": (
        "De sms-code is niet juist. Kijk goed naar het laatste bericht en probeer het opnieuw.",
        "The sms code is not correct. Look carefully at the latest message and try again.",
    ),
    "code.old": (
        "Deze sms-code werkt niet meer, want u heeft een nieuwe code gekregen. Gebruik de code "
        "uit het laatste bericht.",
        "This sms code no longer works, because you received a new code. Use the code from the "
        "latest message.",
    ),
    "code.too_many": (
        "U heeft te vaak een verkeerde sms-code ingevuld. Deze code werkt niet meer. Klik op "
        "'Geen sms ontvangen?' voor een nieuwe code.",
        "You entered a wrong sms code too many times. This code no longer works. Click "
        "'No sms received?' for a new code.",
    ),
    "pin.empty": ("Vul uw pincode in.", "Enter your PIN."),
    "pin.format": (
        "Uw pincode heeft 5 cijfers. Probeer het opnieuw.",
        "Your PIN has 5 digits. Try again.",
    ),
    "docpin.format": (
        "De pincode van uw document heeft 6 cijfers. Probeer het opnieuw.",
        "The PIN of your document has 6 digits. Try again.",
    ),
    "pin.wrong": (
        "Deze pincode is niet juist. Probeer het opnieuw.",
        "This PIN is not correct. Try again.",
    ),
    "pin.too_many": (
        "U heeft te vaak een verkeerde pincode ingevuld. Het inloggen is gestopt.",
        "You entered a wrong PIN too many times. Logging in has stopped.",
    ),
    "notice.sms_again": (
        "We hebben een nieuwe sms gestuurd. De oude code werkt niet meer.",
        "We sent a new sms. The old code no longer works.",
    ),
    "notice.call": (
        "U wordt nu gebeld op {number}. Neem de telefoon op en luister naar de code.",
        "You are now being called on {number}. Answer the phone and listen to the code.",
    ),
    "too_often": (
        "U heeft te vaak een nieuwe sms-code aangevraagd. Probeer het om {time} uur opnieuw.",
        "You have requested a new sms code too many times. Please try again at {time}.",
    ),
    "notice.koppel_new": (
        "Er is een nieuwe koppelcode. Scan de nieuwe QR-code met de DigiD app.",
        "There is a new koppelcode. Scan the new QR code with the DigiD app.",
    ),
    "notice.not_yet": (
        "De DigiD app heeft het inloggen nog niet bevestigd. Volg de stappen op uw telefoon.",
        "The DigiD app has not confirmed the login yet. Follow the steps on your phone.",
    ),
}


def msg(key: str, **values) -> str:
    """One message in the DigiD pages' current language."""
    nl, en = MESSAGES[key]
    text = en if site_lang("digid") == "en" else nl
    return text.format(**values) if values else text
