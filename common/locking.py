"""Row locks: the one way a service takes the row it is about to decide on."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def locked(model: type[M], pk) -> M:
    """The row as stored now, locked until the transaction ends (SELECT ... FOR UPDATE): a second
    transaction that wants it waits, then reads what the first one wrote. Call inside a transaction."""
    return model._default_manager.select_for_update().get(pk=pk)
