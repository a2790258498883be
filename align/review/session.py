"""One review of one output folder: the run, the decision log, and saving after each decision.

The only mutable object of the review. It holds the log of actions (values) and the
state they give; each decision is applied with the pure core (:mod:`align.review.state`,
:mod:`align.review.log`), then the log is saved before the call returns, so what the
page shows is always what is on disk.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from align.errors import AlignError, DataError
from align.review import log
from align.review import state as st
from align.review.profile import sync as profile_sync
from align.review.source import RunData, load_run
from align.review.state import Review, initial_review
from align.review.store import REVIEW_FILE, read_review, review_document, write_json_atomic
from align.review.view import Page
from align.settings import PROFILE_NAME


class Session:
    """The review of ``directory``; thread-safe (the server may call it from worker threads)."""

    def __init__(self, directory: str | Path, run: RunData | None = None, profile: str | Path | None = None) -> None:
        self.directory = Path(directory).resolve()
        self.run = run if run is not None else load_run(self.directory)
        self.texts = log.Texts(self.run.source, self.run.target)
        self.path = self.directory / REVIEW_FILE
        self.profile = Path(profile) if profile is not None else self.directory / PROFILE_NAME
        self.profile_added: set[tuple[str, str]] = set()
        self.profile_error = ""
        self._lock = threading.Lock()
        self.version = 0
        self._initial = initial_review(self.run)  # the run's state, the start of every replay (undo)
        if self.path.is_file():
            entries, stale, self.profile_added = read_review(self.path)
            replayed = log.replay(self.run, entries, stale, self._initial)
        else:
            replayed = log.Replayed(self._initial, (), {}, (), ())
        self._set(replayed.review, list(replayed.actions), list(replayed.stale))
        if self.rules or self.profile_added or self.intentional_passages():
            self._sync_profile()  # a crash between review.json and the profile is caught up here

    def _set(self, review: Review, actions: list[log.Action], stale: list[tuple[dict[str, Any], str]]) -> None:
        self.review, self.actions, self.stale = review, actions, stale
        self.verdicts = log.fold_verdicts(actions)
        self.rules = tuple(a for a in actions if isinstance(a, log.Rule))
        self.version += 1
        self._page: Page | None = None

    def page(self) -> Page:
        """The view of the current state (built once per decision, shared by requests)."""
        with self._lock:
            if self._page is None:
                self._page = Page.of(self.run, self.review, self.verdicts, self.rules)
            return self._page

    def intentional_passages(self) -> list[str]:
        """Target sentences marked as left in the source language on purpose (the profile's
        ``intentional_english``, so the next run does not flag them as untranslated)."""
        return [self.run.target[r.tgt[0]] for r in self.review.rows
                if r.intentional and r.tgt and r.reason.startswith("untranslated")]

    def save(self) -> None:
        decisions = [log.dump_action(a, self.texts) for a in self.actions]
        write_json_atomic(self.path, review_document(self.run, decisions, self.stale, str(self.profile),
                                                     sorted(self.profile_added)))

    def _sync_profile(self) -> None:
        """Bring the project profile's rules in line with the log (after review.json is saved)."""
        try:
            added = profile_sync(self.profile, self.rules, self.profile_added, self.intentional_passages())
        except (AlignError, OSError) as exc:
            self.profile_error = exc.one_line() if isinstance(exc, AlignError) else f"{self.profile}: {exc}"
            return
        self.profile_error = ""
        if added != self.profile_added:
            self.profile_added = added
            self.save()

    def do(self, entry: Any) -> log.Action:
        """Apply one decision given as JSON (as the page sends it, sentences by text) and save."""
        with self._lock:
            action = log.load_action(entry, self.texts)
            review = log.step(self.review, action)
            self._set(review, [*self.actions, action], self.stale)
            self.save()
            if isinstance(action, log.Rule | st.MarkIntentional):
                self._sync_profile()
            return action

    def do_action(self, action: log.Action) -> None:
        """Apply one decision given as a value (tests, scripts) and save."""
        self.do(log.dump_action(action, self.texts))

    def undo(self) -> log.Action:
        """Drop the last decision (replaying the others from the run) and save."""
        with self._lock:
            if not self.actions:
                raise DataError("nothing to undo")
            last, kept = self.actions[-1], self.actions[:-1]
            review = self._initial
            for action in kept:
                review = log.step(review, action)
            self._set(review, kept, self.stale)
            self.save()
            if isinstance(last, log.Rule | st.MarkIntentional):
                self._sync_profile()
            return last
