"""Row locks: the one way a service takes the row it is about to decide on."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def locked(model: type[M], pk, *, with_related: tuple[str, ...] = ()) -> M:
    """The row as stored now, locked until the transaction ends: a second transaction that wants it
    waits, then reads what the first one wrote. Call inside a transaction.

    The lock is PostgreSQL's FOR NO KEY UPDATE, the one an UPDATE takes: lockers wait for each other
    as with FOR UPDATE, but a transaction that only inserts rows referring to this one (a campaign's
    thousands of invitations and mails, each with the conference's key) takes a key-share lock on it
    that FOR UPDATE would wait for, and this does not.

    `with_related` reads those foreign keys' rows in the same query, without locking them."""
    rows = model._default_manager.select_for_update(no_key=True, of=("self",) if with_related else ())
    return rows.select_related(*with_related).get(pk=pk)


def lock_and_reread(instance: M, *fields: str) -> M:
    """Lock the instance's row as locked() does and read these fields again from it, the others left as
    they were read before: for a decision under the lock that needs a few columns of a wide row (a
    conference has about ninety, its texts in every language), so that the lock is held for less."""
    rows = type(instance)._default_manager.select_for_update(no_key=True)
    instance.refresh_from_db(fields=fields, from_queryset=rows)
    return instance
