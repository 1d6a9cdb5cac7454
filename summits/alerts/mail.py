"""The messages alerts send: a confirmation, an "already following" note, and the alert.

Every message has a plain-text and an HTML part, links are absolute (SITE_URL), and alerts
carry one-click unsubscribe headers (RFC 8058) for the subscription they serve.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from summits.alerts import tokens
from summits.alerts.models import Subscription
from summits.models import Statement


def absolute(path: str) -> str:
    if not settings.SITE_URL:
        raise ImproperlyConfigured("SITE_URL must be set for alerts to link to the site")
    return settings.SITE_URL + path


def manage_url(subscription: Subscription) -> str:
    return absolute(
        reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber.key)])
    )


def unsubscribe_url(subscription: Subscription) -> str:
    token = tokens.unsubscribe_token(subscription.pk, subscription.subscriber.key)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def compose(
    subscription: Subscription, subject: str, template: str, ctx: dict[str, object]
) -> EmailMultiAlternatives:
    ctx = ctx | {
        "subscription": subscription,
        "followed_url": absolute(subscription.followed_url),
        "manage_url": manage_url(subscription),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", ctx),
        to=[subscription.subscriber.email],
    )
    message.attach_alternative(render_to_string(f"alerts/email/{template}.html", ctx), "text/html")
    return message


def confirmation(subscription: Subscription) -> EmailMultiAlternatives:
    if subscription.confirmed_at is not None:
        # Someone asked again for an address that already follows this: tell its owner,
        # while the page answered exactly as for a new address.
        return compose(
            subscription,
            f"You already follow {subscription.followed_name} on Loggerheads",
            "already_following",
            {},
        )
    token = tokens.confirm_token(subscription.pk, subscription.confirm_nonce)
    return compose(
        subscription,
        f"Confirm: follow {subscription.followed_name} on Loggerheads",
        "confirm",
        {
            "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
            "hours": int(tokens.CONFIRM_AGE.total_seconds() // 3600),
        },
    )


def alert(
    subscription: Subscription, statements: list[Statement], message_id: str
) -> EmailMultiAlternatives:
    """New statements for one subscription: one as published, or a day's as a digest."""
    cards = [
        {
            "statement": statement,
            "permalink": absolute(statement.get_absolute_url()),
            "stance": statement.get_stance_display(),
        }
        for statement in statements
    ]
    if len(statements) == 1:
        subject = f"{statements[0].speaker.name}: new statement ({subscription.followed_name})"
    else:
        subject = f"{len(statements)} new statements: {subscription.followed_name}"
    message = compose(subscription, subject, "alert", {"cards": cards})
    unsubscribe = unsubscribe_url(subscription)
    message.extra_headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # The same id if a send is ever repeated, so mail systems can fold the copies.
        "Message-ID": message_id,
        "Auto-Submitted": "auto-generated",
    }
    return message
