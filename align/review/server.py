"""The review's web application (Starlette), and who may talk to it.

Everything lives under ``/<token>/``: the page, its two assets, the API and the exports.
A request is refused unless (1) its ``Host`` is this server's own loopback address (a DNS
rebinding page has its own host name there), (2) any ``Origin`` it carries is that same
address and it is not a cross-site fetch, and (3) its path starts with the random token,
compared in constant time. Assets come from a fixed list inside the package, exports are
rendered in memory or written under ``DIR/corrected/``: no request names a file. Bad
bodies get a 4xx with one clear sentence; an unexpected error a 500 without a traceback.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterable
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from align.errors import AlignError
from align.review import export as ex
from align.review import writers
from align.review.session import Session
from align.review.view import VIEWS

ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8",
          "index.html": "text/html; charset=utf-8"}
MAX_BODY = 256 * 1024
MAX_LIMIT = 500
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store", "X-Frame-Options": "DENY"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _asset(name: str) -> bytes:
    return resources.files("align.review").joinpath("static", name).read_bytes()


class Guard:
    """ASGI middleware: loopback ``Host``, same ``Origin``, token prefix; else a plain refusal."""

    def __init__(self, app: ASGIApp, token: str, hosts: Iterable[str]) -> None:
        self.app, self.token = app, token
        self.hosts = frozenset(h.lower() for h in hosts)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        why = self._refusal(scope, headers)
        if why is not None:
            status, message = why
            await JSONResponse({"error": message}, status, headers=HEADERS)(scope, receive, send)
            return
        if scope["path"] == "/" + self.token:
            await Response(status_code=307, headers={**HEADERS, "Location": f"/{self.token}/"})(scope, receive, send)
            return
        scope = dict(scope)
        scope["root_path"] = scope.get("root_path", "") + "/" + self.token
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if headers.get("host", "").lower() not in self.hosts:
            return 421, "refused: this server answers only to its own address (wrong Host header)"
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return 403, "refused: request from another site (foreign Origin)"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "refused: cross-site request"
        path: str = scope.get("path", "")
        head = path[1:].split("/", 1)[0]
        if not path.startswith("/") or not hmac.compare_digest(head.encode(), self.token.encode()):
            return 403, "refused: this address needs the review's token (use the address align review printed)"
        return None


async def _json_body(request: Request) -> Any:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the decision as JSON (Content-Type: application/json)")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"request body too large (over {MAX_BODY // 1024} KiB)")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(400, f"request body is not valid JSON ({exc})") from exc


def _int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise HTTPException(400, f"{name} must be a whole number, not {raw!r}") from exc
    if not lo <= value <= hi:
        raise HTTPException(400, f"{name} must be between {lo} and {hi}")
    return value


def build_app(session: Session, token: str, hosts: Iterable[str]) -> ASGIApp:
    """The application for ``session``, behind :class:`Guard` (``hosts``: e.g. ``127.0.0.1:8765``)."""

    def page(_request: Request) -> Response:
        return Response(_asset("index.html"), media_type=ASSETS["index.html"], headers=HEADERS)

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS or name == "index.html":
            raise HTTPException(404, "no such asset")
        return Response(_asset(name), media_type=ASSETS[name], headers=HEADERS)

    def summary(_request: Request) -> Response:
        p = session.page()
        return _ok({**p.summary(), "undo": len(session.actions), "stale": [
            {"decision": d, "reason": why} for d, why in session.stale], "saved_to": session.path.name,
            "profile": str(session.profile), "profile_error": session.profile_error})

    def rows(request: Request) -> Response:
        view = request.query_params.get("view", "document")
        if view not in VIEWS:
            raise HTTPException(400, f"view must be one of {', '.join(VIEWS)}")
        p = session.page()
        n = len(p.review.rows)
        offset = _int(request, "offset", 0, 0, max(n, 0))
        limit = _int(request, "limit", 100, 1, MAX_LIMIT)
        return _ok(p.rows(view, request.query_params.get("q", "")[:200], offset, limit))

    def locate(request: Request) -> Response:
        """Where row ``k`` (or the next doubtful/finding row after it) sits in a view's order."""
        p = session.page()
        n = len(p.review.rows)
        k = _int(request, "from", -1, -1, n)
        what = request.query_params.get("what", "")
        if what in ("doubtful", "finding"):
            k = p.next_position(k, what, request.query_params.get("back") == "1")
            if k is None:
                return _ok({"k": None})
        view = request.query_params.get("view", "document")
        order = p.order(view if view in VIEWS else "document", request.query_params.get("q", "")[:200])
        return _ok({"k": k, "index": order.index(k) if k in order else None})

    def groups(_request: Request) -> Response:
        return _ok({"groups": session.page().groups()})

    async def decide(request: Request) -> Response:
        entry = await _json_body(request)
        session.do(entry)
        return _ok({"done": True, "undo": len(session.actions)})

    async def undo(request: Request) -> Response:
        await _json_body(request)
        last = session.undo()
        return _ok({"undone": type(last).__name__.lower(), "undo": len(session.actions)})

    async def export_to_folder(request: Request) -> Response:
        body = await _json_body(request)
        formats = body.get("formats", list(ex.FORMATS)) if isinstance(body, dict) else None
        if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
            raise HTTPException(400, "formats must be a list such as [\"tmx\", \"tsv\", \"xlsx\"]")
        paths = ex.export(session.run, session.review, session.directory / "corrected", formats)
        return _ok({"written": [str(p.relative_to(session.directory)) for p in paths.values()]})

    def download(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in writers.NAMES:
            raise HTTPException(404, f"no export named {name!r}; choose from {', '.join(writers.NAMES)}")
        data = ex.render(name, session.run, session.review)
        return Response(data, media_type=writers.MEDIA[name],
                        headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    routes = [
        Route("/", page), Route("/static/{name}", static), Route("/api/summary", summary),
        Route("/api/rows", rows), Route("/api/locate", locate), Route("/api/groups", groups),
        Route("/api/decide", decide, methods=["POST"]), Route("/api/undo", undo, methods=["POST"]),
        Route("/api/export", export_to_folder, methods=["POST"]), Route("/export/{name}", download),
    ]
    app = Starlette(routes=routes, exception_handlers={
        HTTPException: _http_error, AlignError: _align_error, Exception: _internal_error})
    app.router.redirect_slashes = False
    return Guard(app, token, hosts)


def _ok(data: dict[str, Any]) -> JSONResponse:
    return JSONResponse(data, headers=HEADERS)


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": exc.detail}, exc.status_code, headers=HEADERS)


async def _align_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AlignError)
    return JSONResponse({"error": exc.one_line()}, 422 if exc.exit_code == 1 else 400, headers=HEADERS)


async def _internal_error(_request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": f"internal error ({type(exc).__name__}); the review file is unchanged"}, 500,
                        headers=HEADERS)

