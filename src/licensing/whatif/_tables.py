"""What the what-if results share: their pandas data frame (their HTML tables are :func:`licensing._format.html_table`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from licensing._extras import missing

if TYPE_CHECKING:  # pandas is optional: only to_frame needs it, and only when called
    import pandas

__all__ = ["frame"]


def frame(records: Sequence[Mapping[str, Any]], amounts: Sequence[str], dates: Sequence[str] = ()) -> pandas.DataFrame:
    """``records`` as a pandas DataFrame: ``amounts`` as float64 columns, ``dates`` as datetime64 columns.

    Floats, not ``Decimal``: pandas sums, pivots and plots only numeric dtypes. The
    amounts are already rounded to the currency's minor unit, so each is the nearest
    float to its exact value; the exact ones stay in ``to_records()``.
    """
    try:
        import pandas as pd  # optional: imported on first use only
    except ModuleNotFoundError as error:
        raise missing("pandas", "pandas") from error
    table = pd.DataFrame.from_records(list(records))
    for column in amounts:
        table[column] = pd.to_numeric(table[column].map(lambda amount: None if amount is None else float(amount)))
    for column in dates:
        table[column] = pd.to_datetime(table[column])
    return table
