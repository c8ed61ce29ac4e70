"""Prints a budgetdb text document as a PDF with one producer, in one table
style: the one place the producers are called (scripts/pdf-matrix,
scripts/render-pdfs and scripts/benchmark all come here).

    render_pdf.py PRODUCER SOURCE.txt OUTPUT.pdf [style options of text_to_html.py]

PRODUCER: libreoffice-html (LibreOffice Writer from HTML), libreoffice-odt
(the HTML saved as ODF first), chromium (headless print), reportlab, groff
(ms and tbl). Exits 3 when the producer does not offer the style (ReportLab:
two columns, cells without padding; groff: two columns, a shaded heading,
cells not set at the top, cells without padding: tbl pads none anyway).
"""
import os
import shutil
import subprocess
import sys
import tempfile

RENDER = os.path.dirname(os.path.abspath(__file__))
PRODUCERS = ["libreoffice-html", "libreoffice-odt", "chromium", "reportlab", "groff"]
NOT_OFFERED = 3  # the exit status of a renderer asked for a style it lacks
# Chromium as root with no network and no desktop: these flags keep it from
# reaching for either.
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-pdf-header-footer"]


class StyleNotOffered(Exception):
    pass


def render(producer: str, source: str, pdf: str, options: list):
    """Prints `source` as `pdf`; StyleNotOffered when the producer lacks the style."""
    if producer == "reportlab":
        if "--two-columns" in options or "--no-padding" in options:
            raise StyleNotOffered(producer)
        subprocess.run(["/usr/bin/python3", os.path.join(RENDER, "text_to_reportlab.py"), *options, source, pdf],
                       check=True)
        return
    if producer == "groff":
        source_ms = subprocess.run(["/usr/bin/python3", os.path.join(RENDER, "text_to_groff.py"), *options, source],
                                   capture_output=True, text=True)
        if source_ms.returncode == NOT_OFFERED:
            raise StyleNotOffered(producer)
        source_ms.check_returncode()
        # gropdf's paper as length,width: A4 upright or lying (its -l only
        # turns the page, leaving the text laid out across the upright page).
        paper = "21c,29.7c" if "--landscape" in options else "29.7c,21c"
        # -k: the source is UTF-8 (preconv); -msv: Swedish hyphenation patterns.
        with open(pdf, "wb") as out:
            subprocess.run(["groff", "-k", "-ms", "-msv", "-t", "-Tpdf", f"-P-p{paper}"],
                           input=source_ms.stdout.encode("utf-8"), stdout=out, stderr=subprocess.DEVNULL, check=True)
        return
    with tempfile.TemporaryDirectory() as scratch:
        html = os.path.join(scratch, "document.html")
        with open(html, "w", encoding="utf-8") as out:
            subprocess.run(["/usr/bin/python3", os.path.join(RENDER, "text_to_html.py"), *options, source],
                           stdout=out, check=True)
        if producer == "chromium":
            subprocess.run(CHROMIUM + [f"--user-data-dir={scratch}/chromium", f"--print-to-pdf={pdf}",
                                       "file://" + html], check=True, capture_output=True)
            return
        office = ["soffice", f"-env:UserInstallation=file://{scratch}/profile", "--headless"]
        if producer == "libreoffice-odt":
            subprocess.run(office + ["--infilter=HTML (StarWriter)", "--convert-to", "odt", "--outdir", scratch, html],
                           check=True, capture_output=True)
            subprocess.run(office + ["--convert-to", "pdf", "--outdir", scratch, html[:-5] + ".odt"],
                           check=True, capture_output=True)
        elif producer == "libreoffice-html":
            subprocess.run(office + ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                                     "--outdir", scratch, html], check=True, capture_output=True)
        else:
            raise ValueError(f"unknown producer {producer}")
        shutil.move(os.path.join(scratch, "document.pdf"), pdf)


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in PRODUCERS:
        sys.exit(__doc__)
    try:
        render(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
    except StyleNotOffered:
        sys.exit(NOT_OFFERED)
