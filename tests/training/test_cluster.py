"""Several machines: worker processes on 127.0.0.1 with TF_CONFIG, as on separate computers.

Each worker is its own process (TensorFlow joins a cluster once, at start). The chief
writes the run folder; every worker sees the same global metrics; each replica trains on
half of each batch; a stop on any worker stops all after the same batch.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from fitgen_gui.core.cluster import Cluster, ClusterError, handshake
from fitgen_gui.core.run_dir import RunDir
from tests.training.replica_script import script


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def tf_config(ports, index):
    return json.dumps({"cluster": {"worker": [f"127.0.0.1:{p}" for p in ports]},
                       "task": {"type": "worker", "index": index}})


def start(args, ports, index, cwd):
    env = {**os.environ, "TF_CONFIG": tf_config(ports, index), "CUDA_VISIBLE_DEVICES": ""}
    return subprocess.Popen([sys.executable, *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(processes, timeout=240):
    outputs = []
    for process in processes:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            for p in processes:
                p.kill()
            raise
        outputs.append(output)
    return outputs


# -- the handshake before TensorFlow -------------------------------------------------------

def test_handshake_meets_every_worker_and_names_the_one_that_is_missing():
    ports = free_ports(2)
    workers = tuple(f"127.0.0.1:{p}" for p in ports)
    errors = []

    def meet(index):
        try:
            handshake(Cluster(workers, index), timeout_s=30)
        except ClusterError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=meet, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []

    started = time.monotonic()
    with pytest.raises(ClusterError) as missing:
        handshake(Cluster(workers, 0), timeout_s=1.5)
    assert time.monotonic() - started < 10
    assert f"worker 1 (127.0.0.1:{ports[1]}) could not be reached" in str(missing.value)
    assert "--index 1" in str(missing.value)


def test_a_port_in_use_and_a_different_cluster_file_are_named():
    ports = free_ports(2)
    workers = tuple(f"127.0.0.1:{p}" for p in ports)
    with socket.socket() as busy:
        busy.bind(("", ports[0]))
        busy.listen()
        with pytest.raises(ClusterError, match=f"Port {ports[0]} of this computer"):
            handshake(Cluster(workers, 0), timeout_s=2)

    other = (workers[0], workers[1], "127.0.0.1:1")  # worker 1 read another file
    errors = []

    def worker_one():
        try:
            handshake(Cluster(other, 1), timeout_s=10)
        except ClusterError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=worker_one)
    thread.start()
    with pytest.raises(ClusterError, match="different cluster file"):
        handshake(Cluster(workers, 0), timeout_s=10)
    thread.join(30)
    assert len(errors) == 1 and "different cluster file" in errors[0]


# -- training ------------------------------------------------------------------------------

WORKER = script("""
    from fitgen_gui.core.cluster import cluster_from_env
    from fitgen_gui.training import tf_devices

    tf_devices.join_cluster(cluster_from_env())
    device = tf_devices.configure("auto", False)
