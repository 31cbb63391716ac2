"""
Render the nginx configuration of deploy/nginx/ and run it.

`python -m deploy.render site --server-name ... --upstream HOST:PORT ...` prints the production site
(TLS, Debian's nginx). The deploy tests and bench/run use `standalone()` and `Nginx`: the same site
on plain HTTP, in a directory of their own, started by an unprivileged nginx.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess  # nosec B404
import time
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
NGINX_DIR = DEPLOY_DIR / "nginx"
DEFAULT_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
# The largest upload form carries this many documents at once: the portal's DOCUMENTS_PER_REQUEST.
DEFAULT_FILES_PER_REQUEST = 11
# Room for the form fields, the multipart boundaries and each part's headers.
FORM_OVERHEAD_BYTES = 512 * 1024

_PLACEHOLDER = re.compile(r"\{\{ *([a-z_]+) *\}\}")
_SECTION = re.compile(r"^\{\{([#^])([a-z_]+)\}\}\n(.*?)^\{\{/\2\}\}\n", re.S | re.M)


def render(template: str, values: dict, flags: dict) -> str:
    """Fill `{{ name }}` from values; keep `{{#flag}}` blocks when flags[flag], `{{^flag}}` when not."""

    def section(match):
        kind, name, body = match.groups()
        return body if bool(flags[name]) == (kind == "#") else ""

    text = _SECTION.sub(section, template)

    def value(match):
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for {{{{ {name} }}}}")
        return str(values[name])

    return _PLACEHOLDER.sub(value, text)


def body_limit(document_max_bytes: int, files_per_request: int = DEFAULT_FILES_PER_REQUEST) -> int:
    """Return nginx's client_max_body_size in bytes for forms of files_per_request documents."""
    return document_max_bytes * files_per_request + FORM_OVERHEAD_BYTES


def site(
    *,
    server_name: str,
    upstreams: list[str],
    static_root,
    private_root,
    document_max_bytes: int = DEFAULT_DOCUMENT_MAX_BYTES,
    files_per_request: int = DEFAULT_FILES_PER_REQUEST,
    tls: bool = True,
    listen: str = "",
    tls_certificate: str = "/etc/ssl/certs/portal.fullchain.pem",
    tls_certificate_key: str = "/etc/ssl/private/portal.key",
    access_log: str = "/var/log/nginx/portal.access.log",
) -> str:
    """Return deploy/nginx/portal.conf filled in: with TLS on 443, or plain HTTP on `listen`."""
    if not upstreams:
        raise ValueError("at least one upstream (a gunicorn node's HOST:PORT) is needed")
    values = {
        "upstream_servers": "\n".join(f"    server {u} max_fails=3 fail_timeout=10s;" for u in upstreams),
        "server_name": server_name,
        "listen": listen,
        "tls_certificate": tls_certificate,
        "tls_certificate_key": tls_certificate_key,
        # Without TLS here (tests, benchmark), the requests are still handled as the HTTPS ones of
        # production are: redirects, secure cookies and HSTS stay as they will be.
        "forwarded_proto": "$scheme" if tls else "https",
        "access_log": access_log if access_log == "off" else f"{access_log} portal_path",
        "files_per_request": files_per_request,
        "client_max_body_size": body_limit(document_max_bytes, files_per_request),
        "document_max_label": f"{document_max_bytes / 1024 / 1024:g} MB",
        "static_root": str(static_root).rstrip("/"),
        "private_root": str(private_root).rstrip("/"),
    }
    return render((NGINX_DIR / "portal.conf").read_text(), values, {"tls": tls})


def standalone(
    directory,
    *,
    port: int,
    upstreams: list[str],
    static_root,
    private_root,
    document_max_bytes: int = DEFAULT_DOCUMENT_MAX_BYTES,
    worker_processes: int = 1,
    access_log: bool = True,
) -> Path:
    """Write nginx.conf and portal.conf (plain HTTP on 127.0.0.1:port) into directory; return nginx.conf."""
    directory = Path(directory).resolve()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / "tmp" / name).mkdir(parents=True, exist_ok=True)
    (directory / "portal.conf").write_text(
        site(
            server_name="127.0.0.1 localhost",
            upstreams=upstreams,
            static_root=static_root,
            private_root=private_root,
            document_max_bytes=document_max_bytes,
            tls=False,
            listen=f"127.0.0.1:{port}",
            access_log=str(directory / "access.log") if access_log else "off",
        )
    )
    main = render(
        (NGINX_DIR / "standalone.conf").read_text(),
        {"prefix": str(directory), "worker_processes": worker_processes},
        {},
    )
    if os.geteuid() == 0:
        # A master started by root hands requests to workers running as `user` (nobody by default),
        # which could not read a private temporary directory.
        main = "user root;\n" + main
    conf = directory / "nginx.conf"
    conf.write_text(main)
    return conf


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )


class Nginx:
    """`with Nginx(conf, port) as nginx:` runs nginx in the foreground with conf's directory as prefix."""

    def __init__(self, conf, port: int):
        self.conf, self.port = Path(conf), port
        self.directory = self.conf.parent
        self.process = None

    def command(self, *extra):
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is missing: apt-get install --no-install-recommends nginx")
        prefix = str(self.directory) + "/"
        return [binary, "-p", prefix, "-e", str(self.directory / "error.log"), "-c", str(self.conf), *extra]

    def check(self):
        """Run `nginx -t` on the configuration; raise with nginx's words when it is refused."""
        result = subprocess.run(self.command("-t", "-q"), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"nginx -t refused {self.conf}:\n{result.stderr}")

    def __enter__(self):
        self.check()
        self.process = subprocess.Popen(  # nosec B603
            self.command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.error_log()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"nginx did not listen on {self.port}: {self.error_log()[-2000:]}")

    def error_log(self) -> str:
        path = self.directory / "error.log"
        return path.read_text() if path.exists() else ""

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            # SIGQUIT: finish the requests in hand, then stop.
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Print the portal's nginx site (deploy/nginx/portal.conf).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("site", help="the production site: TLS on 443, HTTP redirects to HTTPS")
    p.add_argument("--server-name", required=True, help="e.g. layanan.tulungagung.go.id")
    p.add_argument("--upstream", action="append", required=True, help="a gunicorn node, HOST:PORT (repeat)")
    p.add_argument("--static-root", default="/srv/portal/static", help="DJANGO_STATIC_ROOT")
    p.add_argument("--private-root", default="/srv/portal/private", help="DJANGO_PRIVATE_MEDIA_ROOT")
    p.add_argument("--document-max-bytes", type=int, default=DEFAULT_DOCUMENT_MAX_BYTES)
    p.add_argument("--files-per-request", type=int, default=DEFAULT_FILES_PER_REQUEST)
    p.add_argument("--tls-certificate", default="/etc/ssl/certs/portal.fullchain.pem")
    p.add_argument("--tls-certificate-key", default="/etc/ssl/private/portal.key")
    args = parser.parse_args(argv)
    print(
        site(
            server_name=args.server_name,
            upstreams=args.upstream,
            static_root=args.static_root,
            private_root=args.private_root,
            document_max_bytes=args.document_max_bytes,
            files_per_request=args.files_per_request,
            tls_certificate=args.tls_certificate,
            tls_certificate_key=args.tls_certificate_key,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
