"""SLURM, as plain text in and out: node lists, the cluster of an ``srun`` step, the job
array script of a sweep, and what ``squeue``/``sacct`` print.

Why FitGen builds the cluster itself instead of TensorFlow's ``SlurmClusterResolver``: on
a real slurmd (22.05, a 2-task ``srun`` on a CPU node) the resolver of TF 2.21 fails before
giving a cluster: by default it runs ``nvidia-smi`` (FileNotFoundError without one), and with
``gpus_per_node=0`` it divides by zero (``range() arg 3 must not be zero``); it is also
reported to read the job's variables inside job steps and to hang on some multi-node
allocations. SLURM's variables are few and documented, so this module makes from them the
same ``Cluster`` a cluster file makes (worker ``i`` = task ``i``; task 0 is the chief), and
``srun fitgen worker`` trains exactly as ``fitgen worker --cluster FILE`` does; the mapping
is tested without a SLURM installation (tests/core/test_slurm.py) and on a real one
(tests/slurm/).

Nothing here runs a command; the command line runs ``sbatch``/``squeue``/``sacct`` and hands
their output to the parsers.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Mapping
from datetime import datetime

from fitgen_gui.core.cluster import Cluster, ClusterError
from fitgen_gui.core.sweep_table import SlurmTask

__all__ = ["PORT_ENV", "array_spec", "cluster_from_slurm", "expand_hostlist",
           "expand_tasks_per_node", "gpu_for_task", "in_slurm_step", "parse_sacct",
           "parse_squeue", "port_base", "sbatch_script"]

PORT_ENV = "FITGEN_SLURM_PORT"  # the first port of a step's workers, instead of the default
_FIRST_PORT, _PORT_SPAN, _JOBS = 20000, 32, 1000  # ports 20000-51999, 32 per job


def _split_top(text: str) -> list[str]:
    """Split at commas outside brackets: ``a[1-2],b`` -> ``['a[1-2]', 'b']``."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _range_values(spec: str, where: str) -> list[str]:
    values = []
    for item in spec.split(","):
        low, sep, high = item.strip().partition("-")
        if not low.isdigit() or (sep and not high.isdigit()):
            raise ValueError(f"'{where}' has a range '{item}' that is not N or N-M")
        if not sep:
            values.append(low)
            continue
        width = len(low) if low.startswith("0") else 0  # node[01-10]: keep the zeros
        if int(high) < int(low):
            raise ValueError(f"'{where}' has a range '{item}' that counts down")
        values += [f"{n:0{width}d}" for n in range(int(low), int(high) + 1)]
    return values


def expand_hostlist(text: str) -> list[str]:
    """SLURM's compressed node list to names: ``node[01-03,07],gpu1`` -> ``['node01',
    'node02', 'node03', 'node07', 'gpu1']``; several brackets in a name multiply
    (``r[1-2]n[1-2]`` -> r1n1, r1n2, r2n1, r2n2), as ``scontrol show hostnames`` does."""
    hosts = []
    for part in _split_top(text):
        pieces = re.split(r"(\[[^\[\]]*\])", part)
        if any(("[" in p or "]" in p) and not p.startswith("[") for p in pieces):
            raise ValueError(f"'{text}' is not a SLURM node list (unbalanced brackets)")
        choices = [_range_values(p[1:-1], text) if p.startswith("[") else [p]
                   for p in pieces if p]
        hosts += ["".join(combo) for combo in itertools.product(*choices)]
    return hosts


def expand_tasks_per_node(text: str) -> list[int]:
    """``SLURM_TASKS_PER_NODE`` to one count per node: ``2(x3),1`` -> ``[2, 2, 2, 1]``."""
    counts = []
    for item in text.split(","):
        match = re.fullmatch(r"\s*(\d+)(?:\(x(\d+)\))?\s*", item)
        if not match:
            raise ValueError(f"'{text}' is not a SLURM tasks-per-node list such as 2(x3),1")
        counts += [int(match.group(1))] * int(match.group(2) or 1)
    return counts


def port_base(job_id: str | int | None) -> int:
    """The first port of a job's workers: different jobs (array tasks sharing a node) get
    different ranges of 32 ports, so they do not take each other's ports."""
    try:
        number = int(str(job_id).split("_")[0])
    except ValueError:
        number = 0
    return _FIRST_PORT + (number % _JOBS) * _PORT_SPAN


def in_slurm_step(environ: Mapping[str, str]) -> bool:
    """Whether this process is a task of a SLURM job (``srun`` or a batch script)."""
    return "SLURM_PROCID" in environ and "SLURM_JOB_ID" in environ


def _first(environ: Mapping[str, str], *names: str) -> str:
    for name in names:
        if environ.get(name, "").strip():
            return environ[name].strip()
    return ""


