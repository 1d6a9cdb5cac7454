"""The "Editors" group: exactly the permissions to manage summit coverage, nothing on auth."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
MANAGED = ["summit", "participant", "attendance", "issue", "article", "statement", "statementissue"]
HISTORICAL = ["historicalsummit", "historicalparticipant", "historicalattendance",
              "historicalissue", "historicalarticle", "historicalstatement"]


def codenames() -> list[str]:
    return [f"{action}_{model}" for model in MANAGED for action in ("add", "change", "delete", "view")] + [
        f"view_{model}" for model in HISTORICAL
    ]


def create_summits_permissions(apps):
    # On a fresh database Django creates permissions only after the last migration, so
    # create them now. The migration state's app config has no models module, which
    # create_permissions takes to mean "no models": lend it one for the call.
    app_config = apps.get_app_config("summits")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module


def create_editors(apps, schema_editor):
    create_summits_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = Permission.objects.filter(content_type__app_label="summits", codename__in=codenames())
    missing = set(codenames()) - set(wanted.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"permissions not found: {sorted(missing)}")
    group.permissions.set(wanted)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("summits", "0002_statement_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
