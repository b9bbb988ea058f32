"""Run a benchmark inside its own virtual environment, so peers never become project dependencies.

A benchmark calls `ensure(name, requirements)` first: outside `benchmarks/.venv-NAME` it creates that
environment (once), installs this project and the peers into it, and re-executes the script there.
"""
import os
import subprocess
import sys
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
