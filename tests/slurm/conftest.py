"""A real one-node SLURM cluster for the tests of this folder (marked ``slurm``).

CI starts it with ``.ci/slurm-up`` and exports ``SLURM_CONF``; the tests use that cluster
only when it is FitGen's test cluster (``ClusterName=fitgen-test``), never a lab's real one.
With ``FITGEN_SLURM_TESTS=start`` the fixture starts its own (and stops it after). Anywhere
else the tests are skipped and say how to run them.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_CLUSTER = "ClusterName=fitgen-test"


def _answers(conf: str) -> bool:
    try:
        done = subprocess.run(["sinfo", "-h", "-N", "-o", "%T"], capture_output=True,
                              text=True, timeout=20, env={**os.environ, "SLURM_CONF": conf})
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and ("idle" in done.stdout or "mix" in done.stdout)


def _ours(conf: str) -> bool:
    try:
        return TEST_CLUSTER in Path(conf).read_text(encoding="utf-8")
    except OSError:
        return False


@pytest.fixture(scope="session")
def slurm_conf(tmp_path_factory):
    """The ``SLURM_CONF`` of a running one-node test cluster."""
    conf = os.environ.get("SLURM_CONF", "")
    if conf and _ours(conf):
        if not _answers(conf):
            pytest.skip(f"SLURM_CONF={conf} is FitGen's test cluster, but sinfo gets no idle "
                        "node from it; start it again with .ci/slurm-down and .ci/slurm-up.")
        yield conf
        return
    if os.environ.get("FITGEN_SLURM_TESTS") != "start":
        pytest.skip("No SLURM test cluster: run `eval $(.ci/slurm-up)` first (it prints the "
                    "SLURM_CONF to export), or set FITGEN_SLURM_TESTS=start to let the tests "
                    "start one.")
    if shutil.which("slurmctld") is None and not Path("/usr/sbin/slurmctld").exists():
        pytest.skip("SLURM cannot be started here: slurm-wlm is not installed (apt-get "
                    "install slurm-wlm munge).")
    state = tmp_path_factory.mktemp("slurm")
    up = subprocess.run([str(ROOT / ".ci" / "slurm-up"), str(state)], capture_output=True,
                        text=True, timeout=120)
    if up.returncode != 0:
        pytest.skip(f"SLURM cannot be started here (.ci/slurm-up exit {up.returncode}): "
                    f"{up.stderr.strip()[-500:]}")
    try:
        yield str(state / "slurm.conf")
    finally:
        subprocess.run([str(ROOT / ".ci" / "slurm-down"), str(state)], timeout=120)


@pytest.fixture
def slurm_env(slurm_conf):
    """The environment for commands that talk to the test cluster (sbatch passes it on to
    the tasks: this checkout's FitGen, no GPU)."""
    return {**os.environ, "SLURM_CONF": slurm_conf, "TF_CPP_MIN_LOG_LEVEL": "3",
            "CUDA_VISIBLE_DEVICES": "", "PYTHONPATH": str(ROOT)}
