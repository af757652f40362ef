"""Type-check vbgraph with mypy under its installed name.

The repository root is the `vbgraph` package (graph/, loaders/, ... at the top level), so mypy
is pointed at a temporary folder where `vbgraph` links to the root.

    python tests/typecheck.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_mypy() -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "vbgraph").symlink_to(ROOT, target_is_directory=True)
        env = {**os.environ, "MYPYPATH": tmp}
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
             "--cache-dir", str(Path(tmp) / ".mypy_cache"), "-p", "vbgraph"],
            cwd=tmp, env=env, capture_output=True, text=True, check=False,
        )


if __name__ == "__main__":
    result = run_mypy()
    sys.stdout.write(result.stdout + result.stderr)
    sys.exit(result.returncode)
