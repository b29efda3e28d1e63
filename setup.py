"""What pyproject.toml cannot say: the content folders static/, lessons/ and scenarios/ go into
the installed package as simulator/_data/, so that `pip install .` (not only a checkout)
brings everything `oefenomgeving` needs (simulator/config.py finds them there)."""

from setuptools import find_packages, setup

CONTENT = ("static", "lessons", "scenarios")

setup(
    packages=find_packages(include=["simulator", "simulator.*"])
    + [f"simulator._data.{folder}" for folder in CONTENT],
    package_dir={f"simulator._data.{folder}": folder for folder in CONTENT},
    package_data={
        "simulator": ["templates/**/*", "sites/*/pages/*.yaml", "translations/**/*"],
        **{f"simulator._data.{folder}": ["**/*"] for folder in CONTENT},
    },
)
