from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "summits.alerts"
    label = "alerts"
    verbose_name = "Email alerts"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from summits.alerts.signals import statement_saved
        from summits.models import Statement

        post_save.connect(statement_saved, sender=Statement, dispatch_uid="alerts-statement")
