"""Prints a budgetdb text document as a PDF with ReportLab, a report generator
that places every line itself (no word processor, no browser): another
producer's text positions, glyph spacing and table layout for the reader.

Blocks come from blocks.py; the style options are text_to_html.py's (rules,
heading, vertical alignment, font, size, landscape), so the rendering matrix
crosses the same styles with every producer. Two columns of prose are not
offered here.

    text_to_reportlab.py [style options] SOURCE.txt OUTPUT.pdf
"""
import argparse
import os
import sys
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blocks as parsed  # noqa: E402
from text_to_html import add_style_options  # noqa: E402

FONTS = "/usr/share/fonts/truetype/dejavu"


def register_fonts(family: str) -> tuple:
    stem = "DejaVuSerif" if family == "serif" else "DejaVuSans"
    pdfmetrics.registerFont(TTFont(stem, f"{FONTS}/{stem}.ttf"))
    pdfmetrics.registerFont(TTFont(stem + "-Bold", f"{FONTS}/{stem}-Bold.ttf"))
    return stem, stem + "-Bold"


CELL_PADDING = 12  # ReportLab's cell padding, left and right


def longest_words(table, font: str, heading_font: str, size: float) -> list:
    """Each column's longest word, in points: a column narrower than that makes
    ReportLab split the word between lines with no hyphen, which no real
    document prints."""
    columns = max(len(r) for r in table.rows)
    widest = [0.0] * columns
    for index, row in enumerate(table.rows):
        face = heading_font if index == 0 and table.heading else font
        for c, cell in enumerate(row):
            for word in cell.split():
                widest[c] = max(widest[c], pdfmetrics.stringWidth(word, face, size))
    return [w + CELL_PADDING for w in widest]


def fit_widths(widths: list, minimums: list, total: float) -> list:
    """`widths` raised to their minimums, the others narrowed to keep the total."""
    widths = [max(w, m) for w, m in zip(widths, minimums)]
    excess = sum(widths) - total
    spare = sum(w - m for w, m in zip(widths, minimums))
    if excess > 0 and spare > 0:
        share = min(1.0, excess / spare)
        widths = [w - (w - m) * share for w, m in zip(widths, minimums)]
    return widths


def build(text: str, style, output: str):
    regular, bold = register_fonts(style.font)
    size = style.font_size
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.25, spaceAfter=size * 0.6)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)
    heading_cell = ParagraphStyle("heading", parent=cell, fontName=bold, alignment=1)  # centred
    item = ParagraphStyle("item", parent=body, leftIndent=size * 1.8, bulletIndent=size * 0.6, spaceAfter=size * 0.2)
    page = landscape(A4) if style.landscape else A4
    margin = 2 * cm
    text_width = page[0] - 2 * margin
    valign = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}[style.valign]

    story = []
    for block in parsed.parse(text):
        if isinstance(block, parsed.Table):
            shaded = style.heading == "shaded"
            weights = parsed.column_weights(block, wrap_heading=shaded)
            widths = fit_widths([text_width * w / sum(weights) for w in weights],
                                longest_words(block, regular, bold if shaded else regular, size), text_width)
            columns = len(weights)
            data = []
            for index, row in enumerate(block.rows):
                cell_style = heading_cell if index == 0 and block.heading and shaded else cell
                cells = [Paragraph(escape(c), cell_style) for c in row] + [""] * (columns - len(row))
                data.append(cells)
            commands = [("VALIGN", (0, 0), (-1, -1), valign), ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
            if style.rules == "grid":
                commands.append(("GRID", (0, 0), (-1, -1), 0.75, colors.black))
            elif style.rules == "horizontal":
                commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.75, colors.black))
            if block.heading and shaded:
                commands += [("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
            story.append(Table(data, colWidths=widths, repeatRows=1 if block.heading else 0, style=TableStyle(commands),
                               spaceBefore=size * 0.4, spaceAfter=size * 0.8))
        elif isinstance(block, parsed.PageBreak):
            story.append(PageBreak())
        elif isinstance(block, parsed.BulletList):
            for lines in block.items:
                story.append(Paragraph("<br/>".join(escape(line) for line in lines), item, bulletText="\u2022"))
        else:
            story.append(Paragraph(escape(block.text), body))
    SimpleDocTemplate(output, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                      bottomMargin=margin, title="", author="").build(story)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="budgetdb text document to PDF with ReportLab")
    parser.add_argument("source")
    parser.add_argument("output")
    add_style_options(parser)
    options = parser.parse_args()
    with open(options.source, encoding="utf-8") as source:
        build(source.read(), options, options.output)
