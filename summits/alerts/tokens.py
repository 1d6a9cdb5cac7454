"""The signed links in alert mail: confirm a follow, manage alerts, unsubscribe.

Each kind has its own salt, so a token minted for one purpose opens nothing else. They
carry random keys, never an address, because links end up in logs and browser history.
"""

from datetime import timedelta

from django.core import signing

CONFIRM_AGE = timedelta(hours=48)
MANAGE_AGE = timedelta(days=30)


class BadToken(Exception):
    """A link that was tampered with, cut short or has expired; `message` says which."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.message = message
        self.expired = expired


def signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"loggerheads.alerts.{purpose}")


def make(purpose: str, value: str) -> str:
    return signer(purpose).sign(value)


def read(purpose: str, token: str, max_age: timedelta | None) -> str:
    try:
        return signer(purpose).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken(
            "This link has expired. Ask for a new one from the page you followed.", expired=True
        ) from None
    except signing.BadSignature:
        raise BadToken("This link is not valid: check it was copied in full.") from None


def confirm_token(subscription_id: int, nonce: str) -> str:
    return make("confirm", f"{subscription_id}:{nonce}")


def read_confirm_token(token: str) -> tuple[int, str]:
    subscription_id, _, nonce = read("confirm", token, CONFIRM_AGE).partition(":")
    return int(subscription_id), nonce


def manage_token(subscriber_key: str) -> str:
    return make("manage", subscriber_key)


def read_manage_token(token: str) -> str:
    return read("manage", token, MANAGE_AGE)


def unsubscribe_token(subscription_id: int, subscriber_key: str) -> str:
    # The key too: SQLite may hand a deleted subscription's id to a new one.
    return make("unsubscribe", f"{subscription_id}:{subscriber_key}")


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    # No age limit, on purpose: an unsubscribe link must work in the oldest mail a reader
    # kept, and all it can ever do is stop mail.
    subscription_id, _, key = read("unsubscribe", token, None).partition(":")
    return int(subscription_id), key
