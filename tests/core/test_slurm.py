"""SLURM's text, without SLURM: node lists, the cluster of an srun step, squeue/sacct lines,
and the sweep's job array script."""

import shutil
import subprocess

import pytest

from fitgen_gui.core.cluster import ClusterError
from fitgen_gui.core.slurm import (
    array_spec,
    cluster_from_slurm,
    expand_hostlist,
    expand_tasks_per_node,
    gpu_for_task,
    parse_sacct,
    parse_squeue,
    port_base,
    sbatch_script,
)


@pytest.mark.parametrize(("text", "hosts"), [
    ("vm", ["vm"]),
    ("node[01-03,07]", ["node01", "node02", "node03", "node07"]),
    ("node[8-11]", ["node8", "node9", "node10", "node11"]),
    ("gpu1,cpu[1-2],big", ["gpu1", "cpu1", "cpu2", "big"]),
    ("r[1-2]n[1-2]", ["r1n1", "r1n2", "r2n1", "r2n2"]),
    ("a[1-2]-ib,b[098-101]", ["a1-ib", "a2-ib", "b098", "b099", "b100", "b101"]),
])
def test_node_lists_expand_as_scontrol_show_hostnames_does(text, hosts):
    assert expand_hostlist(text) == hosts


@pytest.mark.parametrize("text", ["node[1-", "node[a-b]", "node[3-1]", "node1]"])
def test_node_list_mistakes_are_refused(text):
    with pytest.raises(ValueError, match=r"node"):
        expand_hostlist(text)


def test_tasks_per_node_expand():
    assert expand_tasks_per_node("2(x3),1") == [2, 2, 2, 1]
    assert expand_tasks_per_node("4") == [4]
    with pytest.raises(ValueError, match="tasks-per-node"):
        expand_tasks_per_node("2(3)")


def step(**changes):
    env = {"SLURM_JOB_ID": "4321", "SLURM_PROCID": "0", "SLURM_LOCALID": "0",
           "SLURM_STEP_ID": "0", "SLURM_STEP_NUM_TASKS": "4",
           "SLURM_STEP_NODELIST": "gpu[07-08]", "SLURM_STEP_TASKS_PER_NODE": "2(x2)",
           "SLURMD_NODENAME": "gpu07"}
    env.update(changes)
    return env


def test_an_srun_step_is_a_cluster_of_its_tasks_in_rank_order():
    first = port_base("4321")
    cluster = cluster_from_slurm(step(SLURM_PROCID="3", SLURM_LOCALID="1",
                                      SLURMD_NODENAME="gpu08"))
    assert cluster.workers == (f"gpu07:{first}", f"gpu07:{first + 1}", f"gpu08:{first}",
                               f"gpu08:{first + 1}")
    assert cluster.index == 3 and not cluster.is_chief
    assert cluster.source == "SLURM job 4321, step 0"
    chief = cluster_from_slurm(step())
    assert chief.is_chief and chief.workers == cluster.workers  # every task agrees
    assert cluster_from_slurm(step(), port=30000).workers[1] == "gpu07:30001"
    assert cluster_from_slurm(step(FITGEN_SLURM_PORT="31000")).workers[0] == "gpu07:31000"
    # Batch-script variables (no step): the job's own node list and task counts.
    batch = {k: v for k, v in step().items() if "STEP" not in k}
    batch.update(SLURM_NTASKS="2", SLURM_JOB_NODELIST="n[1-2]", SLURM_TASKS_PER_NODE="1(x2)",
                 SLURMD_NODENAME="n1")
    assert cluster_from_slurm(batch).workers == (f"n1:{first}", f"n2:{first}")


def test_jobs_get_different_ports_and_one_task_or_no_slurm_is_no_cluster():
    assert port_base("100") != port_base("101")
    assert 20000 <= port_base("999999") < 52000
    assert cluster_from_slurm({}) is None
    assert cluster_from_slurm(step(SLURM_STEP_NUM_TASKS="1", SLURM_STEP_NODELIST="gpu07",
                                   SLURM_STEP_TASKS_PER_NODE="1")) is None


def test_variables_that_do_not_add_up_are_named():
    with pytest.raises(ClusterError, match="disagree: 4 tasks"):
        cluster_from_slurm(step(SLURM_STEP_TASKS_PER_NODE="3,2"))
    with pytest.raises(ClusterError, match="default distribution"):  # cyclic placement
        cluster_from_slurm(step(SLURM_PROCID="1", SLURM_LOCALID="0", SLURMD_NODENAME="gpu08"))
    with pytest.raises(ClusterError, match="do not describe this step"):
        cluster_from_slurm(step(SLURM_STEP_NODELIST="gpu[07-"))


