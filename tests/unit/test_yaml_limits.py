"""YAML bombs are refused before anything is built: size, aliases, self-reference, nesting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import yamlsource
from simulator.yamlsource import YamlSourceError

ROOT = Path(__file__).resolve().parent.parent.parent
BOMBS = Path(__file__).parent / "yaml_bombs"
EXPECTED = {
    "billion_laughs.yaml": "billion_laughs.yaml:5: " + yamlsource.TOO_MANY_ALIASES,
    "small_bomb.yaml": "small_bomb.yaml:8: " + yamlsource.TOO_MANY_ALIASES,
    "wide_aliases.yaml": "wide_aliases.yaml:3: " + yamlsource.TOO_BIG_EXPANDED,
    "deep_flow.yaml": "deep_flow.yaml:2: " + yamlsource.TOO_DEEP,
    "deep_block.yaml": "deep_block.yaml:52: " + yamlsource.TOO_DEEP,
    "self_alias.yaml": "self_alias.yaml:3: de verwijzing *p verwijst naar zichzelf.",
}
#: the peak memory a refused bomb may add to `flask lessons check` of one good lesson
MAX_EXTRA_KIB = 50 * 1024


@pytest.mark.parametrize(("filename", "message"), sorted(EXPECTED.items()))
def test_each_bomb_is_refused_with_file_and_line(filename, message):
    with pytest.raises(YamlSourceError) as refused:
        yamlsource.load(BOMBS / filename)
    assert str(refused.value) == message


def test_a_file_over_256_kb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_text("- x\n" * (yamlsource.MAX_BYTES // 4 + 1))
    with pytest.raises(YamlSourceError) as refused:
        yamlsource.load(path)
    assert str(refused.value).startswith("groot.yaml:1: het bestand is te groot (256 KB).")
    assert "niet groter zijn dan 256 KB" in str(refused.value)


def test_a_file_of_exactly_256_kb_loads(tmp_path):
    path = tmp_path / "precies.yaml"
    path.write_text("- x\n" * (yamlsource.MAX_BYTES // 4))
    assert len(yamlsource.load(path).data) == yamlsource.MAX_BYTES // 4


def test_a_few_aliases_and_a_merge_key_still_work():
    text = (
        "standaard: &std {taal: nl, stap: 1}\neerste:\n  <<: *std\n  stap: 2\nlijst: [*std, *std]\n"
    )
    source = yamlsource.loads(text, "les.yaml")
    assert source.data["eerste"] == {"taal": "nl", "stap": 2}
    assert source.data["lijst"] == [{"taal": "nl", "stap": 1}] * 2
    assert source.line(("eerste", "stap")) == 4 and source.line(("lijst",)) == 5


def test_twenty_aliases_is_the_most(tmp_path):
    allowed = "a: &a x\nb: [" + ", ".join(["*a"] * yamlsource.MAX_ALIASES) + "]\n"
    assert len(yamlsource.loads(allowed).data["b"]) == yamlsource.MAX_ALIASES
    with pytest.raises(YamlSourceError, match="meer dan 20 verwijzingen"):
        yamlsource.loads(allowed.replace("]", ", *a]"))


def test_fifty_levels_is_the_most():
    assert yamlsource.loads("[" * 50 + "]" * 50).data is not None
    with pytest.raises(YamlSourceError, match="te diep"):
        yamlsource.loads("[" * 51 + "]" * 51)


def test_an_alias_may_not_make_the_data_deeper_than_fifty():
    text = "a: &a " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 25 + "*a" + "]" * 25 + "\n"
    with pytest.raises(YamlSourceError, match="te diep"):
        yamlsource.loads(text)


def peak_rss_kib(args: list[str], env: dict) -> tuple[int, str, int]:
    """Run a command in a fresh helper process; its child's peak RSS via RUSAGE_CHILDREN."""
    helper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)\n"
        "sys.stdout.write(done.stdout)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", helper, *args],
        capture_output=True,
        text=True,
        timeout=180,  # a hang guard only: the time goes into docs/benchmarks.md
        env=env,
        cwd=ROOT,
    )
    *output, last = done.stdout.rstrip("\n").split("\n")
    rss, code = last.split()
    return int(rss), "\n".join(output), int(code)


def flask_env(tmp_path, lesson_dir: Path | None = None) -> dict:
    env = dict(os.environ, SIMULATOR_INSTANCE_PATH=str(tmp_path / "instance"))
    if lesson_dir is not None:
        env["SIMULATOR_LESSON_DIR"] = str(lesson_dir)
    return env


def flask_check(*files) -> list[str]:
    flask = Path(sys.executable).with_name("flask")
    return [str(flask), "--app", "simulator", "lessons", "check", *map(str, files)]


@pytest.fixture(scope="module")
def baseline_kib(tmp_path_factory) -> int:
    tmp = tmp_path_factory.mktemp("baseline")
    rss, output, code = peak_rss_kib(
        flask_check(ROOT / "lessons" / "02-inloggen.yaml"), flask_env(tmp)
    )
    assert code == 0, output
    return rss


def test_lessons_check_refuses_every_bomb_fast_and_small(tmp_path, baseline_kib):
    big = tmp_path / "vijftig.yaml"
    with big.open("w") as out:
        out.write("id: vijftig\nparts:\n" + "  - {id: a, type: read}\n" * 2_100_000)
    assert big.stat().st_size > 50_000_000
    files = [BOMBS / name for name in sorted(EXPECTED)] + [big]
    rss, output, code = peak_rss_kib(flask_check(*files), flask_env(tmp_path))
    assert code == 1
    for filename, message in EXPECTED.items():
        assert f"FOUT {filename}\n1. {message}" in output
    assert "FOUT vijftig.yaml\n1. vijftig.yaml:1: het bestand is te groot (" in output
    assert rss - baseline_kib < MAX_EXTRA_KIB


def test_bombs_in_the_lessons_folder_are_listed_and_the_others_load(tmp_path, baseline_kib):
    folder = tmp_path / "lessons"
    shutil.copytree(ROOT / "lessons", folder)
    for bomb in BOMBS.glob("*.yaml"):
        shutil.copy(bomb, folder / bomb.name)
    rss, output, code = peak_rss_kib(flask_check(), flask_env(tmp_path, folder))
    assert code == 1
    for lesson in ("01-inburgeren.yaml", "05-oefen-nu-zelf.yaml"):
        assert f"OK   {lesson}" in output
    for filename, message in EXPECTED.items():
        assert f"FOUT {filename}\n1. {message}" in output
    assert f"{len(EXPECTED)} lesbestand(en) met problemen." in output
    assert rss - baseline_kib < MAX_EXTRA_KIB


def test_scenarios_and_site_pages_go_through_the_same_limits(tmp_path):
    from simulator.sandbox.scenario import load_all
    from simulator.sites.inburgeren import content

    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(BOMBS / "billion_laughs.yaml", scenarios / "lachen.yaml")
    good, broken = load_all(scenarios)
    assert good == {} and broken == {
        "lachen.yaml": "1. lachen.yaml:5: " + yamlsource.TOO_MANY_ALIASES
    }
    pages = tmp_path / "pages"
    shutil.copytree(content.PAGES_DIR, pages)
    shutil.copy(BOMBS / "deep_block.yaml", pages / "diep.yaml")
    with pytest.raises(content.ContentError, match=r"diep\.yaml:52: de gegevens staan te diep"):
        content.load(pages)
