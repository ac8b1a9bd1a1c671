"""Pause / single step / resume / stop of a run, driven from the request thread while the run's own
thread trains: the engine's trainer and the probe of a person's script share these rules.

The run's thread calls ``gate()`` between steps: it blocks while the run is paused (a single step
lets exactly one more step through) and returns False once a stop was asked for. Every change of
state is reported through ``emit`` as a ``state`` event carrying the current step.
"""
from __future__ import annotations

import threading
from typing import Callable, Dict, Optional

from .protocol import state_event

Emit = Callable[[Dict[str, object]], None]


class RunControls:
    def __init__(self, emit: Emit, step: Callable[[], int]) -> None:
        self.emit = emit
        self.step = step
        self.state = "starting"
        self.cond = threading.Condition()
        self._paused = False
        self._steps_allowed = 0
        self._stop = False

    def set_state(self, state: str, reason: Optional[Dict[str, str]] = None) -> None:
        self.state = state
        self.emit(state_event(state, self.step(), reason))

    def pause(self) -> None:
        with self.cond:
            if self.state != "running":
                return
            self._paused = True
            self.set_state("paused")

    def resume(self) -> None:
        with self.cond:
            if not self._paused:
                return
            self._paused = False
            self.set_state("running")
            self.cond.notify_all()

    def single_step(self) -> None:
        with self.cond:
            if not self._paused:
                if self.state == "running":
                    self._paused = True
                    self.set_state("paused")
            self._steps_allowed += 1
            self.cond.notify_all()

    def stop(self) -> None:
        with self.cond:
            self._stop = True
            if self.state in ("running", "paused", "starting"):
                self.set_state("stopping")
            self.cond.notify_all()

    def gate(self) -> bool:
        """Between two steps: waits while paused; False when the run must stop."""
        with self.cond:
            while self._paused and self._steps_allowed == 0 and not self._stop:
                self.cond.wait()
            if self._stop:
                return False
            if self._paused:
                self._steps_allowed -= 1
            return True

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stop_requested(self) -> bool:
        return self._stop
