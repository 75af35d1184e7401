"""Real vma processes for the fault suite: start, wait for, kill, restart, read their logs.

Every process started here is registered; `kill_all()` (run by run.py from try/finally, atexit and
its signal handlers) kills each by its own pid, never by name. Each start of a role writes a log of
its own (serve.log, serve-2.log after the first restart, ...) in the cluster's working directory.
"""

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

_LIVE = []  # every Proc started and not yet reaped
_LOCK = threading.Lock()

ERROR_LINE = re.compile(r"^\d\d:\d\d:\d\d ERROR ")  # logback pattern: %d{HH:mm:ss} %-5level %logger{0} - %msg
RECOVERY_LINE = re.compile(r"^\d\d:\d\d:\d\d WARN\s+recovery - tasks ")


def log(text):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), text), flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http_json(url, timeout=10):
    """(status, parsed JSON or None); status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, None
    except (urllib.error.URLError, OSError, ValueError):
        return 0, None


class ProcessDied(RuntimeError):
    pass


class Proc:
    """One started launcher process, logging stdout+stderr to its own file."""

    def __init__(self, name, args, cwd, log_path, env=None):
        self.name = name
        self.args = list(args)
        self.cwd = Path(cwd)
        self.log_path = Path(log_path)
        self.env = env
        self.popen = None
        self.started_at = None
        self.exit_code = None
        self.killed_by_us = False

    def start(self):
        self.cwd.mkdir(parents=True, exist_ok=True)
        out = open(self.log_path, "ab")
        try:
            self.popen = subprocess.Popen(self.args, cwd=str(self.cwd), stdout=out, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, env=self.env, start_new_session=True)
        finally:
            out.close()
        self.started_at = time.monotonic()
        with _LOCK:
            _LIVE.append(self)
        log("started %s (pid %d), log %s" % (self.name, self.popen.pid, self.log_path))
        return self

    @property
    def pid(self):
        return self.popen.pid if self.popen else None

    def alive(self):
        if self.popen is None:
            return False
        code = self.popen.poll()
        if code is not None:
            self.exit_code = code
            self._forget()
            return False
        return True

    def _forget(self):
        with _LOCK:
            if self in _LIVE:
                _LIVE.remove(self)

    def signal(self, sig):
        if self.alive():
            os.kill(self.popen.pid, sig)

    def kill(self):
        """SIGKILL and reap."""
        if not self.alive():
            return self.exit_code
        self.killed_by_us = True
        os.kill(self.popen.pid, signal.SIGKILL)
        self.exit_code = self.popen.wait()
        self._forget()
        log("SIGKILLed %s (pid %d)" % (self.name, self.popen.pid))
        return self.exit_code

    def stop(self, timeout=30):
        """SIGTERM, wait up to timeout, then SIGKILL. Returns (exit code, seconds to stop, needed SIGKILL)."""
        if not self.alive():
            return self.exit_code, 0.0, False
        self.killed_by_us = True
        began = time.monotonic()
        os.kill(self.popen.pid, signal.SIGTERM)
        try:
            self.exit_code = self.popen.wait(timeout)
            forced = False
        except subprocess.TimeoutExpired:
            log("%s (pid %d) still running %d s after SIGTERM: SIGKILL" % (self.name, self.popen.pid, timeout))
            os.kill(self.popen.pid, signal.SIGKILL)
            self.exit_code = self.popen.wait()
            forced = True
        self._forget()
        return self.exit_code, time.monotonic() - began, forced

    # ------------------------------------------------------------------ logs

    def text(self):
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def size(self):
        try:
            return self.log_path.stat().st_size
        except FileNotFoundError:
            return 0

    def text_since(self, offset):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                return f.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for(self, pattern, timeout, since=0):
        """The first match of regex `pattern` in the log (from byte offset `since`); raises if the
        process exits or the time runs out."""
        regex = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.text_since(since))
            if match:
                return match
            if not self.alive():
                raise ProcessDied("%s exited (code %s) before its log showed /%s/" % (self.name, self.exit_code, pattern))
            if time.monotonic() > deadline:
                raise TimeoutError("%s: no /%s/ in its log after %.0f s" % (self.name, pattern, timeout))
            time.sleep(0.2)

    def error_lines(self):
        return [line for line in self.text().splitlines() if ERROR_LINE.match(line)]

    def recovery_lines(self):
        return [line for line in self.text().splitlines() if RECOVERY_LINE.match(line)]

    def tail(self, lines=30):
        return "\n".join(self.text().splitlines()[-lines:])


def kill_all():
    """SIGKILL every process this suite started that is still running (by pid)."""
    with _LOCK:
        live = list(_LIVE)
    for proc in reversed(live):
        try:
            if proc.popen and proc.popen.poll() is None:
                os.kill(proc.popen.pid, signal.SIGKILL)
                proc.popen.wait(10)
                print("[cleanup] killed %s (pid %d)" % (proc.name, proc.popen.pid), flush=True)
        except (OSError, subprocess.TimeoutExpired):
            pass
        proc._forget()


class Cluster:
    """A broker, a scorer (serve) and a trainer of one scenario, in one working directory."""

    def __init__(self, work, vma, env, name):
        self.work = Path(work) / name
        self.work.mkdir(parents=True, exist_ok=True)
        self.vma = list(vma)
        self.env = env
        self.name = name
        self.kafka_dir = self.work / "kafka"
        self.state_dir = self.work / "streams-state"
        self.unused = self.work / "unused-kafka"
        self.bootstrap = None
        self.http = None
        self.broker = None
        self.serve = None
        self.trainer = None
        self.history = {"broker": [], "serve": [], "trainer": []}  # every Proc of each role, in start order
        self.serve_settings = []
        self.serve_heap = None
        self.trainer_settings = []

    def _new(self, role, args, heap=None):
        n = len(self.history[role]) + 1
        log_path = self.work / ("%s.log" % role if n == 1 else "%s-%d.log" % (role, n))
        vma, env = self.with_heap(heap)
        proc = Proc(role if n == 1 else "%s#%d" % (role, n), vma + args, self.work, log_path, env)
        self.history[role].append(proc)
        return proc.start()

    @staticmethod
    def _settings(pairs):
        out = []
        for pair in pairs:
            out += ["-s", pair]
        return out

    # ------------------------------------------------------------------ roles

    def start_broker(self, timeout=120):
        self.broker = self._new("broker", ["broker"] + self._settings(["kafka.embedded.dir=%s" % self.kafka_dir]))
        match = self.broker.wait_for(r"broker ready: --bootstrap-servers (\S+)", timeout)
        bootstrap = match.group(1)
        if self.bootstrap and bootstrap != self.bootstrap:
            raise RuntimeError("the restarted broker listens on %s, not on %s as before" % (bootstrap, self.bootstrap))
        self.bootstrap = bootstrap
        log("broker at %s" % bootstrap)
        return self.broker

    def with_heap(self, heap):
        """(launcher argv, environment) with the JVM's -Xmx raised to `heap` (e.g. "8g"): for a
        `java ... -jar` launcher an -Xmx inserted before -jar (the last one wins), for bin/vma
        through VMA_JAVA_OPTS."""
        if not heap:
            return self.vma, self.env
        argv = list(self.vma)
        env = dict(self.env if self.env is not None else os.environ)
        if os.path.basename(argv[0]) == "java" and "-jar" in argv:
            argv.insert(argv.index("-jar"), "-Xmx" + heap)
        else:
            env["VMA_JAVA_OPTS"] = (env.get("VMA_JAVA_OPTS", "") + " -Xmx" + heap).strip()
        return argv, env

    def start_serve(self, settings=None, wait=True, timeout=180, heap=None):
        if settings is not None:
            self.serve_settings = list(settings)
        if heap is not None:
            self.serve_heap = heap
        port = free_port()
        self.http = "http://127.0.0.1:%d" % port
        settings = self._settings(["http.port=%d" % port, "streams.state.dir=%s" % self.state_dir,
                                   "kafka.embedded.dir=%s" % self.unused] + self.serve_settings)
        self.serve = self._new("serve", ["serve", "--bootstrap-servers", self.bootstrap] + settings,
                               heap=self.serve_heap)
        if wait:
            self.wait_serve(timeout)
        return self.serve

    def wait_serve(self, timeout=180):
        began = time.monotonic()
        self.serve.wait_for(r"scorer running", timeout)
        self.wait_health(lambda h: h.get("streams") == "RUNNING", timeout - (time.monotonic() - began),
                         "streams RUNNING")

    def health(self):
        status, body = http_json(self.http + "/health", timeout=5)
        return body if status == 200 else None

    def wait_health(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            body = self.health()
            if body is not None:
                last = body
                if condition(body):
                    return body
            if not self.serve.alive():
                raise ProcessDied("serve exited (code %s) while waiting for %s" % (self.serve.exit_code, what))
            time.sleep(0.25)
        raise TimeoutError("serve: no %s after %.0f s (last /health: %s)" % (what, timeout, last))

    def memory(self, memory_set, timeout=30):
        status, body = http_json("%s/memory/%s" % (self.http, urllib.request.quote(memory_set, safe="")),
                                 timeout=timeout)
        return status, body

    def wait_memory(self, memory_set, offered, references_offered=None, timeout=120):
        """Until /memory/<set> shows `offered` memory offers (and `references_offered` reference offers)."""
        deadline = time.monotonic() + timeout
        body, status = None, 0
        while time.monotonic() < deadline:
            status, body = self.memory(memory_set)
            if status == 200 and body:
                refs = (body.get("references") or {}).get("offered", 0)
                if body.get("offered", 0) >= offered and (references_offered is None or refs >= references_offered):
                    return body
            if not self.serve.alive():
                raise ProcessDied("serve exited (code %s) while waiting for memory %s" % (self.serve.exit_code,
                                                                                         memory_set))
            time.sleep(0.5)
        raise TimeoutError("memory %s: not %d offered (+%s references) after %.0f s; last: HTTP %s offered %s refs %s"
                           % (memory_set, offered, references_offered, timeout, status, body and body.get("offered"),
                              body and (body.get("references") or {}).get("offered")))

    def start_trainer(self, settings=None):
        if settings is not None:
            self.trainer_settings = list(settings)
        self.trainer = self._new("trainer", ["trainer", "--bootstrap-servers", self.bootstrap] + self._settings(
            ["http.port=0", "kafka.embedded.dir=%s" % self.unused] + self.trainer_settings))
        return self.trainer

    def procs(self):
        return [p for role in ("broker", "serve", "trainer") for p in self.history[role]]

    def error_lines(self, roles=("broker", "serve", "trainer")):
        """{log file name: [ERROR lines]} for every started process of these roles."""
        out = {}
        for role in roles:
            for proc in self.history[role]:
                lines = proc.error_lines()
                if lines:
                    out[proc.log_path.name] = lines
        return out

    def tails(self, lines=30):
        parts = []
        for proc in self.procs():
            parts.append("----- last %d lines of %s (%s)\n%s" % (lines, proc.log_path.name, proc.log_path,
                                                             proc.tail(lines)))
        return "\n".join(parts)

    def stop_all(self):
        """trainer, serve, then broker: SIGTERM (then SIGKILL after 30 s)."""
        for proc in reversed(self.procs()):
            if proc.alive():
                proc.stop(30)


def launcher_command(repo, override=None):
    """The launcher as an argument list: --vma, else $VMA, else <repo>/bin/vma."""
    text = override or os.environ.get("VMA") or str(Path(repo) / "bin" / "vma")
    return shlex.split(text)


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total
