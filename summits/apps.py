from django.apps import AppConfig


class SummitsConfig(AppConfig):
    name = "summits"
    verbose_name = "Summit coverage"

    def ready(self) -> None:
        from summits import revision

        revision.connect_signals()
