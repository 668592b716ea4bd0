#!/usr/bin/env python3
"""Build corpus/heldout/nap_pellucia.docx, a held-out national action plan.

Written for wpslint, CC0.

The Federal Republic of Pellucia's first national action plan on Women, Peace and Security: a
cover block, a page header, numbered paragraphs in a nominalised administrative style, and a
strategic framework table whose pillar rows are merged across all columns. The plan is weak:
most protective language is hedged or aimed at women in general, survivors or staff, and it
contains two harmful provisions. The text below is the source of the document; the labels in
labels/nap_pellucia.docx.yaml quote it (source_text() returns it in reading order).

The output is byte-for-byte deterministic: fixed core-property dates and fixed zip timestamps.

Usage: python corpus/heldout/make_nap_pellucia.py [OUTPUT]
       (default: nap_pellucia.docx beside this script)
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

FIXED_DATE = dt.datetime(2026, 2, 2, 9, 30, 0)
ZIP_DATE = (2026, 2, 2, 9, 30, 0)

HEADER = "Federal Republic of Pellucia | NAP-WPS | Version for publication"
TITLE = "National Action Plan for the Implementation of Security Council Resolution 1325 (2000)"

# Each item: (kind, payload). kinds: p, h1, h2, bullet, framework.
# A framework payload is a list of rows; a row of one string is a pillar row merged across
# all columns, other rows have one string per column.
CONTENT: list[tuple[str, object]] = [
    (
        "p",
        "Department for Gender Affairs, Office of the Deputy Prime Minister. Approved by the "
        "Federal Cabinet in Resolution 44 of 12 March 2026.",
    ),
    ("h1", "Part One: Context and Rationale"),
    (
        "p",
        "1. The Federal Republic of Pellucia reaffirms its commitment to the Women, Peace and "
        "Security agenda and to the full and meaningful participation of women in all spheres "
        "of national life. The armed insurgency in the northern provinces, which began in 2017, "
        "has affected women disproportionately, through displacement, loss of livelihoods and "
        "sexual and gender-based violence.",
    ),
    (
        "p",
        "2. Women have also shown leadership in the search for peace. Women mediators in the "
        "northern provinces have negotiated the return of displaced families to their villages, "
        "and women-led peace organisations have organised inter-faith dialogue in Asmar and "
        "Teodora. Their contribution deserves greater support.",
    ),
    (
        "p",
        "3. This Plan was developed by an Inter-Ministerial Technical Working Group composed of "
        "line ministries, the Pellucia Police Service, the Armed Forces of Pellucia and "
        "development partners, and was validated at a national workshop in Ledra in "
        "November 2025.",
    ),
    (
        "p",
        "4. The Plan draws its authority from the Constitution of the Federal Republic and from "
        "the Gender Equality Act 2015.",
    ),
    ("h1", "Part Two: Strategic Pillars"),
    ("h2", "Pillar A: Participation"),
    (
        "p",
        "5. Enhancement of the representation of women in decision-making, in the security "
        "sector and in the peace process remains a priority of the Government. Particular "
        "attention will be given to women in rural areas.",
    ),
    (
        "p",
        "6. Transport allowances for women mediators attending district peace meetings may be "
        "provided where funds are available.",
    ),
    (
        "p",
        "7. The Office of the President will present an Award for Women in Peacemaking to "
        "outstanding women mediators and women-led peace organisations.",
    ),
    ("h2", "Pillar B: Prevention and Protection"),
    (
        "p",
        "8. Gender focal persons will be appointed in all ministries to promote the "
        "mainstreaming of gender in policies, programmes and budgets.",
    ),
    (
        "p",
        "9. Gender desks will be maintained at police stations in the northern provinces to "
        "receive complaints of domestic and sexual violence and to refer survivors to "
        "services. Police officers assigned to gender desks will be trained in the "
        "survivor-centred handling of such complaints.",
    ),
    (
        "p",
        "10. A national toll-free hotline for victims of gender-based violence will be "
        "expanded, and an information management system on gender-based violence will be "
        "established.",
    ),
    (
        "p",
        "11. Shelters and psychosocial support for survivors of sexual violence will be "
        "strengthened in cooperation with development partners. Information on survivors "
        "will be treated confidentially.",
    ),
    (
        "p",
        "12. Security procedures will be issued for female staff of ministries deployed to the "
        "northern provinces.",
    ),
    (
        "p",
        "13. The Government may consider measures for the safety of women human rights "
        "defenders, as appropriate.",
    ),
    (
        "p",
        "14. An awareness campaign on cyberbullying will be run in secondary schools for girls "
        "and young women.",
    ),
    (
        "p",
        "15. Women mediators will receive training in leadership, negotiation and "
        "communication skills.",
    ),
    (
        "p",
        "16. Community safety committees, including their women members and women's peace "
        "committees, will be trained to recognise early signs of radicalisation and shall "
        "pass information on suspected extremists and strangers in their area to the District "
        "Security and Intelligence Committee.",
    ),
    (
        "p",
        "17. All organisations implementing activities under this Plan must be registered "
        "under the Non-Governmental Organisations Coordination Act. Groups that carry out "
        "peace or dialogue activities without registration will be referred to the NGO "
        "Coordination Board for sanctions under that Act.",
    ),
    ("h2", "Pillar C: Relief and Recovery"),
    (
        "p",
        "18. Economic empowerment programmes will be provided for women affected by the "
        "conflict, including women-headed households and women former associates of armed "
        "groups.",
    ),
    (
        "p",
        "19. The Ministry of Interior and Immigration will facilitate visas for women "
        "entrepreneurs attending regional trade fairs.",
    ),
    ("h1", "Part Three: Strategic Framework"),
    (
        "framework",
        [
            ["Strategic objective", "Key activities", "Implementing partners", "Timeframe"],
            ["Pillar A: Participation"],
            [
                "Increased participation of women in peace and security",
                "Promotion of the recruitment of women into the Pellucia Police Service and "
                "the Armed Forces",
                "Ministry of Defence; Pellucia Police Service",
                "Continuous",
            ],
            [
                "Recognition of women's role in peace",
                "Award for Women in Peacemaking",
                "Office of the President",
                "Ongoing",
            ],
            ["Pillar B: Prevention and Protection"],
            [
                "Protection of women and girls from violence",
                "Expansion of gender desks and of the gender-based violence hotline",
                "Pellucia Police Service; Ministry of Health",
                "Ongoing",
            ],
            [
                "Safety of women human rights defenders",
                "Consideration of appropriate measures",
                "",
                "To be determined",
            ],
            [
                "Prevention of violent extremism",
                "Training of community safety committees and women's peace committees",
                "Ministry of Interior and Immigration",
                "Continuous",
            ],
            ["Pillar C: Relief and Recovery"],
            [
                "Economic recovery of conflict-affected women",
                "Livelihood grants and vocational training",
                "",
                "Ongoing",
            ],
        ],
    ),
    ("h1", "Part Four: Coordination, Resources and Review"),
    (
        "p",
        "20. The Department for Gender Affairs will coordinate the implementation of this Plan "
        "through a National Steering Committee of line ministries and security agencies.",
    ),
    (
        "p",
        "21. The Department will endeavour to meet women's organisations from time to time to "
        "hear their views on implementation.",
    ),
    (
        "p",
        "22. Implementation will be financed from the regular budgets of the ministries "
        "concerned and from the contributions of development partners, subject to the "
        "availability of resources.",
    ),
    (
        "p",
        "23. The Plan will be reviewed as necessary, and the Department may prepare reports on "
        "its implementation for the Federal Cabinet.",
    ),
]


def build() -> Document:
    document = Document()
    core = document.core_properties
    core.author = "Department for Gender Affairs (fictional, wpslint held-out corpus)"
    core.last_modified_by = "wpslint held-out corpus"
    core.title = TITLE
    core.subject = "Women, Peace and Security"
    core.keywords = "wpslint held-out corpus; weak national action plan"
    core.comments = "Written for wpslint; CC0."
    core.created = FIXED_DATE
    core.modified = FIXED_DATE
    core.last_printed = FIXED_DATE
    core.revision = 1

    document.styles["Normal"].font.size = Pt(10.5)
    document.sections[0].header.paragraphs[0].text = HEADER
    document.add_heading(TITLE, level=0)
    for kind, payload in CONTENT:
        if kind == "h1":
            document.add_heading(payload, level=1)
        elif kind == "h2":
            document.add_heading(payload, level=2)
        elif kind == "p":
            document.add_paragraph(payload)
        elif kind == "bullet":
            document.add_paragraph(payload, style="List Bullet")
        elif kind == "framework":
            rows = payload
            width = len(rows[0])
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                if len(row) == 1:
                    merged = table.cell(r, 0).merge(table.cell(r, width - 1))
                    merged.text = row[0]
                    for run in merged.paragraphs[0].runs:
                        run.bold = True
                    continue
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:  # pragma: no cover - a typo in CONTENT
            raise ValueError(kind)
    return document


def source_text() -> str:
    """The document text in reading order, one block per line (used to check label quotes)."""
    lines = [TITLE]
    for kind, payload in CONTENT:
        if kind == "framework":
            lines.extend(cell for row in payload for cell in row if cell)
        else:
            lines.append(payload)
    return "\n".join(lines)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps and attributes, keeping the entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parent / "nap_pellucia.docx"
    target = Path(argv[1]) if len(argv) > 1 else default
    buffer = io.BytesIO()
    build().save(buffer)
    target.write_bytes(deterministic_zip(buffer.getvalue()))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
