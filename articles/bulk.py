"""
Insert many rows at once without a model instance or an INSERT statement per row: COPY on
PostgreSQL, one prepared statement run over every row on SQLite. For content that is valid as
it stands (generate_demo's, the search index): rows whose keys nobody needs back (theme links,
fact wordings, index entries) with insert_rows(), objects that need theirs with insert_objects().
"""

from django.db import connection, transaction


def insert_rows(model, fields, rows):
    """
    Insert `rows` into `model`'s table: tuples of values the database takes as they are (numbers,
    text, None), in the order of `fields`, attnames of `model`.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command: no statement to parse, plan and answer per row.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", rows)


def inserted_keys(count):
    """
    On SQLite, the keys of the last `count` rows inserted, in one transaction that holds the write
    lock: SQLite has one writer at a time, so they took the consecutive keys ending at the last one.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


@transaction.atomic
def insert_objects(objects):
    """
    Insert `objects`, new instances of one model whose field values the database takes as they
    are (numbers, text, dates, decimals; no JSON), and give each its primary key, as bulk_create()
    does, without compiling the SQL of every value. Foreign keys to objects saved since they were
    assigned take those objects' keys.
    """
    if not objects:
        return
    model = type(objects[0])
    pk = model._meta.pk
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    related = [field for field in fields if field.is_relation]
    for obj in objects:
        for field in related:
            target = field.get_cached_value(obj, None)
            if getattr(obj, field.attname) is None and target is not None:
                setattr(obj, field.attname, target.pk)
    names = [field.attname for field in fields]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(objects)],
            )
            keys = [key for (key,) in cursor.fetchall()]
        rows = [(key, *(getattr(obj, name) for name in names)) for key, obj in zip(keys, objects, strict=True)]
        insert_rows(model, [pk.attname, *names], rows)
    else:
        insert_rows(model, names, [tuple(getattr(obj, name) for name in names) for obj in objects])
        keys = inserted_keys(len(objects))
    for key, obj in zip(keys, objects, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding, obj._state.db = False, connection.alias
