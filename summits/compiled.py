"""Reader queries compiled to SQL once per process, then run with each request's values.

Building a queryset (filter() and annotate() resolving names to joins and expressions) and
compiling it cost a cold page more than PostgreSQL takes to run it: at 100k statements about
4 of the 6 ms a fragment's statement list took, for SQL whose text depends only on the
query's shape (which filters are used, how many values each has), never on the values.

`compiled(shape, build, values)` calls `build` once per shape with stand-ins for the values,
keeps the SQL the ORM compiles for it and which parameter each stand-in became, and from
then on binds the request's values in their place. The queryset is still the one `build`
defines, so every rule stays on the querysets (published(), for_display(), ...): rows become
model instances exactly as the ORM makes them (select_related, annotations), and
prefetch_related runs as usual.
"""

import copy
import datetime
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

# A value bound to a compiled query: an id or number, a string (a slug, a search), a day, or
# an array of ids (one `= ANY(%s)` parameter however long).
Bindable = int | str | datetime.date | list[int]

# Stand-ins are values no query holds as a constant: numbers near the top of a 32-bit
# integer column's range (inside it: Django replaces an out-of-range comparison rather than
# send it), strings with control characters, days in year 1. Each stand-in is distinct, so
# each parameter is traced to one value.
STAND_IN_NUMBER = 2_000_000_000
MARK = "\x1fstand-in\x1f"


class IdArray(array[int]):
    """Ids bound as one bigint[] parameter (filters.among()), sent as the text of the array.

    As a list, Django's ArrayField converted each id through BigIntegerField and wrapped it
    for psycopg, which then dumped the list id by id: some 3 us an id, and a search binds
    thousands (the words' side ids, the ids found). An IdArray is not a list, so Django
    passes it on as it is, and IdArrayDumper writes it in one join ('{1,2,3}'), typed
    bigint[] as before."""

    def __new__(cls, ids: Iterable[int]) -> "IdArray":
        return cast(IdArray, super().__new__(cls, "q", ids))


def register_id_arrays() -> None:
    """Teach psycopg to send an IdArray (called once, before any connection is made)."""
    try:
        # PostgreSQL only: psycopg need not be installed elsewhere.
        import psycopg
        from psycopg.adapt import Dumper
    except ImportError:
        return

    class IdArrayDumper(Dumper):
        oid = psycopg.postgres.types["int8"].array_oid

        def dump(self, obj: IdArray) -> bytes:
            return ("{" + ",".join(map(str, obj)) + "}").encode()

    psycopg.adapters.register_dumper(IdArray, IdArrayDumper)


def stand_in(index: int, value: Bindable) -> Bindable:
    if isinstance(value, bool):
        raise TypeError("a flag changes the SQL: make it part of the shape, not a value")
    if isinstance(value, int):
        return STAND_IN_NUMBER + index
    if isinstance(value, str):
        return f"{MARK}{index}{MARK}"
    if isinstance(value, datetime.datetime):
        raise TypeError("datetimes are not bound by compiled queries")
    if isinstance(value, datetime.date):
        return datetime.date(1, 1, 1) + datetime.timedelta(days=index)
    return [STAND_IN_NUMBER + index]


@dataclass(frozen=True)
class Compiled[R]:
    """One shape's query: the queryset built with stand-ins and the SQL compiled from it."""

    queryset: QuerySet[Any, R]  # R: a model instance, or a dict for a values() query
    compiler: SQLCompiler  # after as_sql(): its select, klass_info and converters are set
    sql: str
    params: tuple[Any, ...]
    # Per parameter, the index of the value it takes, or None for a constant of the query.
    slots: tuple[int | None, ...]
    # Per parameter, how the ORM adapted its value for the database (psycopg's Int4 for a
    # 32-bit column, an ISO string for a day on SQLite), or None: a bound value is sent as
    # the ORM would send it.
    adapters: tuple[Callable[[Any], Any] | None, ...]
    # The same query without its ORDER BY, for count(), when it has one.
    counting: "Compiled[R] | None" = None

    def bind(self, values: Sequence[Bindable]) -> list[Any]:
        bound = []
        for param, slot, adapt in zip(self.params, self.slots, self.adapters, strict=True):
            if slot is None:
                bound.append(param)
            else:
                bound.append(values[slot] if adapt is None else adapt(values[slot]))
        return bound

    def rows(
        self, values: Sequence[Bindable], *, limit: int | None = None, offset: int = 0
    ) -> list[R]:
        """The rows of the compiled SQL with `values` bound: all, or `limit` from `offset`."""
        sql, params = self.sql, tuple(self.bind(values))
        if limit is not None:
            sql, params = f"{sql} LIMIT %s OFFSET %s", (*params, limit, offset)
        queryset = self.queryset.all()
        compiler = copy.copy(self.compiler)
        # The compiler built for the stand-ins reads the rows: the same columns in the same
        # places. Only its SQL and its connection (this thread's) are the request's.
        compiler.connection = connections[queryset.db]
        compiler.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        return list(queryset)

    def count(self, values: Sequence[Bindable]) -> int:
        """How many rows the query has with `values` bound (its order dropped)."""
        counting = self.counting or self
        sql = f"SELECT COUNT(*) FROM ({counting.sql}) AS counted"
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, counting.bind(values))
            row = cursor.fetchone()
        return int(row[0])