""")


@pytest.mark.slow
def test_two_workers_each_train_on_half_of_each_batch_as_one_device_would(tmp_path):
    ports = free_ports(2)
    outputs = finish([start(["-c", WORKER], ports, i, tmp_path) for i in range(2)])
    results = []
    for output in outputs:
        lines = [line for line in output.splitlines() if line.startswith("{")]
        assert lines, output[-3000:]
        results.append(json.loads(lines[-1]))
    assert [r["chief"] for r in results] == [True, False]
    for result in results:
        assert result["replicas"] == 2 and result["workers"] == 2
        assert result["sizes"] == [4]  # each worker's replica trains on half of the 8
        assert result["difference"] < 1e-5  # the same weights as one device
        for key, values in result["one"].items():  # global metrics, class weights applied
            assert result["two"][key] == pytest.approx(values, abs=1e-5), key
    assert results[0]["two"] == results[1]["two"]


def last_loss(output):
    epochs = [line for line in output.splitlines() if " - loss: " in line]
    assert epochs, output[-3000:]
    return epochs[-1].split(" - loss: ")[1].split()[0]


def scratch_folder(output):
    line = next(line for line in output.splitlines()
                if line.startswith("Removed this worker's temporary folder"))
    return line.split("folder ")[1].split(":")[0]


@pytest.mark.slow
def test_fitgen_workers_train_one_run_written_by_the_chief_and_resume_it(tiny_dataset,
                                                                         tmp_path):
    ports = free_ports(2)
    train = ["-m", "fitgen_gui.cli", "worker", "--train", tiny_dataset / "train", "--val",
             tiny_dataset / "val", "--target-size", 32, 32, "--batch-size", 8, "--epochs", 2,
             "--workers", 1, "--runs-dir", tmp_path / "runs", "-v", 2, "--wait", 60]
    outputs = finish([start(train, ports, i, tmp_path) for i in range(2)])
    for output in outputs:
        assert "Training finished after 2 epochs" in output, output[-3000:]
        assert "2 replicas: each batch of 8 is split, 4 images per replica" in output
    assert last_loss(outputs[0]) == last_loss(outputs[1])
    runs = list((tmp_path / "runs").iterdir())
    assert len(runs) == 1  # the chief's; the other worker's folder is gone
    assert not os.path.exists(scratch_folder(outputs[1]))
    run = RunDir(runs[0])
    assert [row["epoch"] for row in run.read_history()] == [0, 1]
    assert [c.epoch for c in run.checkpoints()] == [1, 2]

    ports = free_ports(2)
    resume = ["-m", "fitgen_gui.cli", "worker", "--resume", run.path, "--from-epoch", 1,
              "--epochs", 3, "-v", 2, "--wait", 60]
    outputs = finish([start(resume, ports, i, tmp_path) for i in range(2)])
    for output in outputs:
        assert "Resuming from" in output and "Training finished after 3 epochs" in output, \
            output[-3000:]
    assert last_loss(outputs[0]) == last_loss(outputs[1])
    assert [row["epoch"] for row in run.read_history()] == [0, 1, 2]
    assert [c.epoch for c in run.checkpoints()] == [1, 2, 3]


@pytest.mark.slow
def test_ctrl_c_on_one_worker_stops_every_worker_after_the_same_batch(tiny_dataset, tmp_path):
    ports = free_ports(2)
    train = ["-m", "fitgen_gui.cli", "worker", "--train", tiny_dataset / "train",
             "--target-size", 32, 32, "--batch-size", 2, "--epochs", 50, "--workers", 1,
             "--runs-dir", tmp_path / "runs", "-v", 2, "--wait", 60]
    workers = [start(train, ports, i, tmp_path) for i in range(2)]
    run_folder = tmp_path / "runs"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:  # until the chief has saved epoch 1
        found = list(run_folder.glob("*/checkpoints/epoch-0001.keras"))
        if found:
            break
        time.sleep(0.2)
    assert found, "no checkpoint of epoch 1"
    workers[1].send_signal(signal.SIGINT)  # the other worker, not the chief
    outputs = finish(workers)
    assert [w.returncode for w in workers] == [130, 130], outputs[0][-2000:]
    run = RunDir(found[0].parent.parent)
    assert run.read_state()["status"] == "stopped"
    latest = run.checkpoint()
    assert latest is not None and latest.epoch >= 2
    stops = [line for output in outputs for line in output.splitlines()
             if line.startswith("Stopped at epoch")]
    assert len(stops) == 2 and stops[0].split(".")[0] == stops[1].split(".")[0], stops


@pytest.mark.slow
def test_cluster_check_starts_local_workers_and_trains_ten_steps(tmp_path):
    ports = free_ports(2)
    cluster = tmp_path / "cluster.json"
    cluster.write_text(json.dumps({"workers": [f"127.0.0.1:{p}" for p in ports]}))
    done = subprocess.run([sys.executable, "-m", "fitgen_gui.cli", "cluster-check", cluster],
                          capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert done.stdout.count("Cluster ready") == 2
    assert done.stdout.count("2 replicas trained 10 steps together") == 2

    cluster.write_text(json.dumps({"workers": [f"127.0.0.1:{ports[0]}", "192.0.2.7:2222"]}))
    remote = subprocess.run([sys.executable, "-m", "fitgen_gui.cli", "cluster-check",
                             cluster], capture_output=True, text=True, timeout=60)
    assert remote.returncode == 2
    assert "192.0.2.7:2222 are on other machines" in remote.stderr
    assert f"cluster-check {cluster} --index I" in remote.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("{", "is not valid JSON"),
    ('{"workers": ["127.0.0.1:1"]}', "at least two workers"),
    ('{"workers": ["127.0.0.1", "127.0.0.1:2"]}', "is not HOST:PORT"),
    ('{"workers": ["a:1", "a:1"]}', "the same HOST:PORT twice"),
    ('{"nodes": []}', 'has no "workers" list'),
])
def test_cluster_file_mistakes_are_named(tmp_path, text, message):
    from fitgen_gui.core.cluster import read_cluster

    path = tmp_path / "cluster.json"
    path.write_text(text)
    with pytest.raises(ClusterError, match=message) as error:
        read_cluster(path, 0)
    assert str(path) in str(error.value)


def test_tensorflows_cluster_spec_and_tf_config_files_are_read_and_named(tmp_path):
    from fitgen_gui.core.cluster import CLUSTER_SPEC_FORM, TF_CONFIG_FORM, read_cluster

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"chief": ["a:1"], "worker": ["b:2", "c:3"]}))
    cluster = read_cluster(spec, 1)
    assert cluster.workers == ("a:1", "b:2", "c:3") and cluster.index == 1
    assert cluster.form == CLUSTER_SPEC_FORM
    plain = tmp_path / "workers.json"
    plain.write_text(json.dumps({"worker": ["b:2", "c:3"]}))
    assert read_cluster(plain, 0).workers == ("b:2", "c:3")
    whole = tmp_path / "tf_config.json"
    whole.write_text(json.dumps({"cluster": {"worker": ["b:2", "c:3"]},
                                 "task": {"type": "worker", "index": 1}}))
    cluster = read_cluster(whole, None)  # the file names this machine's index
    assert cluster.index == 1 and cluster.form == TF_CONFIG_FORM
    assert read_cluster(whole, 1).index == 1
    with pytest.raises(ClusterError, match="TF_CONFIG for worker 1, but --index is 0"):
        read_cluster(whole, 0)
    with pytest.raises(ClusterError, match="Give this worker's --index"):
        read_cluster(spec, None)


def test_the_worker_says_which_form_of_cluster_file_it_read(tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"worker": ["127.0.0.1:1", "127.0.0.1:2"]}))
    result = subprocess.run(
        [sys.executable, "-m", "fitgen_gui.cli", "worker", "--cluster", str(spec), "--index",
         "0", "--train", str(tmp_path / "missing"), "--wait", "1"],
        capture_output=True, text=True, timeout=120)
    assert f"Read the cluster from {spec} (TensorFlow's ClusterSpec form)" in result.stdout


def test_tf_config_with_a_chief_counts_it_as_worker_0(tmp_path):
    from fitgen_gui.core.cluster import cluster_from_env, read_cluster

    config = {"cluster": {"chief": ["a:1"], "worker": ["b:2", "c:3"]},
              "task": {"type": "worker", "index": 1}}
    cluster = cluster_from_env({"TF_CONFIG": json.dumps(config)})
    assert cluster.workers == ("a:1", "b:2", "c:3") and cluster.index == 2
    assert not cluster.is_chief
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps({"workers": ["a:1", "b:2"]}))
    with pytest.raises(ClusterError, match=r"Worker index 5 is not in .* use 0 to 1"):
        read_cluster(path, 5)


@pytest.mark.slow
def test_a_worker_that_dies_stops_the_chief_with_a_message_and_keeps_its_checkpoints(
        tiny_dataset, tmp_path):
    ports = free_ports(2)
    train = ["-m", "fitgen_gui.cli", "worker", "--train", tiny_dataset / "train",
             "--target-size", 32, 32, "--batch-size", 2, "--epochs", 50, "--workers", 1,
             "--runs-dir", tmp_path / "runs", "-v", 2, "--wait", 60]
    workers = [start(train, ports, i, tmp_path) for i in range(2)]
    deadline = time.monotonic() + 180
    found = []
    while not found and time.monotonic() < deadline:
        found = list((tmp_path / "runs").glob("*/checkpoints/epoch-0001.keras"))
        time.sleep(0.2)
    assert found, "no checkpoint of epoch 1"
    workers[1].kill()  # its machine fails: no goodbye
    output = finish(workers)[0]
    assert workers[0].returncode == 1, output[-3000:]
    assert (f"Worker 1 (127.0.0.1:{ports[1]}) of the cluster stopped answering"
            in output), output[-3000:]
    run = RunDir(found[0].parent.parent)
    assert run.read_state()["status"] == "failed"
    assert run.checkpoint() is not None and run.checkpoint().epoch >= 1


@pytest.mark.slow
def test_workers_with_different_images_are_refused_before_training(tiny_dataset, tmp_path):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(tiny_dataset, other)
    next((other / "train" / "circle").iterdir()).unlink()  # one photo fewer on worker 1
    ports = free_ports(2)
    outputs = finish([start(
        ["-m", "fitgen_gui.cli", "worker", "--train", data / "train", "--val", data / "val",
         "--target-size", 32, 32, "--batch-size", 8, "--epochs", 1, "--workers", 1,
         "--runs-dir", tmp_path / f"runs{i}", "--wait", 60], ports, i, tmp_path)
        for i, data in enumerate((tiny_dataset, other))])
    for output in outputs:
        assert "The workers do not see the same images" in output, output[-3000:]
        assert "Epoch 1/1" not in output
    assert "found 35 training and 12 validation images" in outputs[1]
