"""Cohort batch runs: read many profiles, evaluate them in worker processes or on Dask, write one row each."""

from .cohort import count_rows, read_rows
from .results import ResultWriter, result_row
from .run import run_batch

__all__ = ["ResultWriter", "count_rows", "read_rows", "result_row", "run_batch"]
