"""Several machines training one run: the cluster file, TF_CONFIG, and a reachability check.

A cluster file lists the workers, each as ``host:port``; worker 0 is the chief, which
writes the run folder::

    {"workers": ["10.0.0.1:23456", "10.0.0.2:23456"]}

TensorFlow's own forms are read too, as TensorFlow users already have them: a ClusterSpec
(``{"worker": [...]}``, optionally with a ``"chief"`` list, counted as worker 0) or a whole
``TF_CONFIG`` (``{"cluster": {...}, "task": {"type": "worker", "index": I}}``). Every machine
runs ``fitgen worker --cluster FILE --index I`` with its own index and the same file; a
``TF_CONFIG`` file names its machine's index itself.

:func:`handshake` checks, before TensorFlow starts, that this worker's port is free and
that every worker reaches every other one, and names the worker and port that do not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fitgen_gui.core.errors import UserError

__all__ = ["TF_CONFIG_ENV", "Cluster", "ClusterError", "cluster_from_env", "handshake",
           "is_local_host", "read_cluster"]

TF_CONFIG_ENV = "TF_CONFIG"
_HELLO = "fitgen-cluster-check"


class ClusterError(UserError, ValueError):
    """A cluster file that cannot be used, or a worker that cannot be reached."""


@dataclass(frozen=True)
class Cluster:
    """The workers of a run (``host:port`` each; 0 is the chief) and this one's index."""

    workers: tuple[str, ...]
    index: int
    source: str = "cluster file"  # where it was read from, for messages
    form: str = "FitGen's cluster file"  # which of the forms it was written in

    @property
    def is_chief(self) -> bool:
        return self.index == 0

    @property
    def address(self) -> str:
        return self.workers[self.index]

    @property
    def port(self) -> int:
        return int(self.address.rsplit(":", 1)[1])

    def worker_text(self, index: int | None = None) -> str:
        """"worker 1 (10.0.0.2:23456)"."""
        i = self.index if index is None else index
        return f"worker {i} ({self.workers[i]})"

    def tf_config(self) -> str:
        """``TF_CONFIG`` for this worker (all workers are ``worker`` tasks; 0 is chief)."""
        return json.dumps({"cluster": {"worker": list(self.workers)},
                           "task": {"type": "worker", "index": self.index}})

    def digest(self) -> str:
        """The same text on every worker of the same cluster."""
        return hashlib.sha256("\n".join(self.workers).encode()).hexdigest()[:16]


def _check_address(text: object, where: str) -> str:
    if not isinstance(text, str) or ":" not in text:
        raise ClusterError(f"{where}: '{text}' is not HOST:PORT (for example "
                           "10.0.0.2:23456).")
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ClusterError(f"{where}: '{text}' is not HOST:PORT with a port from 1 to "
                           "65535 (for example 10.0.0.2:23456).")
    return text


FITGEN_FORM = "FitGen's cluster file"
CLUSTER_SPEC_FORM = "TensorFlow's ClusterSpec form"
TF_CONFIG_FORM = "TensorFlow's TF_CONFIG form"
_TASK_TYPES = {"chief", "worker"}


def _tasks_of(cluster: dict, where: str) -> list:
    """The workers of a ClusterSpec: the chief (if any) first, as worker 0."""
    unknown = set(cluster) - _TASK_TYPES
    if unknown:
        raise ClusterError(f"{where} names task types {sorted(unknown)}; FitGen trains "
                           "with 'chief' and 'worker' tasks only.")
    for kind in _TASK_TYPES & set(cluster):
        if not isinstance(cluster[kind], list):
            raise ClusterError(f"{where}: \"{kind}\" must be a list of HOST:PORT.")
    return list(cluster.get("chief") or []) + list(cluster.get("worker") or [])


