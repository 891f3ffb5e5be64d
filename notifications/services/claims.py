"""The send path's two statements, compiled once per process instead of once per message.

A reminder run is thousands of tiny transactions: lock one delivery (with its recipient, answer
and event), send, mark it sent. Building these two queries through the ORM cost more than the
database and the SMTP exchange together, so they are written here as SQL, generated from the
models' own metadata (a new column needs no change here), and the rows are turned into model
instances with `Model.from_db` and each field's converters, as the ORM itself does.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Model
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from events.models import Event, Rsvp
from members.models import User
from notifications.enums import DeliveryStatus
from notifications.models import Delivery


@dataclass(frozen=True)
class _Part:
    model: type[Model]
    start: int
    names: list[str]
    converters: list[tuple]  # per column: (converters, expression)


# Which relation of Delivery each joined table fills, in the order of the SELECT list.
_JOINED = (("recipient", User), ("rsvp", Rsvp), ("event", Event))
# Columns no message needs for each copy: long texts (an event's descriptions run to pages, in
# three languages) and secrets the mail worker has no business reading. They stay deferred and
# load on access, as with the ORM's defer(), should a template ever ask for one.
NOT_LOADED = {
    Event: {"description", "description_ar", "description_fa", "description_en"},
    User: {"password", "bio"},
    Rsvp: {"guest_token", "accessibility_needs"},
}


@cache
def _lock_statement() -> tuple[str, list[_Part]]:
    quote = connection.ops.quote_name
    columns: list[str] = []
    parts: list[_Part] = []
    tables = [("d", Delivery)] + [(f"j{n}", model) for n, (_, model) in enumerate(_JOINED)]
    for alias, model in tables:
        skipped = NOT_LOADED.get(model, set())
        fields = [field for field in model._meta.concrete_fields if field.attname not in skipped]
        converters = []
        for field in fields:
            expression = field.get_col(alias)
            found = connection.ops.get_db_converters(expression)
            found += expression.get_db_converters(connection)
            converters.append((tuple(found), expression))
        parts.append(_Part(model, len(columns), [f.attname for f in fields], converters))
        columns += [f"{alias}.{quote(field.column)}" for field in fields]
    joins = " ".join(
        f"LEFT JOIN {quote(model._meta.db_table)} j{n} "
        f"ON j{n}.{quote(model._meta.pk.column)} = "
        f"d.{quote(Delivery._meta.get_field(name).column)}"
        for n, (name, model) in enumerate(_JOINED)
    )
    # Only names from the models' metadata, quoted, go into the text; the id is a parameter.
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Delivery._meta.db_table)} d {joins} "  # noqa: S608  # nosec
        f"WHERE d.{quote(Delivery._meta.pk.column)} = %s"
    )
    features = connection.features
    if features.has_select_for_update_skip_locked and features.has_select_for_update_of:
        sql += " FOR UPDATE OF d SKIP LOCKED"
    # Else SQLite, the first-run database: it has no row locks and lets one writer in at a time,
    # as the ORM's select_for_update() does there.
    return sql, parts


def _instance(part: _Part, row: tuple) -> Model | None:
    values = list(row[part.start : part.start + len(part.names)])
    if values[part.names.index(part.model._meta.pk.attname)] is None:
        # The LEFT JOIN found no row: the relation is empty.
        return None
    for index, (converters, expression) in enumerate(part.converters):
        for convert in converters:
            values[index] = convert(values[index], expression, connection)
    return part.model.from_db(connection.alias, part.names, values)


def delivery_locked(delivery_id: int) -> Delivery | None:
    """The delivery with its recipient, answer and event, locked until the transaction ends;
    None when it is gone or another worker holds it (SKIP LOCKED). Call inside atomic()."""
    if connection.get_autocommit():
        raise TransactionManagementError("delivery_locked() needs a transaction (atomic).")
    sql, parts = _lock_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [delivery_id])
        row = cursor.fetchone()
    if row is None:
        return None
    delivery, *related = (_instance(part, row) for part in parts)
    for (name, _), instance in zip(_JOINED, related, strict=True):
        setattr(delivery, name, instance)
    if delivery.rsvp is not None and delivery.rsvp.event_id == delivery.event_id:
        delivery.rsvp.event = delivery.event  # the same row: no second query for it
    return delivery


@cache
def _sent_statement() -> str:
    quote = connection.ops.quote_name
    column = {field.name: quote(field.column) for field in Delivery._meta.concrete_fields}
    # Only names from the model's metadata, quoted, go into the text; values are parameters.
    return (
        f"UPDATE {quote(Delivery._meta.db_table)} SET {column['status']} = %s, "  # noqa: S608  # nosec
        f"{column['sent_at']} = %s, {column['subject']} = %s, "
        f"{column['attempts']} = {column['attempts']} + 1, {column['last_error']} = '', "
        f"{column['retry_at']} = NULL WHERE {column['id']} = %s"
    )


def delivery_mark_sent(delivery: Delivery, *, subject: str) -> None:
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = timezone.now()
    delivery.subject = subject[: Delivery._meta.get_field("subject").max_length]
    delivery.attempts += 1
    delivery.last_error = ""
    delivery.retry_at = None
    with connection.cursor() as cursor:
        cursor.execute(
            _sent_statement(), [delivery.status, delivery.sent_at, delivery.subject, delivery.pk]
        )
