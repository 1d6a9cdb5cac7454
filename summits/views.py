"""Reader views: validate the request, query, render. Only published statements are shown."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from summits.models import Article, Issue, Participant, Statement, Summit


def published() -> "models.QuerySet[Statement]":  # noqa: F821
    return Statement.objects.filter(status=Statement.Status.PUBLISHED).select_related(
        "speaker", "article", "summit"
    )


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "summits/home.html", {"summits": Summit.objects.all()})


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    statements = published().filter(text__icontains=q) if q else published().none()
    return render(request, "summits/list.html", {"title": f"Search: {q}", "statements": statements})


def summit(request: HttpRequest, slug: str) -> HttpResponse:
    summit = get_object_or_404(Summit, slug=slug)
    ctx = {"title": summit.name, "statements": published().filter(summit=summit)}
    return render(request, "summits/list.html", ctx)


def participant(request: HttpRequest, slug: str) -> HttpResponse:
    participant = get_object_or_404(Participant, slug=slug)
    ctx = {"title": participant.name, "statements": published().filter(speaker=participant)}
    return render(request, "summits/list.html", ctx)


def issue(request: HttpRequest, slug: str) -> HttpResponse:
    issue = get_object_or_404(Issue, slug=slug)
    ctx = {"title": issue.name, "statements": published().filter(issues=issue)}
    return render(request, "summits/list.html", ctx)


def article(request: HttpRequest, ref: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=ref) if ref.isdigit() else None
    if article is None:
        article = get_object_or_404(Article, key=ref)
    ctx = {"title": article.title, "statements": published().filter(article=article)}
    return render(request, "summits/list.html", ctx)


def statement(request: HttpRequest, public_id: str) -> HttpResponse:
    statement = get_object_or_404(published(), public_id=public_id)
    return render(request, "summits/list.html", {"title": "Statement", "statements": [statement]})
