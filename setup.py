"""What pyproject.toml cannot say: the content folders static/, lessons/ and scenarios/ go into
the installed package as simulator/_data/, so that `pip install .` (not only a checkout)
brings everything `oefenomgeving` needs (simulator/config.py finds them there); and the
interface catalogs (simulator/translations/*/LC_MESSAGES/messages.po) are compiled to .mo
at build time, so the installed package carries them (the app would compile them at
start-up otherwise)."""

import importlib.util
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

CONTENT = ("static", "lessons", "scenarios")
HERE = Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    """build_py that first compiles the gettext catalogs (simulator/catalogs.py, Babel only)."""

    def run(self):
        spec = importlib.util.spec_from_file_location("catalogs", HERE / "simulator" / "catalogs.py")
        catalogs = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(catalogs)
        catalogs.compile_dir(HERE / "simulator" / "translations")
        super().run()


setup(
    cmdclass={"build_py": BuildWithCatalogs},
    packages=find_packages(include=["simulator", "simulator.*"])
    + [f"simulator._data.{folder}" for folder in CONTENT],
    package_dir={f"simulator._data.{folder}": folder for folder in CONTENT},
    package_data={
        "simulator": ["templates/**/*", "sites/*/pages/*.yaml", "translations/**/*"],
        **{f"simulator._data.{folder}": ["**/*"] for folder in CONTENT},
    },
)
