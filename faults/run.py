#!/usr/bin/python3
"""Fault-injection suite of real vma processes (broker, serve, trainer): kills, a broker outage, a
state-directory loss and 10,000 bad records, checked from outside with confluent_kafka.

    /usr/bin/python3 faults/run.py --ci                              # what CI runs (about 10 minutes)
    /usr/bin/python3 faults/run.py --scenario scorer-kill --scenario fuzz
    /usr/bin/python3 faults/run.py --report results/faults.md         # the issue's full sizes, with a report

Scenarios: scorer-kill, trainer-kill, broker-kill, state-restore, fuzz (default: all, in that order).
Each prints PASS or FAIL with its figures; the exit status is 1 if any failed (2: could not start).
Environment: VMA (launcher command, default <repo>/bin/vma, e.g. "java -Xmx2g -Xmn256m -jar
/path/vma-launcher.jar"), VMA_JAVA_OPTS (default -Xmx2g -Xmn256m, for bin/vma).
"""

import argparse
import atexit
import datetime
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
sys.dont_write_bytecode = True

try:
    import confluent_kafka  # noqa: F401
    import avro  # noqa: F401
except ImportError as e:
    print("faults: %s lacks confluent_kafka or avro (%s); use Debian's /usr/bin/python3 with "
          "python3-confluent-kafka and python3-avro" % (sys.executable, e), file=sys.stderr)
    sys.exit(2)

import common  # noqa: E402
import kafka_io  # noqa: E402
import procs  # noqa: E402
import scenarios  # noqa: E402
from procs import log  # noqa: E402


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", action="append", choices=list(scenarios.SCENARIOS),
                        help="run only this scenario (repeatable; default: all)")
    parser.add_argument("--ci", action="store_true", help="CI sizes: the whole suite in about 10 minutes on 2 cores")
    parser.add_argument("--report", help="write a Markdown table of the results to this file")
    parser.add_argument("--work", help="parent of the working directory (default $TMPDIR or /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep Kafka data and state dirs even of passed scenarios")
    parser.add_argument("--vma", help="launcher command (default: $VMA, else <repo>/bin/vma)")
    parser.add_argument("--seed", type=int, default=20261207)
    return parser.parse_args(argv)


def environment():
    env = dict(os.environ)
    # One BLAS thread each, sleeping at once: three JVMs and this driver share the cores.
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("OMP_WAIT_POLICY", "passive")
    env.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
    env.setdefault("VMA_JAVA_OPTS", "-Xmx2g -Xmn256m")
    return env


def print_result(result):
    print()
    print("=" * 100)
    print("%s: %s (%.0f s)" % (result.name, "PASS" if result.ok else "FAIL", result.seconds))
    for key, value in result.figures.items():
        print("  %-52s %s" % (key + ":", value))
    for note in result.notes:
        print("  | " + note)
    for failure in result.failures:
        print("  FAILED: " + failure)
    if not result.ok and result.cluster is not None:
        print(result.cluster.tails(30))
        print("  logs and state kept in %s" % result.cluster.work)
    print("=" * 100, flush=True)


def write_report(path, results, command, wall, ci):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = ["events", "exemplars", "kills", "lost", "duplicated", "dead letters", "recovery / restore s"]
    lines = ["# Fault-injection suite (`faults/run.py`)", "",
             "Real `vma broker`, `vma serve` and `vma trainer` processes, faults injected from outside, checked "
             "with confluent_kafka (scores read `read_committed`). See `faults/README.md`.", "",
             "- date: %s UTC" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
             "- machine: `nproc` = %d, %s" % (os.cpu_count() or 0, os.uname().machine),
             "- command: `%s`" % command,
             "- sizes: %s" % ("--ci" if ci else "full (the issue's)"),
             "- wall time: %.0f s" % wall, "",
             "| scenario | " + " | ".join(columns) + " | seconds | result |",
             "| --- |" + " --- |" * (len(columns) + 2)]
    for r in results:
        lines.append("| %s | %s | %.0f | %s |" % (r.name, " | ".join(str(r.row.get(c, "-")) for c in columns),
                                                 r.seconds, "PASS" if r.ok else "**FAIL**"))
    for r in results:
        lines += ["", "## %s: %s" % (r.name, "PASS" if r.ok else "FAIL"), ""]
        lines += ["- %s: %s" % (k, v) for k, v in r.figures.items()]
        for failure in r.failures:
            lines.append("- **FAILED**: %s" % failure)
        if r.notes:
            lines += ["", "```"] + [n for n in r.notes] + ["```"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log("report written to %s" % path)


def main(argv=None):
    args = parse(argv)
    command = " ".join(shlex.quote(a) for a in [sys.executable, os.path.relpath(__file__, os.getcwd())]
                       + (argv if argv is not None else sys.argv[1:]))
    names = args.scenario or list(scenarios.SCENARIOS)
    work = Path(tempfile.mkdtemp(prefix="vma-faults.", dir=args.work or os.environ.get("TMPDIR") or "/tmp"))
    vma = procs.launcher_command(REPO, args.vma)
    env = environment()

    atexit.register(procs.kill_all)

    def on_signal(signum, frame):
        print("\nfaults: signal %d: killing every started process" % signum, file=sys.stderr, flush=True)
        procs.kill_all()
        os._exit(128 + signum)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    log("working directory %s; launcher: %s; scenarios: %s; sizes: %s"
        % (work, " ".join(vma), ", ".join(names), "ci" if args.ci else "full"))
    ctx = common.Context(args, work, vma, env, uuid.uuid4().hex[:6])
    results = []
    began = time.monotonic()
    try:
        for name in names:
            result = common.Result(name)
            started = time.monotonic()
            log("---------------- %s" % name)
            try:
                scenarios.SCENARIOS[name](ctx, result)
            except Exception as e:  # a step that could not be done is a failure of the scenario
                result.failures.append("%s: %s" % (type(e).__name__, e))
                result.notes.append(traceback.format_exc().rstrip().splitlines()[-1])
                traceback.print_exc()
            finally:
                kafka_io.stop_readers()
                if result.cluster is not None:
                    result.cluster.stop_all()
                procs.kill_all()
            result.seconds = time.monotonic() - started
            print_result(result)
            results.append(result)
            if result.ok and result.cluster is not None and not args.keep:
                for sub in ("kafka", "streams-state", "unused-kafka"):
                    shutil.rmtree(result.cluster.work / sub, ignore_errors=True)
    finally:
        procs.kill_all()
    wall = time.monotonic() - began
    print()
    print("%-16s %-6s %8s  %s" % ("scenario", "result", "seconds", "lost / duplicated / dead letters / recovery"))
    for r in results:
        print("%-16s %-6s %8.0f  %s / %s / %s / %s" % (r.name, "PASS" if r.ok else "FAIL", r.seconds, r.row["lost"],
                                                     r.row["duplicated"], r.row["dead letters"],
                                                     r.row["recovery / restore s"]))
    failed = [r.name for r in results if not r.ok]
    print("faults: %d/%d scenarios passed in %.0f s%s; logs in %s" % (len(results) - len(failed), len(results), wall,
                                                                      (" (FAILED: %s)" % ", ".join(failed))
                                                                      if failed else "", work))
    if args.report:
        write_report(args.report, results, command, wall, args.ci)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
