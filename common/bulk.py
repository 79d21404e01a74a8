"""Writing many new rows at once, as fast as the database allows.

On PostgreSQL the rows go in with COPY, which skips building and parsing one large INSERT: for a
campaign of 10,000 invitations that is most of the organizer's wait. Their primary keys are taken
from the table's sequence first, so the objects come back with them, as bulk_create() returns
them. Elsewhere (SQLite) this is bulk_create().
"""

from django.db import connections, models, router

# Fields whose attribute already is the value to write: no conversion needed on the way to COPY.
PLAIN_FIELDS = {
    models.BigAutoField, models.AutoField, models.CharField, models.TextField, models.EmailField,
    models.BooleanField, models.IntegerField, models.BigIntegerField, models.PositiveIntegerField,
    models.PositiveBigIntegerField, models.PositiveSmallIntegerField, models.SmallIntegerField,
    models.UUIDField, models.ForeignKey,
}  # fmt: skip


def _value_getters(fields, connection) -> list:
    """For each field, how to get its value for COPY: the attribute itself where that is the value
    (the common case, and the fast one), else Django's own preparation."""
    getters = []
    for field in fields:
        if type(field) in PLAIN_FIELDS:
            getters.append(lambda instance, attname=field.attname: getattr(instance, attname))
        else:
            getters.append(
                lambda instance, field=field: field.get_db_prep_save(
                    field.pre_save(instance, True), connection
                )
            )
    return getters


def insert_all(model, objects: list, *, batch_size: int = 1000) -> list:
    """Save new instances of `model` (no signals, like bulk_create) and return them with their keys."""
    if not objects:
        return objects
    database = router.db_for_write(model)
    connection = connections[database]
    if connection.vendor != "postgresql":
        return model.objects.using(database).bulk_create(objects, batch_size=batch_size)
    meta = model._meta
    quote = connection.ops.quote_name
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for instance, (key,) in zip(objects, cursor.fetchall(), strict=True):
            instance.pk = key
        columns = ", ".join(quote(field.column) for field in fields)
        getters = _value_getters(fields, connection)
        # Errors of the raw cursor come out as Django's (IntegrityError and so on), as bulk_create()'s do.
        statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for instance in objects:
                copy.write_row([get(instance) for get in getters])
    for instance in objects:
        instance._state.adding = False
        instance._state.db = database
    return objects
