"""The Ray recipe: Ray Data map_batches with precis.ray.Summarize, 2 CPUs on 127.0.0.1."""

from __future__ import annotations

import os

import precis
import pytest
from conftest import HARBOR, LOOPBACK_ADDRESSES, listening_addresses
from test_offsets import NON_ASCII

# Ray 2.x binds to the host's address and to all interfaces, even with
# _node_ip_address="127.0.0.1", unless told to stay on loopback like this
# (checked: without it, gcs_server and raylet listen on "::").
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_AUTH_MODE", "disabled")
import ray  # noqa: E402  (installed by scripts/test.d/20-python.sh)


@pytest.fixture(scope="module")
def ray_local():
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    yield
    ray.shutdown()


def test_map_batches(ray_local) -> None:
    from precis.ray import Summarize

    texts = HARBOR + NON_ASCII
    clusters = [
        {
            "id": f"c{i}",
            "documents": [{"id": f"d{k}", "text": texts[(i + k) % len(texts)]} for k in range(3)],
        }
        for i in range(12)
    ]
    clusters.append({"id": "empty", "documents": [{"id": "e", "text": ""}]})
    ds = ray.data.from_items(clusters)
    out = ds.map_batches(
        Summarize,
        fn_constructor_kwargs={"words": 40},
        concurrency=2,
        batch_size=4,
        batch_format="pyarrow",
    )
    rows = {r["id"]: r for r in out.take_all()}
    assert len(rows) == len(clusters)
    summarizer = precis.Summarizer(words=40)
    for cluster in clusters[:-1]:
        expected = summarizer.summarize(cluster["documents"], id=cluster["id"])
        assert rows[cluster["id"]]["record"] + "\n" == expected.to_jsonl()
    assert rows["empty"]["record"] is None and "no document with text" in rows["empty"]["error"]
    assert [n["NodeManagerAddress"] for n in ray.nodes()] == ["127.0.0.1"]
    listening = listening_addresses()
    assert listening and listening <= LOOPBACK_ADDRESSES, listening
