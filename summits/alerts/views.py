"""Following by email: the follow form, confirming, managing alerts, one-click unsubscribe.

Reader pages are cached and shared, so they carry only a link here ("Follow by email");
these pages are never cached and hold the POST forms with their own CSRF tokens. No page
shows an address, and the follow answer is the same whether the address is new, pending or
already following: only its owner's mailbox learns which.
"""

import hashlib
import logging
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from summits.alerts import tasks, tokens
from summits.alerts.forms import FollowForm, FrequencyForm
from summits.alerts.models import Subscriber, Subscription, Target
from summits.filters import StatementFilter
from summits.models import Issue, Participant, Statement, Summit

log = logging.getLogger(__name__)


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it."""

    htmx: HtmxDetails


# Follow requests allowed per hour: from one client address, and for one email address.
PER_CLIENT = 10
PER_ADDRESS = 3
WINDOW = 3600
TARGET_MODELS: dict[str, type[Participant] | type[Issue] | type[Summit]] = {
    Target.PARTICIPANT: Participant,
    Target.ISSUE: Issue,
    Target.SUMMIT: Summit,
}


def over_limit(bucket: str, limit: int) -> bool:
    """Count one more request in `bucket` this hour; True once it passes `limit`."""
    key = "alerts-rate:" + hashlib.sha256(bucket.encode()).hexdigest()
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key) > limit
    except ValueError:
        # Expired between add and incr: this request starts a new window.
        cache.set(key, 1, WINDOW)
        return False


def followed_target(target: str, slug: str, query: str) -> dict[str, Any]:
    """The Subscription fields naming what is followed, or 404 when it does not exist."""
    if target == Target.SEARCH:
        filters = StatementFilter(QueryDict(query), Statement.objects.none())
        if filters.errors or not filters.active:
            raise Http404("Nothing to follow: search for something first.")
        canonical = QueryDict(filters.canonical_query(), mutable=True)
        canonical.pop("page", None)
        return {"target": target, "query": canonical.urlencode()}
    model = TARGET_MODELS.get(target)
    found = model.objects.filter(slug=slug).first() if model else None
    if found is None:
        raise Http404(f"No {target} '{slug}' to follow.")
    return {"target": target, target: found}


def render_form(request: HtmxHttpRequest, ctx: dict[str, Any], status: int = 200) -> HttpResponse:
    # htmx 2 swaps only 2xx answers, so the in-place form shows its errors with a 200.
    if request.htmx:
        return render(request, "alerts/follow.html#follow", ctx)
    return render(request, "alerts/follow.html", ctx, status=status)


@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def follow(request: HtmxHttpRequest, target: str, slug: str = "") -> HttpResponse:
    query = request.POST.get("query", "") if request.method == "POST" else request.GET.urlencode()
    fields = followed_target(target, slug, query)
    subscription = Subscription(**fields)
    ctx: dict[str, Any] = {
        "subscription": subscription,
        "action": request.path,
        "query": fields.get("query", ""),
    }
    if request.method == "GET":
        return render_form(request, ctx | {"form": FollowForm()})

    form = FollowForm(request.POST)
    ctx["form"] = form
    if not form.is_valid():
        return render_form(request, ctx, status=400)
    email = form.cleaned_data["email"]
    client = request.META.get("REMOTE_ADDR", "")
    if over_limit(f"client:{client}", PER_CLIENT) or over_limit(f"email:{email}", PER_ADDRESS):
        ctx["refusal"] = "Too many follow requests. Please try again in an hour."
        return render_form(request, ctx, status=429)
    request_follow(email, fields, form.cleaned_data["frequency"])
    ctx["requested"] = True
    return render_form(request, ctx)


def request_follow(email: str, fields: dict[str, Any], frequency: str) -> None:
    """Record the request (unconfirmed) and queue the confirmation mail for the worker."""
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        lookup = {k: v for k, v in fields.items() if k != "target"}
        subscription = subscriber.subscriptions.filter(target=fields["target"], **lookup).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = subscriber.subscriptions.create(frequency=frequency, **fields)
            except IntegrityError:
                # The same request twice at once: the other one recorded it.
                return
        elif subscription.confirmed_at is None:
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
        subscription_id = subscription.pk
        transaction.on_commit(lambda: tasks.send_confirmation.enqueue(subscription_id))


def token_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    ctx = {"title": "This link does not work", "message": message}
    return render(request, "alerts/message.html", ctx, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription_id, nonce = tokens.read_confirm_token(token)
    except tokens.BadToken as bad:
        return token_error(request, bad.message, 410 if bad.expired else 400)
    subscription = (
        Subscription.objects.select_related("subscriber", "participant", "issue", "summit")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return token_error(
            request, "This follow request has expired. Follow again from the page.", 410
        )
    if subscription.confirmed_at is not None or subscription.confirm_nonce != nonce:
        return token_error(
            request,
            "This link has already been used. Your alerts are listed on the page linked "
            "from any alert.",
            410,
        )
    ctx: dict[str, Any] = {"subscription": subscription}
    if request.method == "GET":
        # A mail scanner that opens links must not confirm: only the button's POST does.
        return render(request, "alerts/confirm.html", ctx)
    subscription.confirmed_at = timezone.now()
    subscription.confirm_nonce = ""
    subscription.save(update_fields=["confirmed_at", "confirm_nonce"])
    # The hourly round purges, digests and recovers; a first follower books it if need be.
    transaction.on_commit(tasks.schedule_chores, robust=True)
    ctx["confirmed"] = True
    ctx["manage_url"] = reverse(
        "alerts:manage", args=[tokens.manage_token(subscription.subscriber.key)]
    )
    return render(request, "alerts/confirm.html", ctx)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        key = tokens.read_manage_token(token)
    except tokens.BadToken as bad:
        return token_error(request, bad.message, 410 if bad.expired else 400)
    subscriber = Subscriber.objects.filter(key=key).first()
    subscriptions = (
        subscriber.subscriptions.select_related("participant", "issue", "summit").order_by("pk")
        if subscriber
        else Subscription.objects.none()
    )
    notice = ""
    status = 200
    if request.method == "POST":
        picked = request.POST.get("subscription", "")
        chosen = subscriptions.filter(pk=int(picked)).first() if picked.isdigit() else None
        form = FrequencyForm(request.POST)
        if chosen is None:
            notice, status = "That alert no longer exists.", 400
        elif "stop" in request.POST:
            chosen.delete()
            notice = f"Stopped: you no longer follow {chosen.followed_name}."
        elif form.is_valid():
            chosen.frequency = form.cleaned_data["frequency"]
            chosen.save(update_fields=["frequency"])
            notice = f"{chosen.followed_name}: {chosen.get_frequency_display().lower()}."
        else:
            notice, status = "Choose how often.", 400
    ctx = {
        "subscriptions": [s for s in subscriptions if s.confirmed_at is not None],
        "frequencies": Subscription.Frequency.choices,
        "notice": notice,
    }
    return render(request, "alerts/manage.html", ctx, status=status)


@csrf_exempt  # RFC 8058: the mail provider POSTs with no cookie; the signed token is the proof.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription_id, key = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as bad:
        return token_error(request, bad.message, 400)
    subscription = (
        Subscription.objects.select_related("participant", "issue", "summit")
        .filter(pk=subscription_id, subscriber__key=key)
        .first()
    )
    ctx: dict[str, Any] = {"subscription": subscription, "done": request.method == "POST"}
    if request.method == "POST" and subscription is not None:
        subscription.delete()
        Subscriber.objects.filter(key=key, subscriptions__isnull=True).delete()
        log.info("alert unsubscribed: subscription %s", subscription_id)
    # Asked twice, or after stopping it from the manage page, it is still a success.
    return render(request, "alerts/unsubscribe.html", ctx)
