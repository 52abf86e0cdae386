"""Child process of :mod:`govportal.hardening.sandbox`: extract one file.

Run as ``python -I _child.py EXT MEMORY_BYTES CPU_SECONDS MAX_OUTPUT_BYTES``
with the file on stdin; writes the text (UTF-8) on stdout.  The limits are
set before anything else is imported.  Exit 0: done; 3: out of memory;
4: the file could not be read; 5: it holds a format that cannot be read
(:class:`govportal.search.extract.UnsupportedFormat`).

The ``govportal`` and ``govportal.search`` packages are entered without
running their ``__init__`` (which would import Pyramid, Substance D and the
whole application): only the extractors and the word splitter are loaded.
"""

import os
import resource
import sys
import types
from pathlib import Path


def _limit(kind, value):
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard if hard != resource.RLIM_INFINITY else value))


def _report_peak():
    """Write this process's peak resident memory (VmHWM, KiB) on stderr: the
    parent's ``ru_maxrss`` of the child also counts the parent's pages
    resident before ``exec``."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    sys.stderr.write(f"peak_kb={int(line.split()[1])}\n")
                    sys.stderr.flush()
    except Exception:  # noqa: S110 - the figure is optional
        pass


def main():
    ext, memory, cpu, max_output = sys.argv[1], *map(int, sys.argv[2:5])
    _limit(resource.RLIMIT_AS, memory)
    _limit(resource.RLIMIT_CPU, cpu)
    _limit(resource.RLIMIT_FSIZE, max_output + 4096)
    package = Path(__file__).resolve().parents[1]
    for name, path in (("govportal", package), ("govportal.search", package / "search")):
        module = types.ModuleType(name)
        module.__path__ = [str(path)]
        sys.modules[name] = module
    try:
        data = sys.stdin.buffer.read()
        from govportal.search.extract import UnsupportedFormat, extract_text_inline
    except MemoryError:
        _report_peak()
        os._exit(3)
    except Exception:
        _report_peak()
        os._exit(4)
    try:
        text = extract_text_inline("x." + ext, data, raise_errors=True)
        out = text.encode("utf-8")[:max_output]
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    except MemoryError:
        _report_peak()
        os._exit(3)
    except UnsupportedFormat:
        _report_peak()
        os._exit(5)
    except Exception:
        _report_peak()
        os._exit(4)
    _report_peak()
    os._exit(0)


if __name__ == "__main__":
    main()
