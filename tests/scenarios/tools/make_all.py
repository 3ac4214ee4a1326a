#!/usr/bin/env python3
"""Regenerate every scenario folder from its make_NN_*.py script (deterministic output).

    python3 tests/scenarios/tools/make_all.py && python3 tests/scenarios/tools/check_import.py
"""
import pathlib
import runpy

HERE = pathlib.Path(__file__).resolve().parent
for script in sorted(HERE.glob("make_[0-9][0-9]_*.py")):
    runpy.run_path(str(script), run_name="__main__")
