"""Runners: the same pipeline, run in this process or across worker processes."""

from thucydides.runners.local import run_local

__all__ = ["run_local"]
