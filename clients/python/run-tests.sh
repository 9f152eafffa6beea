#!/usr/bin/env bash
# The Python client's checks: installs it with its test extras into a venv, type-checks it (mypy
# --strict) with its tests and examples, and runs pytest against real `haltwatch serve` processes.
#
# PyPI cannot be reached on CI's machines (only the npm registry and Debian's packages), so the test
# tools come from Debian's packages and the venv sees them (--system-site-packages); pip installs the
# client itself, from this folder, without an index. Needs Node 22.18+ on PATH for `haltwatch serve`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${HALTWATCH_PYTHON:-/usr/bin/python3}"
venv="${HALTWATCH_PYTHON_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/haltwatch-python/venv}"
apt_packages="python3-venv python3-httpx python3-pytest python3-pytest-asyncio python3-mypy python3-build python3-setuptools"

if ! "$python" -c 'import httpx, pytest, pytest_asyncio, mypy, build, setuptools' 2>/dev/null; then
  echo "python client: $python lacks the test tools; install them with: apt-get install $apt_packages" >&2
  exit 1
fi
if ! "$venv/bin/python" -c 'import httpx' 2>/dev/null; then
  echo "python client: creating $venv"
  rm -rf "$venv"
  "$python" -m venv --system-site-packages "$venv"
fi

# This machine's pip settings (extra indexes, find-links) play no part: the same steps as on CI.
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
"$venv/bin/python" -m pip install --quiet --no-index --no-build-isolation --force-reinstall --no-deps "$here"
"$venv/bin/python" -m pip install --quiet --no-index --no-build-isolation "$here[test]"  # the extras, from Debian's

cd "$here"
"$venv/bin/python" -m mypy --cache-dir "$venv/.mypy-cache" src tests examples
"$venv/bin/python" -m pytest "$@"
