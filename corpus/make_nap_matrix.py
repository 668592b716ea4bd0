#!/usr/bin/env python3
"""Build corpus/nap_matrix.docx, the Kestria national action plan of the sample corpus.

A third-generation national action plan as a Word document: title, headings, numbered
paragraphs, bullet lists, a budget table and a five-column action matrix (Action / Responsible
body / Timeline / Indicator / Budget) in which some rows are complete and some have an empty
Responsible body or Budget cell. The text below is the source of the document; the labels in
labels/nap_matrix.docx.yaml quote it.

The output is byte-for-byte deterministic: the core properties carry fixed dates and every zip
entry gets a fixed timestamp, so re-running the script leaves git with nothing to commit.

Usage: python corpus/make_nap_matrix.py [OUTPUT]   (default: nap_matrix.docx beside this script)
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

FIXED_DATE = dt.datetime(2025, 11, 20, 10, 0, 0)
ZIP_DATE = (2025, 11, 20, 10, 0, 0)

TITLE = "Republic of Kestria: Third National Action Plan on Women, Peace and Security (2026-2030)"

# Each item: (kind, payload). kinds: h1, h2, p, bullet, number, table.
CONTENT: list[tuple[str, object]] = [
    (
        "p",
        "Ministry of Gender, Children and Social Protection. Adopted by the Cabinet on "
        "6 November 2025.",
    ),
    ("h1", "1. Introduction"),
    (
        "p",
        "1.1 Kestria's first two national action plans (2015-2019 and 2020-2024) brought more "
        "women into the security services and into the peace talks with the Southern "
        "Federation. The final evaluation of the second plan found that they did far less for "
        "the women who make peace in the districts: women mediators who settle cattle and land "
        "disputes, women-led peace organisations that run dialogue between herder and farmer "
        "communities, and women human rights defenders who document abuses. Between 2021 and "
        "2024 the Human Rights Commission of Kestria recorded 97 threats and attacks against "
        "them.",
    ),
    (
        "p",
        "1.2 This Third National Action Plan (the Plan) therefore makes the protection of women "
        "peacebuilders and women human rights defenders one of its three pillars, alongside "
        "participation and relief and recovery.",
    ),
    (
        "p",
        "1.3 The Plan was drafted between February and September 2025 by a working group of "
        "the Ministry of Gender, Children and Social Protection, the Kestria Women Mediators' "
        "Network and the Coalition of Women Human Rights Defenders, and the draft was reviewed "
        "in consultations with civil society and women's organisations in all eight regions.",
    ),
    ("h2", "1.4 Legal basis and lead agency"),
    (
        "p",
        "The Plan implements the Women, Peace and Security (Implementation) Act 2023, which "
        "requires the Government to adopt a national action plan every five years and to "
        "report on it to Parliament. The Ministry of Gender, Children and Social Protection "
        "leads and coordinates the implementation of the Plan and hosts the Plan Secretariat.",
    ),
    ("h1", "2. Pillar 1: Participation"),
    (
        "number",
        "The Ministry of Gender, Children and Social Protection shall convene a dialogue with "
        "the Kestria Women Mediators' Network and other women's civil society networks twice a "
        "year, in April and October.",
    ),
    (
        "number",
        "All programmes under this Plan shall include women peacebuilders from rural districts, "
        "young women, women of the indigenous Vashi community and women with disabilities.",
    ),
    (
        "number",
        "The Ministry of Foreign Affairs shall cover the travel and accommodation of women "
        "mediators who take part in national and regional peace talks and shall pay them a "
        "daily honorarium for their expertise.",
    ),
    (
        "number",
        "The Ministry of Foreign Affairs shall build the analysis of women's civil society "
        "organisations into its conflict analyses of the border regions, through a "
        "consultation before each annual analysis.",
    ),
    (
        "number",
        "The Office of the President shall award the annual Kestria Peace Medal to a woman "
        "mediator or women-led peace organisation, and ministers shall acknowledge the "
        "contribution of women peacebuilders in public statements.",
    ),
    (
        "number",
        "The Ministry of Education will run an online safety awareness campaign for girls in "
        "secondary schools.",
    ),
    ("h1", "3. Pillar 2: Protection of women peacebuilders and defenders"),
    ("h2", "3.1 Institutions"),
    (
        "bullet",
        "Every line ministry shall designate a WPS focal point whose terms of reference include "
        "the safety of women peacebuilders and women human rights defenders and the support "
        "the ministry offers them.",
    ),
    (
        "bullet",
        "The Ministry of Interior shall set up a Protection Desk, staffed around the clock, "
        "which coordinates the Government's response whenever a woman peacebuilder or defender "
        "faces an acute threat.",
    ),
    (
        "bullet",
        "The Kestria National Police shall designate a liaison officer in each region to whom "
        "women peacebuilders and defenders can report threats directly, with referral to the "
        "Protection Desk.",
    ),
    (
        "bullet",
        "The Ministry of Gender, Children and Social Protection shall chair an Inter-Ministerial "
        "Protection Working Group with the Ministry of Interior, the National Police, the UN "
        "country team and civil society protection networks, which meets every two months to "
        "coordinate the response to cases.",
    ),
    ("h2", "3.2 Prevention and response"),
    (
        "bullet",
        "The Protection Desk shall carry out every risk assessment jointly with the woman "
        "peacebuilder or defender concerned and agree the protection measures with her.",
    ),
    (
        "bullet",
        "The Protection Desk and the National Police shall keep confidential the identity, "
        "contact details and security concerns of women peacebuilders and defenders, and shall "
        "disclose them only with the informed consent of the person concerned.",
    ),
    (
        "bullet",
        "The Ministry of Interior shall adopt a Protection Protocol for women peacebuilders and "
        "defenders by 30 June 2026 and shall distribute it to women's organisations in every "
        "region in the four national languages.",
    ),
    (
        "bullet",
        "The Office of the Prosecutor-General shall give priority to the investigation and "
        "prosecution of threats and attacks against women peacebuilders and defenders and "
        "shall inform the person concerned of the progress of her case every three months.",
    ),
    (
        "bullet",
        "The National Police Academy and the Judicial Studies Institute shall train police "
        "officers, prosecutors and magistrates on the protection needs of women peacebuilders "
        "and defenders.",
    ),
    (
        "bullet",
        "The Human Rights Commission of Kestria shall keep a register of threats, attacks and "
        "security incidents against women peacebuilders and defenders, and shall report "
        "annually to Parliament on their situation and on the Government's response.",
    ),
    (
        "bullet",
        "The Ministry of Gender, Children and Social Protection shall fund training for women "
        "peacebuilders and their organisations in physical security, risk analysis and "
        "well-being.",
    ),
    (
        "bullet",
        "The Ministry of Health shall provide free psychosocial and trauma support to women "
        "peacebuilders and defenders referred by the Protection Desk.",
    ),
    (
        "bullet",
        "Kestrian embassies shall raise the situation of Kestrian women peacebuilders and "
        "defenders at risk abroad with the authorities of the host country through diplomatic "
        "dialogue.",
    ),
    ("h2", "3.3 Commitments still under discussion"),
    (
        "bullet",
        "The Ministry of Interior should develop, where resources allow, minimum security "
        "operating standards that set the roles of the police and the military in responding "
        "to threats against women peacebuilders and defenders.",
    ),
    (
        "bullet",
        "Where feasible, the National Early Warning Centre should share its alerts with women "
        "mediators in the districts concerned in real time.",
    ),
    (
        "bullet",
        "Protection measures may also be extended to the family members of women peacebuilders "
        "and defenders, as appropriate.",
    ),
    (
        "bullet",
        "The Ministry of Justice may consider reviewing the Charities and Associations Act 2018 "
        "so that its registration and funding rules do not obstruct peacebuilding by women's "
        "organisations.",
    ),
    ("h1", "4. Pillar 3: Emergency assistance and recovery"),
    (
        "p",
        "4.1 The Ministry of Finance shall establish an Emergency Protection Fund for Women "
        "Peacebuilders and Defenders, with an annual allocation of KSD 600,000, managed by the "
        "Protection Desk. The Fund shall pay for legal representation, medical care and "
        "temporary relocation of women peacebuilders and defenders facing acute threats.",
    ),
    (
        "p",
        "4.2 To apply to the Fund, a woman peacebuilder or defender must be a registered member "
        "of an organisation accredited with the Ministry of Gender, Children and Social "
        "Protection.",
    ),
    (
        "p",
        "4.3 The Protection Desk shall run temporary safe accommodation for women peacebuilders "
        "and defenders in two regional capitals. Immediate family members, meaning the spouse "
        "and dependent children, may be accommodated with them.",
    ),
    ("h1", "5. Monitoring, reporting and civil society oversight"),
    (
        "p",
        "5.1 The Plan Secretariat shall submit an annual progress report to Parliament by "
        "31 March of each year. An independent mid-term review shall be completed by the "
        "Ministry of Gender, Children and Social Protection in 2028.",
    ),
    (
        "p",
        "5.2 The National WPS Steering Committee includes two representatives of the Kestria "
        "Women Mediators' Network and one of the Coalition of Women Human Rights Defenders, who "
        "review each progress report before it is submitted and may append a shadow report.",
    ),
    ("h1", "6. Budget"),
    (
        "p",
        "The Ministry of Finance shall open a dedicated WPS budget line (vote 14-07) for every "
        "year of the Plan. The total budget of the Plan is KSD 7,450,000 over five years.",
    ),
    (
        "table",
        [
            ["Budget item", "KSD (2026-2030)"],
            ["Protection Desk and regional liaison officers", "2,100,000"],
            ["Emergency Protection Fund", "3,000,000"],
            ["Training of police, prosecutors and magistrates", "650,000"],
            ["Security training for women peacebuilders", "900,000"],
            ["Participation of women mediators in peace talks", "800,000"],
            ["Total", "7,450,000"],
        ],
    ),
    ("h1", "7. Action matrix"),
    (
        "table",
        [
            ["Action", "Responsible body", "Timeline", "Indicator", "Budget (KSD)"],
            [
                "Establish the Protection Desk",
                "Ministry of Interior",
                "By March 2026",
                "Protection Desk operational 24 hours a day",
                "2,100,000",
            ],
            [
                "Adopt and distribute the Protection Protocol",
                "Ministry of Interior",
                "By June 2026",
                "Protocol distributed in all eight regions",
                "",
            ],
            [
                "Train police officers, prosecutors and magistrates",
                "National Police Academy; Judicial Studies Institute",
                "2026-2028",
                "600 officials trained",
                "650,000",
            ],
            [
                "Security training for women peacebuilders",
                "",
                "2026-2030",
                "400 women peacebuilders trained",
                "900,000",
            ],
            [
                "Biannual dialogue with women's civil society networks",
                "Ministry of Gender, Children and Social Protection",
                "April and October each year",
                "Ten dialogues held",
                "",
            ],
            [
                "Share early-warning alerts with women mediators",
                "",
                "2027",
                "Number of alerts shared",
                "",
            ],
            [
                "Emergency Protection Fund grants",
                "Protection Desk",
                "From 2026",
                "Share of requests decided within 72 hours",
                "3,000,000",
            ],
            [
                "Review of the Charities and Associations Act",
                "",
                "To be determined",
                "",
                "",
            ],
        ],
    ),
]


def build() -> Document:
    document = Document()
    core = document.core_properties
    core.author = "Ministry of Gender, Children and Social Protection (fictional, wpslint corpus)"
    core.last_modified_by = "wpslint corpus"
    core.title = TITLE
    core.subject = "Women, Peace and Security"
    core.keywords = "wpslint sample corpus; national action plan with action matrix"
    core.comments = "Written for wpslint; CC0."
    core.created = FIXED_DATE
    core.modified = FIXED_DATE
    core.last_printed = FIXED_DATE
    core.revision = 1

    document.styles["Normal"].font.size = Pt(11)
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
        elif kind == "number":
            document.add_paragraph(payload, style="List Number")
        elif kind == "table":
            rows = payload
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
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
        if kind == "table":
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
    default = Path(__file__).resolve().parent / "nap_matrix.docx"
    target = Path(argv[1]) if len(argv) > 1 else default
    buffer = io.BytesIO()
    build().save(buffer)
    target.write_bytes(deterministic_zip(buffer.getvalue()))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
