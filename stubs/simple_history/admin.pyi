# django-simple-history ships no types; these stubs cover only the names Loggerheads imports.
from django.contrib import admin
from django.db.models import Model

class SimpleHistoryAdmin[M: Model](admin.ModelAdmin[M]): ...
