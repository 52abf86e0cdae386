"""The ceiling: waitress serving a fixed body, with the server settings of the app.

python -m benchmarks.ceiling --port 6601 --size 18256 --threads 4
"""

import argparse
import logging

import waitress


def make_app(size):
    body = (b"x" * size)[:size]
    headers = [
        ("Content-Type", "text/html; charset=UTF-8"),
        ("Content-Length", str(len(body))),
    ]

    def app(environ, start_response):
        start_response("200 OK", list(headers))
        return [body]

    return app


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("waitress").setLevel(logging.ERROR)  # as in the app's bench.ini
    waitress.serve(
        make_app(args.size), host=args.host, port=args.port, threads=args.threads, ident=None
    )


if __name__ == "__main__":
    main()
