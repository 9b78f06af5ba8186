"""Who may read and who may write: loopback reads, token-guarded writes, safe headers.

- Reads are open to loopback clients; other clients need ``api_public_read`` or the token.
- Writes (corrections) always need the token, sent as ``Authorization: Bearer <token>``
  or ``X-Thucydides-Token``; it is compared in constant time.
- Every response carries a strict Content-Security-Policy: scripts, styles, images and
  fetches from this origin only, no inline script, no framing.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request, Response, status

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "check_read",
    "check_write",
    "is_loopback",
    "new_token",
    "security_headers",
    "token_matches",
]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def new_token() -> str:
    """A fresh random write token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, expected: str | None) -> bool:
    """Whether ``given`` is the token, in constant time (no token configured: never)."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def request_token(request: Request) -> str | None:
    """The token a request carries, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-thucydides-token")


def is_loopback(host: str | None) -> bool:
    """Whether a client address is the local machine (``127.0.0.0/8``, ``::1``)."""
    if not host:
        return False
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def check_read(request: Request, *, token: str | None, public_read: bool) -> None:
    """Refuse a read from a non-loopback client unless reads are public or it has the token."""
    host = request.client.host if request.client else None
    if public_read or is_loopback(host) or token_matches(request_token(request), token):
        return
    raise HTTPException(
        status.HTTP_403_FORBIDDEN,
        detail=(
            f"reads from {host or 'an unknown address'} are refused: this server answers loopback "
            "clients only; send the API token, or start it with api_public_read = true"
        ),
    )


def check_write(request: Request, *, token: str | None) -> None:
    """Refuse a write without the right token."""
    if token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="corrections are disabled: this server has no API token (set api_token, or use `thucydides serve`)",
        )
    if not token_matches(request_token(request), token):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="a correction needs the API token: send 'Authorization: Bearer <token>' (printed by `thucydides serve`)",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """HTTP middleware: add the security headers to every response."""
    response = await call_next(request)
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    return response