def test_tasks_sharing_a_nodes_gpus_take_one_each():
    shared = step(CUDA_VISIBLE_DEVICES="0,1", SLURM_LOCALID="1")
    assert gpu_for_task(shared) == "1"
    assert gpu_for_task(step(CUDA_VISIBLE_DEVICES="3")) is None  # SLURM bound it already
    assert gpu_for_task(step(CUDA_VISIBLE_DEVICES="0,1", SLURM_STEP_TASKS_PER_NODE="1(x4)",
                             SLURM_STEP_NUM_TASKS="4")) is None  # one task uses all
    assert gpu_for_task(step()) is None


def test_squeue_and_sacct_lines_become_tasks_by_array_index():
    squeue = "12_0|RUNNING|None\n12_[1-3,5]|PENDING|Resources\n13|RUNNING|None\n"
    tasks = parse_squeue(squeue)
    assert sorted(tasks) == [0, 1, 2, 3, 5]
    assert tasks[0].state == "RUNNING" and tasks[0].job == "12_0"
    assert tasks[5].state == "PENDING" and tasks[5].reason == "Resources"
    sacct = "12_0|COMPLETED|0:0\n12_1|CANCELLED by 0|0:15\n12_1.batch|CANCELLED|0:15\n"
    done = parse_sacct(sacct)
    assert done[0].state == "COMPLETED" and done[1].state == "CANCELLED"
    assert done[1].reason == "exit 0:15"
    assert parse_squeue("") == {} and parse_sacct("garbage") == {}


def test_array_specs_fold_ranges():
    assert array_spec([0, 1, 2, 3]) == "0-3"
    assert array_spec([1, 4, 5, 7]) == "1,4-5,7"
    assert array_spec([2], at_once=2) == "2%2"


def script(**changes):
    kwargs = {"sweep_dir": "/data/my runs/sweep", "runs": ["01_lr-0.001", "02_lr-0.01"],
              "fitgen": ["/opt/venv/bin/python", "-m", "fitgen_gui.cli"],
              "job_name": "fitgen-sweep", "partition": "gpu", "time": "02:00:00",
              "gpus_per_run": 1, "extra": ["--mem=16G"]}
    kwargs.update(changes)
    return sbatch_script(**kwargs)


def test_the_job_array_script_trains_each_run_and_resumes_a_started_one():
    text = script()
    for line in ("#SBATCH --partition=gpu", "#SBATCH --time=02:00:00",
                 "#SBATCH --gres=gpu:1", "#SBATCH --mem=16G", "#SBATCH --nodes=1",
                 "#SBATCH --output=/data/my runs/sweep/logs/%A_%a.out",
                 "SWEEP='/data/my runs/sweep'", "FITGEN=(/opt/venv/bin/python -m "
                 "fitgen_gui.cli)", "  01_lr-0.001", "  02_lr-0.01",
                 '  "${FITGEN[@]}" resume "$RUN"',
                 '  "${FITGEN[@]}" train "settings/$RUN.json" --run-folder "$RUN"',
                 '"${FITGEN[@]}" sweep --status "$SWEEP" --quiet || true  # rewrite sweep.csv'):
        assert line in text.splitlines(), line
    assert "submitit" in text and "sbatch --array=0-1 sweep.sbatch" in text
    assert "srun" not in text and "evaluate" not in text
    cpu = script(gpus_per_run=0, partition=None, time=None, extra=[])
    assert "--gres" not in cpu and "--partition" not in cpu and "--time" not in cpu


def test_several_nodes_per_run_start_one_worker_per_node_with_srun():
    text = script(nodes_per_run=2, evaluate=True, trust_data_file=True)
    assert "#SBATCH --nodes=2" in text and "#SBATCH --ntasks-per-node=1" in text
    assert ('  srun "${FITGEN[@]}" worker "settings/$RUN.json" --run-folder "$RUN" '
            "--trust-data-file") in text
    assert '  srun "${FITGEN[@]}" worker --resume "$RUN" --trust-data-file' in text
    assert '[ "$code" -eq 0 ] && "${FITGEN[@]}" evaluate "$RUN" --trust-data-file' in text


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_script_is_valid_bash_and_picks_the_run_of_its_task(tmp_path):
    path = tmp_path / "sweep.sbatch"
    path.write_text(script(sweep_dir=str(tmp_path), fitgen=["echo", "fitgen"]))
    subprocess.run(["bash", "-n", str(path)], check=True)
    (tmp_path / "02_lr-0.01").mkdir()
    (tmp_path / "02_lr-0.01" / "config.json").write_text("{}")
    out = {}
    for task in ("0", "1"):
        done = subprocess.run(["bash", str(path)], capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "SLURM_ARRAY_TASK_ID": task})
        assert done.returncode == 0, done.stderr
        out[task] = done.stdout.splitlines()
    assert out["0"][0] == "fitgen train settings/01_lr-0.001.json --run-folder 01_lr-0.001"
    assert out["1"][0] == "fitgen resume 02_lr-0.01"  # its folder exists: continue it
    assert out["0"][1] == f"fitgen sweep --status {tmp_path} --quiet"
    missing = subprocess.run(["bash", str(path)], capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin"})
    assert missing.returncode != 0 and "submit this script with sbatch --array" in \
        missing.stderr