def _workers_of(data: object, where: str) -> tuple[list[str], dict | None, str]:
    """The worker list of a cluster file's data, its TF_CONFIG task if it has one, and the
    form it was written in."""
    if not isinstance(data, dict):
        raise ClusterError(f"{where} must hold a JSON object such as "
                           '{"workers": ["10.0.0.1:23456", "10.0.0.2:23456"]}.')
    task = None
    if "workers" in data:
        workers, form = data["workers"], FITGEN_FORM
    elif isinstance(data.get("cluster"), dict):  # a whole TF_CONFIG
        cluster = data["cluster"]
        workers, form = _tasks_of(cluster, where), TF_CONFIG_FORM
        task = data.get("task") if isinstance(data.get("task"), dict) else None
        if task is not None and cluster.get("chief"):
            offset = 0 if task.get("type") == "chief" else len(cluster["chief"])
            task = {"index": offset + int(task.get("index", 0))}
    elif data and set(data) <= _TASK_TYPES:  # a ClusterSpec
        workers, form = _tasks_of(data, where), CLUSTER_SPEC_FORM
    else:
        raise ClusterError(f"{where} has no \"workers\" list: write "
                           '{"workers": ["10.0.0.1:23456", "10.0.0.2:23456"]}, or '
                           "TensorFlow's ClusterSpec {\"worker\": [...]} or TF_CONFIG "
                           "{\"cluster\": {...}, \"task\": {...}}.")
    if not isinstance(workers, list) or len(workers) < 2:
        raise ClusterError(f"{where} must list at least two workers (one machine trains "
                           "without a cluster).")
    checked = [_check_address(w, f"{where}, worker {i}") for i, w in enumerate(workers)]
    if len(set(checked)) != len(checked):
        raise ClusterError(f"{where} lists the same HOST:PORT twice; each worker needs its "
                           "own port.")
    return checked, task, form


def _index(index: int, count: int, where: str) -> int:
    if not 0 <= index < count:
        raise ClusterError(f"Worker index {index} is not in {where}, which lists {count} "
                           f"workers: use 0 to {count - 1} (0 is the chief).")
    return index


