"""``fitgen sweep``: one run per combination of settings, here or as a SLURM job array.

    fitgen sweep --train T --val V --vary optimizer.learning_rate=0.001,0.01 \\
                 --vary augmentation.rotation_range=0,20 [--random N] [--parallel N]
    fitgen sweep ... --slurm [--partition P --time 02:00:00 --gpus-per-run 1 \\
                 --nodes-per-run N --sbatch-arg=--mem=16G]
    fitgen sweep --status SWEEP_DIR      the table (and SLURM's view of the tasks)
    fitgen sweep --resume SWEEP_DIR      start again only the runs that did not finish

Everything is checked before anything is written or submitted: each ``--vary`` key is a
setting (else the closest one is named), every combination passes the settings' own
validation, the GPUs for ``--parallel`` exist, ``sbatch`` exists for ``--slurm``, and a
sweep of more than 100 runs needs ``--yes``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from fitgen_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_STOPPED,
    UserError,
    add_config_options,
    config_from_args,
    data_file_trusted,
)

__all__ = ["add_commands"]


def _slots(args: argparse.Namespace, configs: list[Any], keys: list[str]) -> list[str | None]:
    """One device per run trained at once: ``gpu:0``, ``gpu:1``... for ``--parallel N``
    (refused when there are fewer GPUs), all on the CPU when the settings say ``cpu``."""
    count = args.parallel or 1
    if count < 1:
        raise UserError(f"--parallel must be 1 or more; got {count}.")
    if count == 1 or args.slurm:
        return [None]
    if "training.device" in keys:
        raise UserError("--parallel gives each run its own GPU; do not also vary "
                        "training.device.")
    if all(c.training.device == "cpu" for c in configs):
        return [None] * count  # runs sharing the CPU, as asked with --device cpu
    from fitgen_gui.cli.common import load_engine

    load_engine()
    from fitgen_gui.training.tf_devices import available_devices

    gpus = [key for key, _ in available_devices() if key.startswith("gpu:")]
    if len(gpus) < count:
        have = f"{len(gpus)} ({', '.join(gpus)})" if gpus else "none"
        raise UserError(f"--parallel {count} trains {count} runs at a time, one GPU each, but "
                        f"this computer's GPUs are {have}. Give --parallel {len(gpus) or 1}, "
                        "leave it out to train the runs one after another, or add --device "
                        "cpu to share the CPU. Nothing was written.")
    return list(gpus[:count])


def _slurm_options(args: argparse.Namespace) -> dict[str, Any]:
    for name in ("gpus_per_run", "nodes_per_run"):
        if getattr(args, name) < (0 if name == "gpus_per_run" else 1):
            raise UserError(f"--{name.replace('_', '-')} must be "
                            f"{'0' if name == 'gpus_per_run' else '1'} or more.")
    if args.time and not re.fullmatch(r"(\d+-)?\d+(:\d{1,2}){0,2}", args.time):
        raise UserError(f"--time '{args.time}' is not a SLURM time such as 02:00:00, 90 or "
                        "1-12:00:00.")
    extra = []
    for arg in args.sbatch_arg or []:
        if not arg.startswith("-"):
            raise UserError(f"--sbatch-arg '{arg}' is not an sbatch option; write it as "
                            "--sbatch-arg=--mem=16G.")
        extra.append(arg)
    return {"partition": args.partition, "time": args.time, "gpus_per_run": args.gpus_per_run,
            "nodes_per_run": args.nodes_per_run, "extra": extra,
            "at_once": args.parallel if args.parallel and args.parallel > 1 else None}


def _write_script(sweep_dir: Path, sweep: Any) -> Path:
    from fitgen_gui.cli.sweep_launch import SCRIPT, fitgen_command
    from fitgen_gui.core.slurm import sbatch_script
    from fitgen_gui.core.sweep import LOGS

    options = sweep.options
    text = sbatch_script(
        sweep_dir=str(sweep_dir), runs=[r.name for r in sweep.runs], fitgen=fitgen_command(),
        job_name=f"fitgen-{sweep_dir.name.split('_', 2)[-1]}"[:60],
        partition=options.get("partition"), time=options.get("time"),
        gpus_per_run=options.get("gpus_per_run", 1),
        nodes_per_run=options.get("nodes_per_run", 1), extra=options.get("extra"),
        evaluate=bool(options.get("evaluate")),
        trust_data_file=bool(options.get("trust_data_file")))
    (sweep_dir / LOGS).mkdir(exist_ok=True)  # SLURM fails a task whose --output it cannot open
    path = sweep_dir / SCRIPT
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def cmd_sweep(args: argparse.Namespace) -> int:
    if args.status:
        return _status(Path(args.status), quiet=args.quiet)
    if args.resume:
        return _resume(Path(args.resume), args)
    return _new_sweep(args)


def _new_sweep(args: argparse.Namespace) -> int:
    from fitgen_gui.cli.sweep_launch import require_sbatch
    from fitgen_gui.core.sweep import count, parse_vary
    from fitgen_gui.core.sweep_plan import (
        MAX_WITHOUT_ASKING,
        list_run_names,
        plan_sweep,
        write_sweep,
    )

    if not args.vary:
        raise UserError("Give at least one --vary KEY=V1,V2,... (for example --vary "
                        "optimizer.learning_rate=0.001,0.01); one run is fitgen train.")
    axes = parse_vary(args.vary)
    total = count(axes)
    if args.random is not None and args.random < 1:
        raise UserError(f"--random must be 1 or more; got {args.random}.")
    wanted = min(args.random, total) if args.random else total
    if wanted > MAX_WITHOUT_ASKING and not args.yes:
        raise UserError(f"This sweep has {wanted} runs (more than {MAX_WITHOUT_ASKING}). Pass "
                        "--yes to train them all, or --random N to draw N of the "
                        f"{total} combinations. Nothing was written.")
    base = config_from_args(args)
    plan = plan_sweep(base, axes, random=args.random, seed=args.random_seed)
    if base.data.source == "python" and not data_file_trusted(args):
        raise UserError(f"These settings get their data by running "
                        f"'{base.data.generator_file}'; pass --trust-data-file to run it.")
    options = _slurm_options(args) if args.slurm else {}
    if args.slurm:
        require_sbatch()
    slots = _slots(args, plan.configs, plan.keys)
    options.update(evaluate=args.evaluate, trust_data_file=data_file_trusted(args))
    sweep_dir, sweep = write_sweep(plan, args.runs_dir,
                                   engine="slurm" if args.slurm else "local", options=options)
    drawn = f" (drawn from {total} with seed {args.random_seed})" if args.random else ""
    print(f"Sweep folder: {sweep_dir}")
    print(f"{len(sweep.runs)} runs{drawn}: " + list_run_names([r.name for r in sweep.runs]))
    if args.slurm:
        try:
            return _start_slurm(sweep_dir, sweep, list(range(len(sweep.runs))), args)
        except UserError as exc:  # sbatch refused: the folder made just now goes too
            import shutil

            shutil.rmtree(sweep_dir, ignore_errors=True)
            raise UserError(f"{exc} Nothing was submitted, and the sweep folder was removed."
                            ) from None
    return _train_here(sweep_dir, sweep, sweep.runs, slots, args)


def _start_slurm(sweep_dir: Path, sweep: Any, indexes: list[int],
                 args: argparse.Namespace) -> int:
    from fitgen_gui.cli.sweep_launch import SCRIPT, refresh_table, slurm_tasks, submit

    script = _write_script(sweep_dir, sweep)
    if args.no_submit:
        from fitgen_gui.core.slurm import array_spec

        print(f"Wrote {script}; submit it with: cd {sweep_dir} && sbatch "
              f"--array={array_spec(indexes, sweep.options.get('at_once'))} {SCRIPT}")
        return EXIT_OK
    job = submit(sweep_dir, sweep, indexes)
    refresh_table(sweep_dir, sweep, slurm_tasks(sweep))
    print(f"Submitted SLURM job {job}: {len(indexes)} array task(s), script {script}.")
    print(f"Follow it with: fitgen sweep --status {sweep_dir}")
    return EXIT_OK


def _train_here(sweep_dir: Path, sweep: Any, todo: list[Any], slots: list[str | None],
                args: argparse.Namespace) -> int:
    from fitgen_gui.cli.compare_commands import print_sweep_comparison
    from fitgen_gui.cli.sweep_launch import run_here
    from fitgen_gui.core.sweep_table import SWEEP_TABLE, format_table, rows_of

    unfinished, stopped = run_here(sweep_dir, sweep, todo, slots=slots)
    rows = rows_of(sweep_dir, sweep)
    print()
    print(format_table(sweep.keys, rows))
    print(f"Table: {sweep_dir / SWEEP_TABLE}")
    if not stopped:
        print_sweep_comparison(sweep_dir, sweep, rows)
    if stopped:
        return EXIT_STOPPED
    return EXIT_FAILED if unfinished else EXIT_OK


def _status(sweep_dir: Path, *, quiet: bool) -> int:
    from fitgen_gui.cli.sweep_launch import refresh_table, slurm_tasks
    from fitgen_gui.core.sweep import Sweep
    from fitgen_gui.core.sweep_table import SWEEP_TABLE, count_statuses, format_table

    sweep = Sweep.read(sweep_dir)
    tasks = slurm_tasks(sweep) if sweep.engine == "slurm" else None
    rows = refresh_table(sweep_dir, sweep, tasks)
    if not quiet:
        print(format_table(sweep.keys, rows))
        print(f"{count_statuses(rows)}. Table: {sweep_dir / SWEEP_TABLE}")
    return EXIT_OK


def _resume(sweep_dir: Path, args: argparse.Namespace) -> int:
    from fitgen_gui.cli.sweep_launch import require_sbatch, slurm_tasks
    from fitgen_gui.core.sweep import Sweep
    from fitgen_gui.core.sweep_table import UNFINISHED, rows_of

    sweep = Sweep.read(sweep_dir)
    slurm = sweep.engine == "slurm"
    if slurm:
        require_sbatch()
    rows = rows_of(sweep_dir, sweep, slurm_tasks(sweep) if slurm else None)
    todo = [i for i, row in enumerate(rows) if row.status in UNFINISHED]
    if not todo:
        print(f"Nothing to continue in {sweep_dir.name}: every run is finished, running or "
              "queued (fitgen sweep --status shows them).")
        return EXIT_OK
    print(f"Continuing {len(todo)} of {len(rows)} runs: "
          + ", ".join(f"{rows[i].run} ({rows[i].status})" for i in todo))
    if slurm:
        if args.parallel and args.parallel > 1:
            sweep.options["at_once"] = args.parallel
        return _start_slurm(sweep_dir, sweep, todo, args)
    from fitgen_gui.core.config import RunConfig

    runs = [sweep.runs[i] for i in todo]
    configs = [RunConfig.from_json(run.settings_file(sweep_dir).read_text(encoding="utf-8"))
               for run in runs]
    slots = _slots(args, configs, sweep.keys)
    return _train_here(sweep_dir, sweep, runs, slots, args)


def add_commands(commands: argparse._SubParsersAction) -> None:
    sweep = commands.add_parser(
        "sweep", help="train one run per combination of settings (here, or on SLURM)",
        description="Train one ordinary run per combination of --vary values, in one sweep "
                    "folder with a table of results (sweep.csv).")
    add_config_options(sweep)
    sweep.add_argument("-v", "--verbose", type=int, choices=[0, 1, 2],
                       help="each run's output: 0 quiet, 1 progress bar, 2 one line per epoch")
    plan = sweep.add_argument_group("sweep")
    plan.add_argument("--vary", action="append", metavar="KEY=V1,V2,...",
                      help="a setting and its values (repeatable; any key --set accepts); "
                           "every combination is a run")
    plan.add_argument("--random", type=int, metavar="N",
                      help="draw N of the combinations at random instead of all")
    plan.add_argument("--random-seed", type=int, default=0, metavar="S",
                      help="the draw's seed (0): the same seed draws the same runs")
    plan.add_argument("--parallel", type=int, metavar="N",
                      help="train N runs at a time, one GPU each (with --device cpu: on the "
                           "CPU); with --slurm: at most N tasks at once")
    plan.add_argument("--evaluate", action="store_true",
                      help="evaluate each finished run (evaluation.json: per-class accuracy "
                           "and the images fitgen compare lists)")
    plan.add_argument("--runs-dir", default="runs", help="where the sweep folder goes (./runs)")
    plan.add_argument("--yes", action="store_true", help="start a sweep of more than 100 runs")
    plan.add_argument("--status", metavar="SWEEP_DIR",
                      help="show (and rewrite) the sweep's table: each run's status and "
                           "results, with SLURM's view of its task")
    plan.add_argument("--resume", metavar="SWEEP_DIR",
                      help="start again the runs of a sweep that did not finish (each from its "
                           "last checkpoint)")
    plan.add_argument("--quiet", action="store_true", help="with --status: only rewrite the table")
    slurm = sweep.add_argument_group("SLURM")
    slurm.add_argument("--slurm", action="store_true",
                       help="submit the runs as one SLURM job array (sbatch --array)")
    slurm.add_argument("--partition", metavar="P")
    slurm.add_argument("--time", metavar="T", help="each task's time limit, e.g. 02:00:00")
    slurm.add_argument("--gpus-per-run", type=int, default=1, metavar="G",
                       help="GPUs per run, per node (1; 0 for CPU-only tasks)")
    slurm.add_argument("--nodes-per-run", type=int, default=1, metavar="N",
                       help="nodes training each run together (srun fitgen worker)")
    slurm.add_argument("--sbatch-arg", action="append", metavar="OPTION",
                       help="another sbatch option for every task, e.g. "
                            "--sbatch-arg=--mem=16G (repeatable)")
    slurm.add_argument("--no-submit", action="store_true",
                       help="write the settings and the sbatch script, but do not submit")
    sweep.set_defaults(func=cmd_sweep)
