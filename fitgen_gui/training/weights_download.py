"""Downloading the ImageNet weights of the backbones FitGen offers, safely.

Each file comes from the address Keras Applications downloads it from (or a mirror: the
``FITGEN_WEIGHTS_MIRROR`` environment variable or the app's setting, a base URL under which
the same file names are served), is checked against the hash Keras publishes for it (MD5 for
these files, SHA-256 where Keras gives one; the algorithm follows the hash's length, as
Keras's ``get_file`` does), and only then renamed into Keras's model cache. An interrupted
or corrupt download leaves nothing there (the partial file is removed), so a retry starts
clean; a file that is already in place is not fetched again.

Pure Python (urllib, hashlib): the app lists and downloads before TensorFlow has loaded.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from fitgen_gui.core.atomic_files import atomic_target
from fitgen_gui.core.errors import UserError
from fitgen_gui.training.weights_files import WEIGHTS, keras_cache_dir

__all__ = ["MIRROR_VARIABLE", "DownloadError", "WeightsFile", "download_weights",
           "weights_status"]

MIRROR_VARIABLE = "FITGEN_WEIGHTS_MIRROR"
_CHUNK = 1 << 16


class DownloadError(UserError):
    """A download failed; nothing was written into the cache."""


@dataclass(frozen=True)
class WeightsFile:
    """One backbone's ImageNet weights: where they come from and whether they are here."""

    architecture: str
    file_name: str
    url: str
    file_hash: str
    approx_mb: float
    path: str
    present: bool

    @property
    def size_text(self) -> str:
        return f"about {self.approx_mb:.0f} MB" if self.approx_mb >= 1 else "under 1 MB"


def _base_url(default: str, mirror: str | None) -> str:
    mirror = mirror if mirror is not None else os.environ.get(MIRROR_VARIABLE, "")
    if mirror:
        return mirror if mirror.endswith("/") else mirror + "/"
    return default


def weights_status(mirror: str | None = None) -> list[WeightsFile]:
    """Every downloadable backbone's weights file, present in Keras's cache or not."""
    out = []
    for architecture, entry in WEIGHTS.items():
        path = os.path.join(keras_cache_dir(), entry.file_name)
        out.append(WeightsFile(architecture, entry.file_name,
                               _base_url(entry.base_url, mirror) + entry.file_name,
                               entry.file_hash, entry.approx_mb, path, os.path.isfile(path)))
    return out


def _hasher(file_hash: str) -> hashlib._Hash:
    return hashlib.sha256() if len(file_hash) == 64 else hashlib.md5()


def download_weights(architecture: str, *, mirror: str | None = None,
                     progress: Callable[[int, int | None], None] | None = None,
                     cancel: threading.Event | None = None, timeout: float = 30.0,
                     file_hash: str | None = None) -> str:
    """Download ``architecture``'s weights into Keras's cache; return the file's path.

    ``progress(done_bytes, total_bytes_or_None)`` is called as bytes arrive; ``cancel``
    stops the download between chunks (nothing is kept). ``file_hash`` overrides the
    published hash (tests serve their own file). Raises :class:`DownloadError` with a
    sentence for people: offline, not found, a wrong file, a cut-off transfer.
    """
    entries = {w.architecture: w for w in weights_status(mirror)}
    if architecture not in entries:
        raise DownloadError(f"There are no ImageNet weights to download for {architecture!r}; "
                            f"FitGen has them for {', '.join(sorted(entries))}.")
    entry = entries[architecture]
    expected = (file_hash or entry.file_hash).lower()
    if entry.present and _file_matches(entry.path, expected):
        return entry.path
    os.makedirs(os.path.dirname(entry.path), exist_ok=True)
    partial = entry.path + ".part"
    manual = (f"To place it by hand, download {entry.url} and put it in "
              f"{os.path.dirname(entry.path)}.")
    with atomic_target(entry.path, kind="download", temporary=partial):
        digest = _fetch(entry.url, partial, expected, progress, cancel, timeout, manual)
        if digest != expected:
            raise DownloadError(
                f"The file downloaded from {entry.url} is not the expected one (its hash is "
                f"{digest}, Keras publishes {expected}): it was damaged or replaced on the "
                f"way, and was not kept. Try again, or check the mirror. {manual}")
    return entry.path


def _file_matches(path: str, expected: str) -> bool:
    hasher = _hasher(expected)
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                hasher.update(chunk)
    except OSError:
        return False
    return hasher.hexdigest() == expected


def _fetch(url: str, partial: str, expected: str,
           progress: Callable[[int, int | None], None] | None,
           cancel: threading.Event | None, timeout: float, manual: str) -> str:
    hasher = _hasher(expected)
    request = urllib.request.Request(url, headers={"User-Agent": "FitGen"})
    failure = ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            total = response.headers.get("Content-Length")
            total_bytes = int(total) if total and total.isdigit() else None
            done = 0
            with open(partial, "wb") as out:
                while True:
                    if cancel is not None and cancel.is_set():
                        raise DownloadError("The download was cancelled; nothing was kept.")
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    hasher.update(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total_bytes)
            if total_bytes is not None and done < total_bytes:
                failure = (f"The download from {url} stopped after {done:,} of "
                           f"{total_bytes:,} bytes; nothing was kept. Try again. {manual}")
    except DownloadError:
        raise
    except urllib.error.HTTPError as exc:
        failure = (f"The server answered {exc.code} ({exc.reason}) for {url}; check the "
                   f"mirror address. {manual}")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            what = "did not answer in time"
        else:
            what = f"cannot be reached ({reason})"
        failure = (f"{url} {what}: this computer may be offline or behind a proxy (a mirror "
                   f"can be set with {MIRROR_VARIABLE}). {manual}")
    except (ConnectionError, TimeoutError, OSError, http.client.HTTPException) as exc:
        failure = (f"The download from {url} broke off ({type(exc).__name__}: {exc}); "
                   f"nothing was kept. Try again. {manual}")
    if failure:
        # Raised here, not in the handler: the error keeps no reference to the connection
        # (and its socket), which is closed and freed now.
        raise DownloadError(failure)
    return hasher.hexdigest()