class BoundQuery[R]:
    """A compiled query with a request's values bound. Sliced (as the paginator does), it
    reads that window of rows only; counted, it runs a COUNT of the same query."""

    def __init__(self, query: Compiled[R], values: Sequence[Bindable]) -> None:
        self.query = query
        self.values = values

    def __getitem__(self, window: slice) -> list[R]:
        start, stop = window.start or 0, window.stop
        if stop is None or window.step is not None:
            raise TypeError("a bound query reads a window with a start and a stop")
        if stop <= start:
            return []  # as a QuerySet's empty slice, without a query
        return self.query.rows(self.values, limit=stop - start, offset=start)

    def count(self) -> int:
        return self.query.count(self.values)

    def __len__(self) -> int:
        return self.count()


# Shapes come from the code's branches and the number of values a filter has (bounded by
# the form), so a process sees few; the bound only stops crafted queries from growing it.
MAX_SHAPES = 1000
_compiled: dict[Hashable, Compiled[Any]] = {}


def compiled[R](
    shape: Hashable,
    build: Callable[..., QuerySet[Any, R]],
    values: Sequence[Bindable],
    using: str = DEFAULT_DB_ALIAS,
) -> Compiled[R]:
    """The query `build(*values)` defines, compiled once for `shape`.

    `shape` must name everything that changes the SQL's text besides the values: two calls
    with one shape and different values must build the same query but for those values.
    """
    key = (using, shape, len(values))
    found = _compiled.get(key)
    if found is not None:
        return cast(Compiled[R], found)
    stand_ins = [stand_in(index, value) for index, value in enumerate(values)]
    queryset = build(*stand_ins).using(using)
    found = compile_with(queryset, stand_ins, shape)
    if queryset.ordered:
        counting = compile_with(queryset.order_by(), stand_ins, shape)
        found = replace(found, counting=counting)
    if len(_compiled) >= MAX_SHAPES:
        _compiled.clear()
    _compiled[key] = found
    return found


def compile_with[R](
    queryset: QuerySet[Any, R], stand_ins: list[Bindable], shape: Hashable
) -> Compiled[R]:
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    ops = compiler.connection.ops
    traced = [trace(param, stand_ins, ops.adapt_datefield_value) for param in params]
    slots = tuple(slot for slot, _ in traced)
    missing = set(range(len(stand_ins))) - set(slots)
    if missing:
        # Inlined into the text, transformed (a LIKE pattern) or dropped: the SQL could not
        # be run for other values.
        raise ValueError(f"{shape!r}: values {sorted(missing)} are not parameters of its SQL")
    # A value used as it is in one place and transformed in another would be bound in the
    # first and kept as a constant in the second: refused too, where it shows (a string).
    constants = [str(param) for param, slot in zip(params, slots, strict=True) if slot is None]
    if any(MARK in text for text in [sql, *constants]):
        raise ValueError(f"{shape!r}: a value is in its SQL other than as a parameter")
    adapters = tuple(adapt for _, adapt in traced)
    return Compiled(queryset, compiler, sql, tuple(params), slots, adapters)


def trace(
    param: Any, stand_ins: list[Bindable], adapt_day: Callable[[Any], Any]
) -> tuple[int | None, Callable[[Any], Any] | None]:
    """Which stand-in a parameter is, and how the ORM adapted it; (None, None): a constant."""
    for index, value in enumerate(stand_ins):
        if isinstance(param, IdArray) and isinstance(value, list) and list(param) == value:
            return index, IdArray
        # isinstance: the ORM may wrap a value in a subclass (Int4 is an int).
        if isinstance(param, type(value)) and param == value:
            return index, None if type(param) is type(value) else type(param)
        if isinstance(value, datetime.date) and param == adapt_day(value):
            return index, adapt_day
    return None, None
