"""Real servers for the tests: `haltwatch serve` as a process, a socket that never answers, and a proxy
that counts connections. All on 127.0.0.1, each stopped by the fixture that started it."""

from __future__ import annotations

import http.server
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx

REPO_ROOT = Path(__file__).resolve().parents[3]
HALTWATCH_BIN = REPO_ROOT / "bin" / "haltwatch.js"
DASHBOARD_LINE = re.compile(r"Dashboard: (http://127\.0\.0\.1:(\d+))/\?token=(\S+)")
START_TIMEOUT_S = 60.0
MIN_NODE = (22, 18)


def node_binary() -> str:
    """Node 22.18+ (HALTWATCH_NODE, else `node` on PATH): it runs Haltwatch's TypeScript directly."""
    node = os.environ.get("HALTWATCH_NODE") or shutil.which("node")
    if not node:
        raise RuntimeError("no `node` on PATH (Node 22.18+ runs haltwatch serve); set HALTWATCH_NODE")
    version = subprocess.run(
        [node, "-p", "process.versions.node"], capture_output=True, text=True, check=True
    )
    major, minor = (int(part) for part in version.stdout.strip().split(".")[:2])
    if (major, minor) < MIN_NODE:
        raise RuntimeError(f"{node} is Node {version.stdout.strip()}; haltwatch serve needs 22.18 or later")
    return node


class ServeProcess:
    """`node bin/haltwatch.js serve --port 0` with its own data folder, bot token and operator token."""

    def __init__(
        self, data_dir: Path, token: str, operator_token: str, services: Optional[List[Dict[str, Any]]]
    ):
        self.data_dir = data_dir
        self.token = token
        self.operator_token = operator_token
        data_dir.mkdir(parents=True, exist_ok=True)
        if services is not None:
            (data_dir / "services.json").write_text(json.dumps({"services": services}))
        env = {key: value for key, value in os.environ.items() if key != "HALTWATCH_TOKEN"}
        # Only a Haltwatch with operator tokens reads it; an older one ignores it.
        env["HALTWATCH_OPERATOR_TOKEN"] = operator_token
        self.process = subprocess.Popen(
            [
                node_binary(),
                str(HALTWATCH_BIN),
                "serve",
                "--port",
                "0",
                "--data-dir",
                str(data_dir),
                "--token",
                token,
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: "queue.Queue[Optional[str]]" = queue.Queue()
        self._output: List[str] = []
        threading.Thread(target=self._drain, daemon=True).start()
        self.url = self._wait_for_url()
        self.operator_token_known = self._accepts(operator_token)

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._output.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line is None:
                raise RuntimeError(f"haltwatch serve exited with {self.process.wait()}:\n{self.output()}")
            match = DASHBOARD_LINE.search(line)
            if match:
                return match.group(1)
        self.stop()
        raise RuntimeError(
            f"haltwatch serve printed no Dashboard line within {START_TIMEOUT_S:g} s:\n{self.output()}"
        )

    def _accepts(self, token: str) -> bool:
        answer = httpx.get(f"{self.url}/v1/status", headers={"authorization": f"Bearer {token}"}, timeout=10)
        return answer.status_code == 200

    @property
    def operator(self) -> str:
        """The token for operator actions: the operator token where this Haltwatch has them, else the
        bot token (a Haltwatch without operator tokens lets the bot token do everything)."""
        return self.operator_token if self.operator_token_known else self.token

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def output(self) -> str:
        return "".join(self._output)

    def run_check(self) -> Dict[str, Any]:
        """Starts a check through the API and waits (at most 30 s) for it to finish."""
        headers = {"authorization": f"Bearer {self.operator}"}
        with httpx.Client(base_url=self.url, headers=headers, timeout=10) as http:
            started = http.post("/v1/check")
            assert started.status_code == 202, started.text
            run_id = started.json()["id"]
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                run = http.get(f"/v1/checks/{run_id}")
                if run.status_code == 200 and run.json()["finishedAt"] is not None:
                    result: Dict[str, Any] = run.json()
                    return result
                time.sleep(0.05)
        raise AssertionError(f"check {run_id} did not finish within 30 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class SilentServer:
    """Accepts connections and never answers: a Haltwatch that hangs."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._held: List[socket.socket] = []
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._held.append(connection)

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        for connection in self._held:
            connection.close()


class CountingProxy:
    """Forwards 127.0.0.1 connections to `target_port` and counts them."""

    def __init__(self, target_port: int) -> None:
        self._target = ("127.0.0.1", target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections = 0
        self._sockets: List[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            upstream = socket.create_connection(self._target)
            self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def close(self) -> None:
        self._listener.close()
        for sock in self._sockets:
            sock.close()


class FakeServer:
    """Answers every request with one status and body: whatever else might sit on Haltwatch's port."""

    def __init__(self, status: int, body: str) -> None:
        answer = (status, body.encode())

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(answer[0])
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer[1])))
                self.end_headers()
                self.wfile.write(answer[1])

            do_POST = do_GET

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
