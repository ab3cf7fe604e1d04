"""Which sniffed types intake reads, and why it refuses the others.

A document is refused before any extractor touches it: executables, archives
(never inflated, so a zip bomb costs nothing), scripts and Office files that
can carry macros get an explicit reason; any other type without an extractor
is "unsupported type <mime>".
"""

from __future__ import annotations

import io
import zipfile

from capture.extractors import extractor_for
from intake.errors import UnsupportedInput

EXECUTABLE = "executable"
ARCHIVE = "archive (not unpacked)"
SCRIPT = "script"
MACROS = "Office document that can carry macros"

REFUSED: dict[str, str] = {
    "application/x-executable": EXECUTABLE,
    "application/x-sharedlib": EXECUTABLE,
    "application/x-pie-executable": EXECUTABLE,
    "application/x-mach-binary": EXECUTABLE,
    "application/x-dosexec": EXECUTABLE,
    "application/x-msdownload": EXECUTABLE,
    "application/vnd.microsoft.portable-executable": EXECUTABLE,
    "application/java-archive": EXECUTABLE,
    "application/x-msi": EXECUTABLE,
    "application/zip": ARCHIVE,
    "application/x-rar": ARCHIVE,
    "application/vnd.rar": ARCHIVE,
    "application/x-7z-compressed": ARCHIVE,
    "application/gzip": ARCHIVE,
    "application/x-bzip2": ARCHIVE,
    "application/x-xz": ARCHIVE,
    "application/zstd": ARCHIVE,
    "application/x-tar": ARCHIVE,
    "application/x-iso9660-image": ARCHIVE,
    "application/vnd.ms-cab-compressed": ARCHIVE,
    "text/x-shellscript": SCRIPT,
    "text/x-msdos-batch": SCRIPT,
    "text/x-perl": SCRIPT,
    "text/x-php": SCRIPT,
    "text/x-ruby": SCRIPT,
    "text/x-tcl": SCRIPT,
    "text/x-lua": SCRIPT,
    "text/javascript": SCRIPT,
    "application/javascript": SCRIPT,
    "application/x-powershell": SCRIPT,
    "application/hta": SCRIPT,
    "application/x-ole-storage": MACROS,
    "application/CDFV2": MACROS,
    "application/msword": MACROS,
    "application/vnd.ms-excel": MACROS,
    "application/vnd.ms-powerpoint": MACROS,
    "application/vnd.ms-office": MACROS,
}
# libmagic names interpreters as text/x-script.<language> (python, node...)
REFUSED_PREFIXES: dict[str, str] = {"text/x-script.": SCRIPT, "application/vnd.ms-": MACROS}
_MACRO_PARTS = ("vbaProject.bin", "vbaData.xml")


def refusal(mime: str, data: bytes) -> str | None:
    """Why a document of this real type is refused, or None if it can be read."""
    reason = REFUSED.get(mime) or next((r for p, r in REFUSED_PREFIXES.items() if mime.startswith(p)), None)
    if reason == ARCHIVE and mime == "application/zip":
        reason = _zip_reason(data)
    if reason:
        return f"refused: {reason} ({mime})"
    try:
        extractor_for(mime)
    except UnsupportedInput:
        return f"unsupported type {mime}"
    return None


def _zip_reason(data: bytes) -> str:
    """Office files are zips: name the macro case from the central directory alone (nothing is inflated)."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ARCHIVE
    return MACROS if any(n.rsplit("/", 1)[-1] in _MACRO_PARTS for n in names) else ARCHIVE