def cluster_from_slurm(environ: Mapping[str, str], port: int | None = None) -> Cluster | None:
    """The cluster of an ``srun`` step: one worker per task, ``node:port`` each, in task
    order (SLURM's default block distribution puts tasks 0..k-1 on the first node...).

    Returns None when this is not a SLURM task, or when the step has one task (one machine
    trains alone). Raises :class:`ClusterError` when the variables do not add up.
    """
    if not in_slurm_step(environ):
        return None
    where = "SLURM's variables"
    try:
        tasks = int(_first(environ, "SLURM_STEP_NUM_TASKS", "SLURM_NTASKS") or 1)
        rank = int(environ["SLURM_PROCID"])
        nodes = expand_hostlist(_first(environ, "SLURM_STEP_NODELIST", "SLURM_JOB_NODELIST",
                                       "SLURM_NODELIST"))
        per_node = expand_tasks_per_node(_first(environ, "SLURM_STEP_TASKS_PER_NODE",
                                                "SLURM_TASKS_PER_NODE") or str(tasks))
    except (KeyError, ValueError) as exc:
        raise ClusterError(f"{where} do not describe this step ({exc}); start the workers "
                           "with srun inside an allocation (sbatch or salloc).") from None
    if tasks <= 1:
        return None
    if len(per_node) == 1 and len(nodes) > 1:
        per_node *= len(nodes)
    if len(per_node) != len(nodes) or sum(per_node) != tasks:
        raise ClusterError(f"{where} disagree: {tasks} tasks, nodes {nodes}, tasks per node "
                           f"{per_node}. Start the workers with plain srun (no --nodelist "
                           "or --distribution changes).")
    first = port if port is not None else int(environ.get(PORT_ENV) or port_base(
        _first(environ, "SLURM_JOB_ID")))
    workers = [f"{node}:{first + local}" for node, count in zip(nodes, per_node, strict=True)
               for local in range(count)]
    if not 0 <= rank < len(workers):
        raise ClusterError(f"{where} give this task rank {rank} of {tasks}.")
    host, local = workers[rank].rsplit(":", 1)[0], int(workers[rank].rsplit(":", 1)[1]) - first
    own_node = environ.get("SLURMD_NODENAME", host)
    own_local = int(environ.get("SLURM_LOCALID", local))
    if (own_node, own_local) != (host, local):
        raise ClusterError(
            f"Task {rank} runs on {own_node} as local task {own_local}, but the block "
            f"distribution FitGen assumes puts it on {host} as local task {local}: start the "
            "workers with srun's default distribution (no --distribution=cyclic).")
    step = environ.get("SLURM_STEP_ID", "")
    source = f"SLURM job {environ.get('SLURM_JOB_ID')}" + (f", step {step}" if step else "")
    return Cluster(tuple(workers), rank, source, form="SLURM's allocation")


def gpu_for_task(environ: Mapping[str, str]) -> str | None:
    """The GPU this task should keep when several tasks share a node's GPUs (SLURM gave
    the node's GPUs to all of them): its ``SLURM_LOCALID``-th. None when there is nothing
    to choose (no GPU, one GPU, or one task on the node, which uses all of them)."""
    visible = [g.strip() for g in environ.get("CUDA_VISIBLE_DEVICES", "").split(",")
               if g.strip()]
    try:
        per_node = expand_tasks_per_node(_first(environ, "SLURM_STEP_TASKS_PER_NODE",
                                                "SLURM_TASKS_PER_NODE") or "1")
        local = int(environ.get("SLURM_LOCALID", 0))
    except ValueError:
        return None
    if len(visible) <= 1 or max(per_node) <= 1:
        return None
    return visible[local % len(visible)]


def _task_index(text: str) -> list[int]:
    """``12_3`` -> [3]; ``12_[0-2,5]`` (pending tasks, folded) -> [0, 1, 2, 5]."""
    _, _, tail = text.partition("_")
    tail = tail.split("%")[0].strip("[]")
    if not tail:
        return []
    return [int(v) for v in _range_values(tail, text)]


def parse_squeue(text: str) -> dict[int, SlurmTask]:
    """Lines of ``squeue -h -r -t all -o '%i|%T|%r'`` to tasks by array index."""
    tasks = {}
    for line in text.splitlines():
        fields = line.strip().split("|")
        if len(fields) < 2 or "_" not in fields[0]:
            continue
        job = fields[0].split("_")[0]
        for index in _task_index(fields[0]):
            tasks[index] = SlurmTask(f"{job}_{index}", fields[1].strip(),
                                     fields[2].strip() if len(fields) > 2 else "")
    return tasks


