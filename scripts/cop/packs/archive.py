"""Zip files whose bytes depend only on their content: fixed order, timestamps and attributes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

_EARLIEST = dt.datetime(1980, 1, 1)  # the zip format cannot say anything earlier


def _info(name: str, stamp: dt.datetime) -> zipfile.ZipInfo:
    when = max(stamp, _EARLIEST)
    info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, when.hour, when.minute, when.second))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def write_zip(files: dict[str, bytes], stamp: dt.datetime, *, order: list[str] | None = None) -> bytes:
    """A zip of `files` (name -> bytes), in `order` when given (a format may need a file first), else sorted."""
    buffer = io.BytesIO()
    names = order if order is not None else sorted(files)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(_info(name, stamp), files[name], compresslevel=6)
    return buffer.getvalue()


def normalise_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip (an OOXML document, say) with its entries' order kept and their timestamps fixed."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        files = {name: source.read(name) for name in names}
    return write_zip(files, stamp, order=names)
