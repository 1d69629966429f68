"""Declaring a workflow: states (TextChoices) and the table of allowed transitions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models


class TransitionNotAllowed(ValidationError):
    """The transition does not exist or is not allowed from the object's current state."""


@dataclass(frozen=True)
class Transition:
    """One allowed move: `name` (unique in its workflow) from any of `source` to `target`, for users
    whom `lontar.core.permissions.authorize(user, permission, obj)` allows.

    `label` is the button text (Indonesian, lazily translated). `deadline_working_days` sets the
    object's `due_date` to that many working days after today in the office's calendar: a number, or
    a function of the object giving a number or None (for deadlines kept as data, such as a service's
    jangka waktu in the catalogue). Without it the current due date is kept, except that entering a
    final state clears it.
    """

    name: str
    source: str | Iterable[str]
    target: str
    permission: str
    label: str = ""
    deadline_working_days: int | Callable[[object], int | None] | None = None
    sources: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        sources = [self.source] if isinstance(self.source, str) else list(self.source)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))

    def allowed_from(self, state: str) -> bool:
        return state in self.sources

    def working_days_for(self, obj) -> int | None:
        days = self.deadline_working_days
        return days(obj) if callable(days) else days


class Workflow:
    """Subclass and set `states`, `initial`, `transitions` and optionally `final_states`."""

    states: type[models.TextChoices]
    initial: str
    transitions: list[Transition] = []
    final_states: set[str] = set()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        valid = set(cls.states.values)
        names = [t.name for t in cls.transitions]
        if len(names) != len(set(names)):
            raise ImproperlyConfigured(f"{cls.__name__}: transition names must be unique")
        if cls.initial not in valid or not set(cls.final_states) <= valid:
            raise ImproperlyConfigured(f"{cls.__name__}: initial/final states must be among its states")
        for t in cls.transitions:
            if not t.sources <= valid or t.target not in valid:
                raise ImproperlyConfigured(f"{cls.__name__}.{t.name}: unknown source or target state")
        cls._by_name = {t.name: t for t in cls.transitions}

    @classmethod
    def get(cls, name: str) -> Transition | None:
        return cls._by_name.get(name)

    @classmethod
    def from_state(cls, state: str) -> list[Transition]:
        return [t for t in cls.transitions if t.allowed_from(state)]

    @classmethod
    def label_of(cls, state: str) -> str:
        return str(dict(cls.states.choices).get(state, state))
