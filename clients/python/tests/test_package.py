"""The package builds (`python -m build`) into a typed wheel that needs httpx alone."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_it_builds_into_a_typed_wheel_that_needs_httpx_alone(tmp_path: Path) -> None:
    # --no-isolation: the build backend comes from the machine (Debian's setuptools), not an index.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(PROJECT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = tmp_path.glob("haltwatch_client-0.1.0-py3-none-any.whl")
    assert len(list(tmp_path.glob("haltwatch[-_]client-0.1.0.tar.gz"))) == 1  # older setuptools: a dash
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [meta_name] = [name for name in names if name.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(archive.read(meta_name).decode())
    sources = {path.relative_to(PROJECT / "src").as_posix() for path in (PROJECT / "src").rglob("*.py")}
    assert sources | {"haltwatch/py.typed"} <= names
    assert not [name for name in names if name.startswith(("tests/", "examples/"))]
    assert (meta["Name"], meta["Requires-Python"]) == ("haltwatch-client", ">=3.9")
    # "httpx (>=0.23)" from older setuptools, "httpx>=0.23" from newer
    runtime = [
        re.sub(r"[ ()]", "", req) for req in meta.get_all("Requires-Dist") or [] if "extra ==" not in req
    ]
    assert runtime == ["httpx>=0.23"]


def test_the_installed_client_is_marked_typed() -> None:
    files = metadata.files("haltwatch-client") or []
    assert "haltwatch/py.typed" in {file.as_posix() for file in files}
