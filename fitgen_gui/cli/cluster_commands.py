"""``fitgen worker`` and ``fitgen cluster-check``: one run trained by several machines.

Every machine runs the same command with its own ``--index`` (0 is the chief). The chief
writes the run folder, the one record of the run; the other workers train in a temporary
folder that is removed when they end, so nothing of theirs can be mistaken for the run.

Under SLURM no file is needed: ``srun fitgen worker --train ...`` starts one worker per task,
and each reads the step's tasks, nodes and its own rank from SLURM's variables
(``fitgen_gui.core.slurm.cluster_from_slurm``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fitgen_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UserError,
    add_config_options,
    config_from_args,
    data_file_trusted,
    load_engine,
    run_with_stop,
)

__all__ = ["add_commands"]


def _cluster(args: argparse.Namespace) -> Any:
    """The cluster of a cluster file, of TF_CONFIG, or of the SLURM step this runs in (None
    when SLURM gave the step one task: it trains alone)."""
    from fitgen_gui.core.cluster import TF_CONFIG_ENV, cluster_from_env, read_cluster
    from fitgen_gui.core.slurm import cluster_from_slurm, gpu_for_task, in_slurm_step

    cluster = read_cluster(args.cluster, args.index) if args.cluster else cluster_from_env()
    if cluster is None and not in_slurm_step(os.environ):
        raise UserError(f"Give --cluster FILE --index I, set {TF_CONFIG_ENV}, or start the "
                        "workers with srun inside a SLURM allocation (srun fitgen worker ...).")
    if cluster is None:
        cluster = cluster_from_slurm(os.environ, args.port)
        gpu = gpu_for_task(os.environ)
        if gpu is not None:  # tasks sharing a node's GPUs: one each, before TensorFlow starts
            os.environ["CUDA_VISIBLE_DEVICES"] = gpu
        if cluster is None:
            print("SLURM gave this step one task, so it trains alone (srun --ntasks N, or "
                  "--nodes N, starts N workers that train together).", flush=True)
            return None
    print(f"Read the cluster from {cluster.source} ({cluster.form}).", flush=True)
    return cluster


def _meet(cluster: Any, timeout: float) -> None:
    """Wait for every worker, then start TensorFlow's side of the cluster."""
    from fitgen_gui.core.cluster import handshake

    print(f"This is {cluster.worker_text()} of {len(cluster.workers)}"
          + (", the chief" if cluster.is_chief else "")
          + f"; waiting for the others (at most {timeout:.0f} s)...", flush=True)
    started = time.monotonic()
    handshake(cluster, timeout)
    print(f"All {len(cluster.workers)} workers reached each other in "
          f"{time.monotonic() - started:.1f} s.", flush=True)
    load_engine()
    from fitgen_gui.training.tf_devices import join_cluster

    join_cluster(cluster)


def _copy_run(source: Path, target: Path) -> None:
    """A worker's private copy of the chief's run folder (what resume reads), taken while
    the chief may be setting later epochs aside: a file that moves away is skipped."""
    from fitgen_gui.core.run_dir import LOCK, SET_ASIDE

    def copy(src: str, dst: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=copy, ignore=shutil.ignore_patterns(
        LOCK, SET_ASIDE, "tensorboard", "profile"))


def cmd_worker(args: argparse.Namespace) -> int:
    cluster = _cluster(args)
    resume = args.resume
    if resume is not None and not (Path(resume) / "config.json").is_file():
        raise UserError(f"'{resume}' is not a FitGen run folder (it has no config.json); "
                        "every worker needs the chief's run folder at this path (a shared "
                        "folder, or a copy).")
    config = None if resume else config_from_args(args)
    if config is not None:
        problems = config.validate()
        if problems:
            from fitgen_gui.core.config import ConfigError

            raise ConfigError(problems)
    if args.run_folder and (cluster is None or cluster.is_chief):
        from fitgen_gui.core.run_dir import RunDir

        RunDir.check_new(args.run_folder)
    if cluster is None:
        return _train_alone(args, config)
    _meet(cluster, args.wait)
    from fitgen_gui.training.runner import resume_training, run_training

    scratch = None if cluster.is_chief else Path(tempfile.mkdtemp(prefix="fitgen-worker-"))
    try:
        if scratch is not None:
            print(f"The chief, {cluster.worker_text(0)}, writes the run folder; this worker "
                  f"keeps its files in {scratch} until it ends.", flush=True)
        if resume is None:
            trusted = data_file_trusted(args)
            workspace = args.runs_dir if scratch is None else scratch
            folder = args.run_folder if scratch is None else None
            return run_with_stop(lambda sink, stop: run_training(
                config, sink, stop, workspace=workspace, data_file_trusted=trusted,
                run_folder=folder))
        run_dir = Path(resume)
        if scratch is not None:
            run_dir = scratch / Path(resume).name
            _copy_run(Path(resume), run_dir)
        return run_with_stop(lambda sink, stop: resume_training(
            run_dir, sink, stop, from_epoch=args.from_epoch, epochs=args.epochs,
            data_file_trusted=args.trust_data_file))
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
            print(f"Removed this worker's temporary folder {scratch}: the run is in the "
                  f"chief's run folder, on {cluster.workers[0].rpartition(':')[0]}.",
                  flush=True)


