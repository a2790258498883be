"""Run the review server on 127.0.0.1 until Ctrl-C (uvicorn), optionally opening the browser."""

from __future__ import annotations

import contextlib
import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn

from align.errors import UsageError
from align.review.server import build_app, new_token
from align.review.session import Session

LOOPBACK = "127.0.0.1"


def bind(port: int = 0) -> socket.socket:
    """A listening socket on the loopback address only (port 0: a random free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"port {port} on {LOOPBACK} cannot be used ({exc.strerror or exc})",
                         hint="choose another --port, or leave it out for a random one") from exc
    sock.listen(64)
    return sock


def review_url(port: int, token: str) -> str:
    return f"http://{LOOPBACK}:{port}/{token}/"


def make_server(session: Session, port: int = 0, token: str | None = None
                ) -> tuple[uvicorn.Server, socket.socket, str]:
    """A uvicorn server for ``session`` on a bound loopback socket, and the page's address."""
    sock = bind(port)
    port = sock.getsockname()[1]
    token = token or new_token()
    app = build_app(session, token, (f"{LOOPBACK}:{port}", f"localhost:{port}"))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                           server_header=False))
    return server, sock, review_url(port, token)


def serve(session: Session, port: int = 0, open_browser: bool = True,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``session`` until Ctrl-C; every decision is already on disk when this returns."""
    server, sock, url = make_server(session, port)
    if on_ready is not None:
        on_ready(url)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        with contextlib.suppress(OSError):
            sock.close()
