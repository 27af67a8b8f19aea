"""The one kind of error a person can fix: a setting, a file, a folder, a locked run.

Every layer raises a subclass of :class:`UserError` for problems of the user's input; its
message names what was received and says what to do. The app shows the message without a
traceback, the CLI prints it and exits with status 2, and a run that fails with one records
``TrainingFailed(user_error=True)``. Anything else is a bug or a failure of the machine
(exit status 1, traceback in the details).
"""

from __future__ import annotations

__all__ = [
    "CheckpointError",
    "MissingFolderError",
    "NotAFolderError",
    "NotARunFolderError",
    "RunLockedError",
    "UserError",
    "is_user_error",
]


class UserError(Exception):
    """A problem of the user's input; the message says what was received and what to do."""

    exit_code = 2


class CheckpointError(UserError, RuntimeError):
    """A checkpoint cannot be used; the message names it and the previous good one."""


class RunLockedError(UserError, RuntimeError):
    """Another process is training the run; the message names the process."""


class NotARunFolderError(UserError, FileNotFoundError):
    """A folder given as a run is not one (it has no config.json)."""


class MissingFolderError(UserError, FileNotFoundError):
    """A folder that was asked for does not exist."""


class NotAFolderError(UserError, NotADirectoryError):
    """A file was given where a folder is needed."""


def is_user_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or the error it wraps) is a :class:`UserError`."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, UserError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__
    return False
