"""Run a benchmark inside its own virtual environment, so peers never become project dependencies.

A benchmark calls `ensure(name, requirements)` first: outside `benchmarks/.venv-NAME` it creates that
environment (once), installs this project and the peers into it, and re-executes the script there.
"""
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ensure(name: str, requirements: list[str]) -> None:
    """Re-run the calling script inside benchmarks/.venv-NAME with `requirements` installed."""
    env_dir = ROOT / "benchmarks" / f".venv-{name}"
    if Path(sys.prefix).resolve() == env_dir.resolve():
        return
    python = env_dir / "bin" / "python"
    stamp = env_dir / "requirements.txt"
    wanted = "\n".join(requirements)
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        print(f"setting up {env_dir.name} (once): {', '.join(requirements)}", file=sys.stderr)
        venv.create(env_dir, with_pip=True, clear=True)
        pip = [str(python), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "-e", str(ROOT)], check=True)
        subprocess.run([*pip, *requirements], check=True)
        stamp.write_text(wanted)
    os.execv(str(python), [str(python), *sys.argv])


def at_commit(commit: str) -> Path:
    """The `corpus` command of this project as it was at `commit`, installed (once) in its own environment
    benchmarks/.venv-at-COMMIT, so a benchmark can time it side by side with the working tree's."""
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{commit}^{{commit}}"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    env_dir = ROOT / "benchmarks" / f".venv-at-{sha[:12]}"
    corpus = env_dir / "bin" / "corpus"
    if not corpus.exists():
        print(f"setting up {env_dir.name} (once): corpus-tool at {sha[:12]}", file=sys.stderr)
        venv.create(env_dir, with_pip=True, clear=True)
        source = env_dir / "src"
        source.mkdir()
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(source)], check=True)
    return corpus


def measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, from wait4) of a command run in its own process; exits on failure."""
    started = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024
