#!/usr/bin/env python3
"""Docker healthcheck of the web container: GET /health/ on the local gunicorn, exit 0 only on HTTP 200.

Standard library only (the slim image has no curl). The request carries the first of DJANGO_ALLOWED_HOSTS as
its Host header: Django answers 400 to any other host name, which would mark a healthy server unhealthy.
"""

import os
import sys
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/health/")


def host_header() -> str:
    first = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    # ".example.org" allows example.org itself; "*" allows any name.
    first = first.lstrip(".")
    return "localhost" if first in ("", "*") else first


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"healthcheck failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
