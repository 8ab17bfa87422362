"""Shared fixtures: the repository, the bundled example cluster, the CLI binary."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "kerry-lavrov-syria"


def example_documents() -> dict[str, str]:
    """The bundled example cluster as the CLI reads it: file name to text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))}


@pytest.fixture(scope="session")
def example() -> dict[str, str]:
    return example_documents()


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `precis` binary built from this checkout (scripts/test.d/20-python.sh builds it)."""
    given = os.environ.get("PRECIS_CLI")
    candidates = (
        [Path(given)]
        if given
        else [
            ROOT / "target" / "release" / "precis",
            ROOT / "target" / "debug" / "precis",
        ]
    )
    for path in candidates:
        if path.is_file():
            return path
    pytest.fail(
        "no precis binary: run `cargo build --release -p precis-cli` or set PRECIS_CLI "
        f"(looked at {', '.join(map(str, candidates))})"
    )


def listening_addresses() -> set[str]:
    """The addresses the processes this test process started listen on (Spark's JVM, Ray's)."""
    import psutil

    addresses = set()
    for proc in psutil.Process().children(recursive=True):
        try:
            connections = proc.net_connections(kind="inet")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        addresses |= {c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN}
    return addresses


LOOPBACK_ADDRESSES = {"127.0.0.1", "::ffff:127.0.0.1", "::1"}


def run_cli(cli: Path, *args: str | os.PathLike[str], check: bool = True) -> str:
    """Runs the CLI and returns its standard output."""
    done = subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f"precis {args} failed ({done.returncode}): {done.stderr}")
    return done.stdout


# Text written for these tests (not research data): short news-like
# paragraphs about invented events, reused by several test files.
HARBOR = [
    "The city council of Northport voted on Monday to rebuild the old harbor wall. "
    "The wall was damaged by a storm in March, and repairs will cost about 12 million dollars. "
    "Mayor Ellen Ruiz said the work would start in the autumn and take two years. "
    "Fishermen welcomed the decision but asked for a temporary pier.",
    "Northport will rebuild its harbor wall after a March storm damaged it, the council decided "
    "on Monday. The 12 million dollar project starts in the autumn, Mayor Ellen Ruiz said. "
    "Local fishermen asked the council for a temporary pier while the work goes on. "
    "The council said it would look at the request next month.",
    "A storm in March broke parts of the harbor wall in Northport. On Monday the council approved "
    "a plan to rebuild it over two years. Critics said the cost was too high for a small town. "
    "The mayor answered that the harbor is the heart of the local economy.",
]
