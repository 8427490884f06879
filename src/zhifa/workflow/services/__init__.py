"""Services of the process engine: every write goes through one of these functions."""

from .actions import (
    add_sign,
    approve,
    cancel_instance,
    copy_to,
    delegate,
    reject,
    remove_sign,
    resolve,
    return_to,
    start_instance,
    transfer,
    urge,
    withdraw,
)
from .definitions import import_model, publish_version
from .deputies import deputy_set

__all__ = [
    "add_sign", "approve", "cancel_instance", "copy_to", "delegate", "deputy_set", "import_model", "publish_version", "reject",
    "remove_sign", "resolve", "return_to", "start_instance", "transfer", "urge", "withdraw",
]