def read_cluster(path: str | os.PathLike, index: int | None) -> Cluster:
    """The cluster of file ``path`` as seen by worker ``index``.

    ``index`` may be None for a ``TF_CONFIG`` file, whose ``task`` names it; when both are
    given they must agree.
    """
    where = f"Cluster file '{path}'"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClusterError(f"{where} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClusterError(f"{where} could not be read: {exc}.") from None
    except json.JSONDecodeError as exc:
        raise ClusterError(f"{where} is not valid JSON (line {exc.lineno}: {exc.msg}).") \
            from None
    workers, task, form = _workers_of(data, where)
    own = int(task["index"]) if task is not None and "index" in task else None
    if index is None and own is None:
        raise ClusterError(f"Give this worker's --index (its place in {where}, 0 for the "
                           "chief).")
    if index is not None and own is not None and index != own:
        raise ClusterError(f"{where} is this machine's TF_CONFIG for worker {own}, but "
                           f"--index is {index}: leave --index out, or give each machine "
                           "its own TF_CONFIG file.")
    chosen = own if index is None else index
    return Cluster(tuple(workers), _index(chosen, len(workers), where), str(path), form)


def cluster_from_env(environ: dict | None = None) -> Cluster | None:
    """The cluster of an existing ``TF_CONFIG`` (None when it is not set)."""
    text = (environ if environ is not None else os.environ).get(TF_CONFIG_ENV, "").strip()
    if not text:
        return None
    where = f"The {TF_CONFIG_ENV} environment variable"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClusterError(f"{where} is not valid JSON ({exc.msg}).") from None
    workers, task, form = _workers_of(data, where)
    if task is None or "index" not in task:
        raise ClusterError(f"{where} has no \"task\": {{\"type\": \"worker\", \"index\": I}} "
                           "saying which worker this is.")
    return Cluster(tuple(workers), _index(int(task["index"]), len(workers), where),
                   TF_CONFIG_ENV, form)


def is_local_host(host: str) -> bool:
    """Whether ``host`` names this computer."""
    if host in ("localhost", "127.0.0.1", "::1", "0.0.0.0") or host.startswith("127."):
        return True
    with contextlib.suppress(OSError):
        names = {socket.gethostname(), socket.getfqdn()}
        if host in names:
            return True
        wanted = {info[4][0] for info in socket.getaddrinfo(host, None)}
        mine = {info[4][0] for name in names for info in socket.getaddrinfo(name, None)}
        return bool(wanted & mine)
    return False


def _listen(cluster: Cluster) -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind(("", cluster.port))
    except OSError as exc:
        server.close()
        raise ClusterError(
            f"Port {cluster.port} of this computer ({cluster.worker_text()}) is in use "
            f"({exc.strerror or exc}): stop what uses it (another worker?) or give this "
            f"worker another port in {cluster.source}.") from None
    server.listen(len(cluster.workers) * 2)
    server.settimeout(0.2)
    return server


def handshake(cluster: Cluster, timeout_s: float = 60.0) -> None:
    """Wait until every worker has reached this one and this one every worker.

    Run by every worker at once (``fitgen cluster-check``, ``fitgen worker``) before
    TensorFlow takes the ports. Each worker listens on its own port, connects to every
    other one and says its index and the cluster's digest; it stops listening only when it
    has heard from all and reached all, so no worker waits for one that has gone.

    Raises
    ------
    ClusterError
        The port is taken, a worker cannot be reached or did not call within
        ``timeout_s``, or a worker has a different cluster file.
    """
    meeting = _Handshake(cluster, _listen(cluster))
    listener = threading.Thread(target=meeting.serve, name="fitgen-cluster-listen",
                                daemon=True)
    listener.start()
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            if meeting.call_round():
                return
            time.sleep(0.2)
        raise meeting.timed_out(timeout_s)
    finally:
        meeting.done.set()
        listener.join(timeout=2)
        meeting.server.close()


class _Handshake:
    """One worker's side of :func:`handshake`: who has called it, whom it has reached."""

    def __init__(self, cluster: Cluster, server: socket.socket) -> None:
        self.cluster = cluster
        self.server = server
        self.heard: set[int] = set()
        self.strangers: list[str] = []  # indexes of callers with another cluster file
        self.reached: set[int] = set()
        self.peers = [i for i in range(len(cluster.workers)) if i != cluster.index]
        self.lock = threading.Lock()
        self.done = threading.Event()

    # -- the listening side (its own thread) ----------------------------------------------

    def serve(self) -> None:
        """Answer the workers that call, until the handshake is over."""
        while not self.done.is_set():
            try:
                conn, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError, ValueError):
                    self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        words = conn.makefile("r").readline().split()
        if len(words) != 3 or words[0] != _HELLO:
            return
        if words[1] != self.cluster.digest():
            reply = "different"
            with self.lock:
                self.strangers.append(words[2])
        else:
            reply = f"ok {self.cluster.index}"
            with self.lock:
                self.heard.add(int(words[2]))
        conn.sendall(f"{reply}\n".encode())
        conn.recv(1)  # the caller closes first

    # -- the calling side ------------------------------------------------------------------

    def call_round(self) -> bool:
        """Call each worker not reached yet; whether all are reached and have called."""
        for peer in self.peers:
            if peer not in self.reached and self._call(peer):
                self.reached.add(peer)
        with self.lock:
            all_heard = self.heard >= set(self.peers)
            if self.strangers:
                raise ClusterError(
                    f"Worker {self.strangers[0]} has a different cluster file: give every "
                    "worker the same one.")
        return len(self.reached) == len(self.peers) and all_heard

    def _call(self, peer: int) -> bool:
        """Say hello to ``peer``; whether it answered as itself (refused when it is
        another worker, or has another cluster file)."""
        cluster = self.cluster
        host, _, port = cluster.workers[peer].rpartition(":")
        try:
            with socket.create_connection((host, int(port)), timeout=2) as conn:
                conn.sendall(f"{_HELLO} {cluster.digest()} {cluster.index}\n".encode())
                reply = conn.makefile("r").readline().split()
        except OSError:
            return False
        if reply == ["different"]:
            raise ClusterError(
                f"{cluster.worker_text(peer)} has a different cluster file: give "
                "every worker the same one.")
        if reply != ["ok", str(peer)]:
            raise ClusterError(
                f"{cluster.workers[peer]} answered as worker "
                f"{reply[1] if len(reply) == 2 else '?'}, not as worker {peer}: each "
                "machine needs its own --index (its place in the cluster file).")
        return True

    def timed_out(self, timeout_s: float) -> ClusterError:
        """What went wrong with each worker the handshake did not complete with."""
        cluster = self.cluster
        with self.lock:
            silent = [p for p in self.peers if p not in self.heard]
        problems = []
        for peer in self.peers:
            host, _, port = cluster.workers[peer].rpartition(":")
            if peer not in self.reached:
                problems.append(
                    f"{cluster.worker_text(peer)} could not be reached: start `fitgen "
                    f"worker` (or `fitgen cluster-check`) there with --index {peer}, and "
                    f"check that {host} lets port {port} through its firewall")
            elif peer in silent:
                problems.append(
                    f"{cluster.worker_text(peer)} did not reach this computer: check that "
                    f"this computer's port {cluster.port} is open to {host}")
        return ClusterError(f"Waited {timeout_s:.0f} s for the cluster: "
                            + "; ".join(problems) + ".")