def parse_sacct(text: str) -> dict[int, SlurmTask]:
    """Lines of ``sacct -n -P -X -o JobID,State,ExitCode`` to tasks by array index."""
    tasks = {}
    for line in text.splitlines():
        fields = line.strip().split("|")
        if len(fields) < 2 or "_" not in fields[0] or "." in fields[0]:
            continue
        job = fields[0].split("_")[0]
        state = fields[1].split()[0] if fields[1].strip() else ""
        exit_code = fields[2].strip() if len(fields) > 2 else ""
        for index in _task_index(fields[0]):
            tasks[index] = SlurmTask(f"{job}_{index}", state,
                                     f"exit {exit_code}" if exit_code else "")
    return tasks


def array_spec(indexes: list[int], at_once: int | None = None) -> str:
    """``--array``'s value: ``0-3``, ``1,4``, ``0-9%2`` (at most 2 at once)."""
    parts, run = [], []
    for index in sorted(set(indexes)):
        if run and index == run[-1] + 1:
            run.append(index)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [index]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts) + (f"%{at_once}" if at_once else "")


def sbatch_script(*, sweep_dir: str, runs: list[str], fitgen: list[str], job_name: str,
                  partition: str | None = None, time: str | None = None,
                  gpus_per_run: int = 1, nodes_per_run: int = 1,
                  extra: list[str] | None = None, evaluate: bool = False,
                  trust_data_file: bool = False, now: datetime | None = None) -> str:
    """The job array script of a sweep: task ``i`` trains run ``runs[i]`` (a folder of
    ``sweep_dir``) with ``fitgen train`` on its settings file, or continues it with ``fitgen
    resume`` when the folder exists (a task cancelled, out of time or failed before), then
    refreshes ``sweep.csv``. With ``nodes_per_run`` > 1, ``srun`` starts one ``fitgen
    worker`` per node, which meet through SLURM's variables."""
    q = shlex.quote
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    total = len(runs)
    trust = " --trust-data-file" if trust_data_file else ""
    lines = [
        "#!/bin/bash",
        f"# FitGen sweep: one SLURM array task per run, written by `fitgen sweep --slurm` on "
        f"{when}.",
        "# Task N trains run N of RUNS (below) into its folder of this sweep with `fitgen "
        "train`",
        "# on its settings file, or continues it with `fitgen resume` if the folder exists "
        "(the",
        "# task was cancelled, ran out of time or failed before). Then it refreshes "
        "sweep.csv.",
        "#",
        f"#   submitted as:  sbatch --array={array_spec(list(range(total)))} sweep.sbatch",
        "#   rerun run 2:   sbatch --array=1 sweep.sbatch      (or: fitgen sweep --resume "
        "DIR)",
        "#   the runs:      fitgen sweep --status DIR",
        "#",
        "# A plain script, not submitit: submitit pickles Python functions into the job, "
        "which",
        "# nobody can read or rerun by hand; this file is the whole job, and sbatch reruns "
        "it.",
        f"#SBATCH --job-name={job_name}",
        f"#SBATCH --output={sweep_dir}/logs/%A_%a.out",
        f"#SBATCH --nodes={nodes_per_run}",
        "#SBATCH --ntasks-per-node=1",
    ]
    if partition:
        lines.append(f"#SBATCH --partition={partition}")
    if time:
        lines.append(f"#SBATCH --time={time}")
    if gpus_per_run:
        lines.append(f"#SBATCH --gres=gpu:{gpus_per_run}")
    lines += [f"#SBATCH {arg}" for arg in extra or []]
    step = "srun " if nodes_per_run > 1 else ""
    command = "worker" if nodes_per_run > 1 else "train"
    lines += [
        "",
        f"SWEEP={q(sweep_dir)}",
        f"FITGEN=({' '.join(q(part) for part in fitgen)})",
        "RUNS=(",
        *(f"  {q(name)}" for name in runs),
        ")",
        'RUN="${RUNS[${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}]}"',
        'cd "$SWEEP" || exit 1',
        "",
    ]
    if nodes_per_run > 1:
        lines.append(f"# {nodes_per_run} nodes train this run together: srun starts one "
                     "`fitgen worker` per node.")
    lines += [
        'if [ -f "$RUN/config.json" ]; then',
        f'  {step}"${{FITGEN[@]}}" {"worker --resume" if step else "resume"} "$RUN"{trust}',
        "else",
        f'  {step}"${{FITGEN[@]}}" {command} "settings/$RUN.json" --run-folder "$RUN"{trust}',
        "fi",
        "code=$?",
    ]
    if evaluate:
        lines.append(f'[ "$code" -eq 0 ] && "${{FITGEN[@]}}" evaluate "$RUN"{trust}')
    lines += [
        '"${FITGEN[@]}" sweep --status "$SWEEP" --quiet || true  # rewrite sweep.csv',
        'exit "$code"',
        "",
    ]
    return "\n".join(lines)
