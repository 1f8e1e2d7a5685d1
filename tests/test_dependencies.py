"""Installs are declared and reproducible: every package the code imports is declared in
pyproject.toml, and the lock files pin what it declares, with hashes."""

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .workers import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
APP_CODE = ["careersupport", "programs", "coaching", "mentorship", "manage.py"]
DEV_CODE = ["tests", "bench"]
# The project's own top-level packages (and the benchmarks' modules, which import each other
# from bench/) and the standard library are not dependencies.
OWN = {"careersupport", "programs", "coaching", "mentorship", "tests", "bench"} | {
    p.stem for p in (ROOT / "bench").glob("*.py")
}


def requirements(group: str | None = None) -> list[Requirement]:
    project = PYPROJECT["project"]
    lines = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return [Requirement(line) for line in lines]


def lock_pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, flags=re.MULTILINE)
    return {canonicalize_name(package): version for package, version in pins}


def imported_distributions(folders: list[str]) -> dict[str, set[str]]:
    """Distribution -> the files that import it, for every third-party top-level import."""
    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    paths = [
        p for f in folders for p in ([ROOT / f] if f.endswith(".py") else (ROOT / f).rglob("*.py"))
    ]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in OWN or top in sys.stdlib_module_names:
                    continue
                for dist in owners.get(top, [top]):
                    found.setdefault(canonicalize_name(dist), set()).add(
                        str(path.relative_to(ROOT))
                    )
    return found


def test_everything_the_app_imports_is_a_declared_dependency():
    declared = {canonicalize_name(r.name) for r in requirements()}
    missing = {
        d: files for d, files in imported_distributions(APP_CODE).items() if d not in declared
    }
    assert not missing, f"imported but not in [project.dependencies]: {missing}"


def test_everything_tests_and_benchmarks_import_is_declared():
    declared = {canonicalize_name(r.name) for r in requirements() + requirements("dev")}
    missing = {
        d: files for d, files in imported_distributions(DEV_CODE).items() if d not in declared
    }
    assert not missing, f"imported but not declared (dev extras): {missing}"


@pytest.mark.parametrize(
    ("lock", "groups"), [("requirements.lock", [None]), ("requirements-dev.lock", [None, "dev"])]
)
def test_the_lock_pins_every_declared_package_within_its_range(lock, groups):
    pins = lock_pins(lock)
    for requirement in (r for g in groups for r in requirements(g)):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared but not in {lock}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement.specifier}: run `make lock`"
        )


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_carries_hashes(lock):
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text().split("\n", 2)[2])
    unhashed = [e.split()[0] for e in entries if e.strip() and "--hash=sha256:" not in e]
    assert not unhashed


def test_production_runs_the_versions_the_tests_ran():
    production, dev = lock_pins("requirements.lock"), lock_pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in production} == production


def test_tools_that_change_their_verdicts_have_an_upper_bound():
    for requirement in requirements("dev"):
        if requirement.name in ("ruff", "django-stubs"):
            assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier)


def test_make_installs_again_when_the_lock_changes():
    result = subprocess.run(
        ["make", "-n", "-W", "requirements-dev.lock", "install"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "--require-hashes -r requirements-dev.lock" in result.stdout