def _train_alone(args: argparse.Namespace, config: Any) -> int:
    """A SLURM step of one task: train (or resume) here, as ``fitgen train`` would."""
    load_engine()
    from fitgen_gui.training.runner import resume_training, run_training

    if args.resume is not None:
        return run_with_stop(lambda sink, stop: resume_training(
            args.resume, sink, stop, from_epoch=args.from_epoch, epochs=args.epochs,
            data_file_trusted=args.trust_data_file))
    trusted = data_file_trusted(args)
    return run_with_stop(lambda sink, stop: run_training(
        config, sink, stop, workspace=args.runs_dir, data_file_trusted=trusted,
        run_folder=args.run_folder))


def _check_one(cluster: Any, args: argparse.Namespace) -> int:
    _meet(cluster, args.wait)
    from fitgen_gui.training import tf_devices
    from fitgen_gui.training.tf_distribute import cluster_trial

    device = tf_devices.configure("auto", False)
    result = cluster_trial(device.strategy, cluster.is_chief, steps=args.steps)
    print(f"{result['replicas']} replicas trained {args.steps} steps together: first step "
          f"{result['first_step_s']:.2f} s (building), then {result['step_s'] * 1000:.0f} ms "
          f"per step; loss {result['loss']:.4f}.", flush=True)
    if not result["same_weights"]:
        print("fitgen: the workers ended with different weights: the cluster does not train "
              "as one. Check that every machine runs the same FitGen and TensorFlow "
              "versions.", file=sys.stderr)
        return EXIT_FAILED
    print("Cluster ready: every worker has the same weights after the steps.", flush=True)
    return EXIT_OK


def cmd_cluster_check(args: argparse.Namespace) -> int:
    from fitgen_gui.core.cluster import is_local_host, read_cluster

    if args.index is not None:
        return _check_one(read_cluster(args.cluster, args.index), args)
    cluster = read_cluster(args.cluster, 0)
    remote = [w for w in cluster.workers if not is_local_host(w.rpartition(":")[0])]
    if remote:
        raise UserError(f"Workers {', '.join(remote)} are on other machines: run `fitgen "
                        f"cluster-check {args.cluster} --index I` on every machine at once, "
                        "each with its own index.")
    # Every worker is on this computer: start them all here.
    fitgen = [sys.executable] if getattr(sys, "frozen", False) else [
        sys.executable, "-m", "fitgen_gui.cli"]  # the bundle's executable is fitgen itself
    command = [*fitgen, "cluster-check", str(args.cluster),
               "--steps", str(args.steps), "--wait", str(args.wait), "--index"]
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": os.environ.get("CUDA_VISIBLE_DEVICES", "")}
    workers = [subprocess.Popen([*command, str(i)], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env)
               for i in range(len(cluster.workers))]
    failed = 0
    for i, worker in enumerate(workers):
        try:
            output, _ = worker.communicate(timeout=args.wait + 300)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        for line in output.splitlines():
            print(f"[worker {i}] {line}")
        failed += worker.returncode != 0
    if failed:
        print(f"fitgen: {failed} of {len(workers)} workers failed the check.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    worker = commands.add_parser(
        "worker", help="train one run on several machines: run on each, with its --index")
    add_config_options(worker)
    worker.add_argument("-v", "--verbose", type=int, choices=[0, 1, 2],
                        help="0 quiet, 1 progress bar, 2 one line per epoch")
    worker.add_argument("--cluster", metavar="FILE",
                        help='the workers, {"workers": ["host:port", ...]}; 0 is the chief '
                             "(default: the TF_CONFIG environment variable)")
    worker.add_argument("--index", type=int, metavar="I",
                        help="this machine's place in the cluster file")
    worker.add_argument("--runs-dir", default="runs",
                        help="where the chief writes the run folder (./runs)")
    worker.add_argument("--run-folder", metavar="DIR",
                        help="the chief trains into this folder (new or empty) instead of a "
                             "new dated folder in --runs-dir")
    worker.add_argument("--port", type=int, metavar="P",
                        help="under SLURM: the first port of the workers (task i listens on "
                             "P + its local index; default: from the job id)")
    worker.add_argument("--resume", metavar="RUN_DIR",
                        help="continue the chief's run (every worker reads its checkpoint: "
                             "the same path on every machine)")
    worker.add_argument("--from-epoch", type=int, metavar="K",
                        help="with --resume: the checkpoint epoch (default: the latest)")
    worker.add_argument("--wait", type=float, default=120, metavar="S",
                        help="seconds to wait for the other workers (120)")
    worker.set_defaults(func=cmd_worker)

    check = commands.add_parser(
        "cluster-check", help="check a cluster's ports and links, and train 10 steps on it")
    check.add_argument("cluster", help="the cluster file")
    check.add_argument("--index", type=int, metavar="I",
                       help="run this machine's part (on every machine at once); without "
                            "it, every worker of a cluster on this computer is started here")
    check.add_argument("--steps", type=int, default=10, metavar="N")
    check.add_argument("--wait", type=float, default=60, metavar="S",
                       help="seconds to wait for the other workers (60)")
    check.set_defaults(func=cmd_cluster_check)
