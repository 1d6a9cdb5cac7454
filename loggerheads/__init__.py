"""The Loggerheads project: settings, URLs and the WSGI/ASGI entry points."""

import django_stubs_ext

# django-stubs types ModelAdmin, ModelForm, BaseFormSet, Paginator and others as generics, but
# Django itself cannot subscript them, so `class SummitAdmin(admin.ModelAdmin[Summit])` would
# fail on import. This adds the missing __class_getitem__. It sits here, not in settings.py,
# because every entry point (manage.py, wsgi, asgi, pytest) imports this package first.
django_stubs_ext.monkeypatch()
