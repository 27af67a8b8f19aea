"""Downloading backbone weights, against a local HTTP server on 127.0.0.1: a good file, a
wrong hash, a cut-off body, a 404, a dropped connection; nothing half-written is ever left
in Keras's cache, and a retry works."""

import gc
import hashlib
import http.server
import re
import threading
from pathlib import Path

import pytest

from fitgen_gui.cli import main
from fitgen_gui.training.weights_download import (
    MIRROR_VARIABLE,
    DownloadError,
    download_weights,
    weights_status,
)
from fitgen_gui.training.weights_files import WEIGHTS

BODY = b"\x89HDF\r\n\x1a\n" + bytes(range(256)) * 800  # 200 kB that look like an HDF5 file
GOOD_MD5 = hashlib.md5(BODY).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    mode = "good"

    def do_GET(self):
        mode = type(self).mode
        if mode == "404":
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if mode == "truncated":
            self.wfile.write(BODY[:len(BODY) // 3])  # then the server closes
        elif mode == "drop":
            self.wfile.write(BODY[:1000])
            self.connection.shutdown(2)
        else:
            self.wfile.write(BODY)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    Handler.mode = "good"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    return tmp_path / "keras" / "models"


def test_a_good_file_is_checked_and_moved_into_keras_cache(server, cache):
    _, url = server
    seen = []
    path = download_weights("mobilenet_v3_small", mirror=url, file_hash=GOOD_MD5,
                            progress=lambda done, total: seen.append((done, total)))
    assert Path(path).read_bytes() == BODY
    assert Path(path).parent == cache
    assert seen[-1] == (len(BODY), len(BODY))
    assert [p.name for p in cache.iterdir()] == [WEIGHTS["mobilenet_v3_small"].file_name]
    status = {w.architecture: w for w in weights_status(url)}
    assert status["mobilenet_v3_small"].present and not status["resnet50"].present
    # A second call finds it in place and does not fetch it again.
    Handler.mode = "404"
    assert download_weights("mobilenet_v3_small", mirror=url, file_hash=GOOD_MD5) == path


# urllib leaves its (closed) socket to the collector when a body is cut off mid-read.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(("mode", "words"), [
    ("404", r"The server answered 404"),
    ("truncated", r"stopped after|broke off"),
    ("drop", r"stopped after|broke off"),
])
def test_failures_leave_nothing_and_a_retry_works(server, cache, mode, words):
    _, url = server
    Handler.mode = mode
    with pytest.raises(DownloadError, match=words) as caught:
        download_weights("efficientnet_b0", mirror=url, file_hash=GOOD_MD5, timeout=10)
    assert "To place it by hand, download" in str(caught.value)
    assert not cache.exists() or not list(cache.iterdir())  # not even a .part file
    del caught
    gc.collect()  # what urllib left of a cut-off connection goes now, under this test's filter
    Handler.mode = "good"
    path = download_weights("efficientnet_b0", mirror=url, file_hash=GOOD_MD5)
    assert Path(path).read_bytes() == BODY


def test_a_file_with_the_wrong_hash_is_not_kept(server, cache):
    _, url = server
    with pytest.raises(DownloadError, match="is not the expected one") as caught:
        download_weights("resnet50", mirror=url)  # the published hash: not our test body
    assert WEIGHTS["resnet50"].file_hash in str(caught.value)
    assert not list(cache.iterdir())


def test_sha256_hashes_are_checked_too(server, cache):
    _, url = server
    good = hashlib.sha256(BODY).hexdigest()
    assert Path(download_weights("resnet50", mirror=url, file_hash=good)).exists()


def test_offline_is_said_in_one_sentence_with_the_manual_path(cache):
    # Nothing listens on this port of this address.
    with pytest.raises(DownloadError, match=r"cannot be reached .* may be offline") as caught:
        download_weights("resnet50", mirror="http://127.0.0.1:9/", timeout=5)
    assert str(cache) in str(caught.value)


def test_a_cancelled_download_keeps_nothing(server, cache):
    _, url = server
    stop = threading.Event()
    stop.set()
    with pytest.raises(DownloadError, match="cancelled"):
        download_weights("resnet50", mirror=url, file_hash=GOOD_MD5, cancel=stop)
    assert not list(cache.iterdir())


def test_the_mirror_comes_from_the_environment(monkeypatch, cache):
    monkeypatch.setenv(MIRROR_VARIABLE, "https://mirror.lab.example/keras")
    urls = {w.architecture: w.url for w in weights_status()}
    assert urls["resnet50"] == ("https://mirror.lab.example/keras/"
                                "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5")


def test_fitgen_weights_list_and_download(server, cache, capsys):
    _, url = server
    assert main(["weights", "list", "--mirror", url]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"mobilenet_v3_small\s+missing \(about 4 MB\)", listing)
    assert main(["weights", "download", "resnet50", "--mirror", url, "--quiet"]) == 2
    assert "is not the expected one" in capsys.readouterr().err


def test_our_table_is_what_the_installed_keras_publishes():
    import inspect

    from keras.src.applications import (
        convnext,
        efficientnet,
        efficientnet_v2,
        mobilenet_v3,
        resnet,
    )

    assert WEIGHTS["mobilenet_v3_small"].file_hash == \
        mobilenet_v3.WEIGHTS_HASHES["small_224_1.0_float"][1]
    assert WEIGHTS["mobilenet_v3_small"].base_url == mobilenet_v3.BASE_WEIGHT_PATH
    assert WEIGHTS["efficientnet_b0"].file_hash == efficientnet.WEIGHTS_HASHES["b0"][1]
    assert WEIGHTS["efficientnet_b0"].base_url == efficientnet.BASE_WEIGHTS_PATH
    assert WEIGHTS["resnet50"].file_hash == resnet.WEIGHTS_HASHES["resnet50"][1]
    assert WEIGHTS["resnet50"].base_url == resnet.BASE_WEIGHTS_PATH
    assert WEIGHTS["mobilenet_v3_large"].file_hash == \
        mobilenet_v3.WEIGHTS_HASHES["large_224_1.0_float"][1]
    assert WEIGHTS["efficientnet_v2_b0"].file_hash == efficientnet_v2.WEIGHTS_HASHES["b0"][1]
    assert WEIGHTS["efficientnet_v2_b0"].base_url == efficientnet_v2.BASE_WEIGHTS_PATH
    assert WEIGHTS["convnext_tiny"].file_hash == convnext.WEIGHTS_HASHES["convnext_tiny"][1]
    assert WEIGHTS["convnext_tiny"].base_url == convnext.BASE_WEIGHTS_PATH
    assert len(WEIGHTS["convnext_tiny"].file_hash) == 64  # a SHA-256, checked as one
    # The file names Keras builds for the no-top weights.
    assert "_no_top_v2.h5" in inspect.getsource(mobilenet_v3)
    assert WEIGHTS["resnet50"].file_name == \
        "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"
