from django.apps import AppConfig


class SummitsConfig(AppConfig):
    name = "summits"
    verbose_name = "Summit coverage"

    def ready(self) -> None:
        from summits import revision
        from summits.compiled import register_id_arrays

        revision.connect_signals()
        register_id_arrays()
