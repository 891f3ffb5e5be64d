from typing import Any

from django.db import models


def apply_fields(instance: models.Model, fields: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields on `instance`; return the many-to-many values for after the save."""
    many_to_many = {}
    m2m_names = {field.name for field in instance._meta.many_to_many}
    for name, value in fields.items():
        if name in m2m_names:
            many_to_many[name] = value
        else:
            setattr(instance, name, value)
    return many_to_many


def set_many_to_many(instance: models.Model, values: dict[str, Any]) -> None:
    for name, value in values.items():
        getattr(instance, name).set(value)
