"""
Insert many rows at once without a model instance or an INSERT statement per row: COPY on
PostgreSQL, one prepared statement run over every row on SQLite. For rows that are valid as
they stand and whose primary keys nobody needs back (theme links, fact wordings, the search
index); bulk_create() is the way when the keys are needed, as it returns them.
"""

from django.db import connection


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
