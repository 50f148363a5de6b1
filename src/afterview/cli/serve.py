"""`afterview serve`: the web UI on this machine."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import pass_state
from afterview.domain.values import is_loopback


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=0, help="Port (default: a free one).")
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@pass_state
def serve(state: CliState, host: str, port: int, no_open: bool) -> None:
    """Start the web UI (on 127.0.0.1, so only this machine can reach it) and open it in
    the browser. Ctrl+C stops it."""
    run_server(state, host, port, open_browser=not no_open)


def run_server(state: CliState, host: str, port: int, *, open_browser: bool) -> None:
    import webbrowser

    import uvicorn

    from afterview.web.app import create_app
    from afterview.web.server import listening_socket

    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host} lets other machines reach your data; there is no "
            "login. Use 127.0.0.1 unless you know every machine on this network.",
            err=True,
        )
    listener = listening_socket(host, port)
    address = f"http://{host if ':' not in host else f'[{host}]'}:{listener.getsockname()[1]}/"
    app = create_app(state.settings(), workspace=state.workspace())
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    click.echo(f"Afterview is at {address} (Ctrl+C to stop).")
    if open_browser:
        import threading

        threading.Timer(0.8, webbrowser.open, args=(address,)).start()
    server.run(sockets=[listener])
