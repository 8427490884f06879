"""Legal guards attached to stage codes in code, run before a step completes whatever the model says.

A service registers a guard for a stage::

    @guards.register(Stage.DECISION)
    def notified_first(instance, item):
        if not guards.stage_done(instance, Stage.NOTIFICATION):
            return guards.Refusal("作出处罚决定前必须先告知当事人", CF_44)

A guard returns ``None`` to let the step complete, or a ``Refusal`` naming the article; the engine
then raises ``GuardRefused`` inside the step's transaction, so nothing changes.

A service that must record something when a step of a stage has completed (the case number on
立案, the decision date on 决定) registers a hook with ``after(stage)``; hooks run in the same
transaction, right after the step completed, whichever entry point completed it. ``on_reject(stage)``
does the same when a step of the stage is rejected (驳回/不同意 ends the instance: 不予立案).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from zhifa.legal.basis import Citation



@dataclass(frozen=True)
class Refusal:
    """Why a step may not complete, and the article that says so."""

    message: str
    citation: Citation | None = None

    def text(self) -> str:
        if self.citation is None:
            return self.message
        return f"{self.message}（依据：{self.citation.law}{self.citation.article}：{self.citation.text}）"


class GuardRefused(ValidationError):
    """Raised by the engine when a guard refuses; carries the refusals for the page and the API."""

    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__([r.text() for r in refusals], code="guard_refused")


Guard = Callable[..., Refusal | None]
_guards: dict[str, list[Guard]] = defaultdict(list)


def register(stage: str) -> Callable[[Guard], Guard]:
    """Decorator: run ``guard(instance, item)`` before any step of ``stage`` completes."""

    def decorator(guard: Guard) -> Guard:
        if guard not in _guards[stage]:
            _guards[stage].append(guard)
        return guard

    return decorator


_hooks: dict[str, list[Callable]] = defaultdict(list)


def after(stage: str) -> Callable[[Callable], Callable]:
    """Decorator: run ``hook(instance, item)`` after a step of ``stage`` has completed."""

    def decorator(hook: Callable) -> Callable:
        if hook not in _hooks[stage]:
            _hooks[stage].append(hook)
        return hook

    return decorator


def completed(stage: str, instance, item) -> None:
    """Run the hooks of ``stage`` (called by the engine once a step of that stage has completed)."""
    for hook in _hooks.get(stage, []):
        hook(instance, item)


_rejection_hooks: dict[str, list[Callable]] = defaultdict(list)


def on_reject(stage: str) -> Callable[[Callable], Callable]:
    """Decorator: run ``hook(instance, item, reason)`` when a step of ``stage`` is rejected (驳回/不同意)."""

    def decorator(hook: Callable) -> Callable:
        if hook not in _rejection_hooks[stage]:
            _rejection_hooks[stage].append(hook)
        return hook

    return decorator


def rejected(stage: str, instance, item, reason: str) -> None:
    """Run the rejection hooks of ``stage`` (called by the engine in the 驳回 transaction)."""
    for hook in _rejection_hooks.get(stage, []):
        hook(instance, item, reason)


def unregister(stage: str, guard: Guard) -> None:
    """Remove a guard (used by tests that register their own)."""
    if guard in _guards.get(stage, []):
        _guards[stage].remove(guard)


def check(stage: str, instance, item) -> None:
    """Run every guard of ``stage``; raise ``GuardRefused`` listing all refusals."""
    refusals = [r for guard in _guards.get(stage, []) if (r := guard(instance, item)) is not None]
    if refusals:
        raise GuardRefused(refusals)


def stage_done(instance, stage: str) -> bool:
    """Whether a step of ``stage`` is completed in the instance's current path.

    Read from the workflow itself, so a step undone by 退回 or 撤回 no longer counts.
    """
    from SpiffWorkflow.util.task import TaskState

    from .services.engine import workflow_of

    steps = instance.version.spec.get("steps", {})
    return any(
        steps.get(task.task_spec.name, {}).get("stage") == stage
        for task in workflow_of(instance).get_tasks(state=TaskState.COMPLETED)
    )
