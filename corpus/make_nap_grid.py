#!/usr/bin/env python3
"""Build corpus/nap_grid.pdf, the Lunetta national action plan of the sample corpus, with fpdf2.

A first national action plan laid out as a typical government PDF: a running header and a
"Page N of M" footer on every page, numbered headings, numbered paragraphs, bullet lists, and an
action matrix drawn as a real table grid (every cell has borders, long cells wrap over several
lines), so that the corpus tests how a bordered table survives PDF text extraction. The text below
is the source of the document; the labels in labels/nap_grid.pdf.yaml quote it (whitespace may
differ in the extracted text).

The output is deterministic (fixed creation date, core fonts only), so re-running the script
leaves git with nothing to commit.

Usage: python corpus/make_nap_grid.py [OUTPUT]   (default: nap_grid.pdf beside this script)
Requires fpdf2 (a test-only dependency: pip install fpdf2).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
RUNNING_HEADER = "Republic of Lunetta - National Action Plan on Women, Peace and Security 2025-2028"
FIXED_DATE = dt.datetime(2025, 6, 2, 9, 30, 0, tzinfo=dt.timezone.utc)

TITLE = "Republic of Lunetta: First National Action Plan on Women, Peace and Security (2025-2028)"

# Each item: (kind, payload). kinds: h1, h2, p, bullet, grid (a bordered table: header row first).
CONTENT: list[tuple[str, object]] = [
    (
        "p",
        "Office of the Vice-President and Ministry of Women and Community Development. "
        "Approved by the Council of Ministers on 20 May 2025.",
    ),
    ("h1", "1. Why Lunetta needs this Plan"),
    (
        "p",
        "1.1 The communal violence of 2019-2021 in the Upland Provinces ended through the work "
        "of local peace committees, religious leaders and, above all, women peacebuilders and "
        "women-led peace organisations who crossed the lines to negotiate the return of "
        "displaced families. Since the Upland Accord, women human rights defenders have "
        "documented land grabs and disappearances. Both groups face threats, smear campaigns "
        "online and arbitrary arrest.",
    ),
    (
        "p",
        "1.2 This first National Action Plan (the Plan) commits the Government to protect "
        "women peacebuilders and women human rights defenders, to include them in the "
        "decisions that affect peace, and to fund what it promises.",
    ),
    (
        "p",
        "1.3 The Plan was drafted by the Ministry of Women and Community Development between "
        "August 2024 and March 2025 through twelve provincial consultations with women's "
        "organisations, women peacebuilders and displaced women's associations, and the "
        "final draft was validated by the Lunetta Women's Peace Coalition.",
    ),
    ("h2", "1.4 Who leads"),
    (
        "p",
        "The Ministry of Women and Community Development leads and coordinates the "
        "implementation of the Plan, under the oversight of the Office of the Vice-President. "
        "The Government may consider introducing a Women, Peace and Security Bill during the "
        "period of the Plan.",
    ),
    ("h2", "1.5 Eligibility"),
    (
        "p",
        "Every protection and emergency measure in this Plan is open to women peacebuilders "
        "and defenders whether or not they belong to a registered organisation, including "
        "community-based and informal peacebuilders whose work is unpaid.",
    ),
    ("h1", "2. Participation and consultation"),
    (
        "p",
        "2.1 The Ministry of Women and Community Development shall establish a Civil Society "
        "Reference Group of twelve women peacebuilders and defenders, which meets every "
        "quarter, advises on implementation, reviews each progress report and may publish its "
        "own shadow report.",
    ),
    (
        "p",
        "2.2 All delegations, committees and programmes under this Plan shall include women "
        "peacebuilders from rural and upland areas, displaced women, young women and women "
        "from religious minorities.",
    ),
    (
        "p",
        "2.3 The Ministry of Foreign Affairs shall facilitate visas for women peacebuilders "
        "invited to regional and international peace forums, by writing to host countries and "
        "requesting fee waivers and expedited processing.",
    ),
    (
        "p",
        "2.4 The participation costs of women peacebuilders in national dialogues may be "
        "covered by the Ministry of Women and Community Development, subject to available "
        "funds.",
    ),
    (
        "p",
        "2.5 The National Conflict Analysis Unit should, where possible, draw on the "
        "perspectives of women peacebuilders in its quarterly analyses.",
    ),
    (
        "p",
        "2.6 The Office of the Vice-President should highlight the contributions of women "
        "peacebuilders in national celebrations of Peace Day.",
    ),
    (
        "p",
        "2.7 Line ministries are encouraged to designate WPS focal points whose tasks include "
        "support to women peacebuilders and defenders.",
    ),
    ("h1", "3. Protection"),
    ("h2", "3.1 The Women Defenders Protection Unit"),
    (
        "p",
        "3.1.1 The Ministry of Justice shall establish a Women Defenders Protection Unit, "
        "whose duty officer can be reached 24 hours a day and coordinates the Government's "
        "response when a woman peacebuilder or defender faces an acute threat.",
    ),
    (
        "p",
        "3.1.2 Within 72 hours of a request, the Protection Unit shall carry out a risk "
        "assessment together with the woman concerned and agree a protection plan with her. "
        "The plan shall also cover her family members, colleagues and organisation where they "
        "are at risk.",
    ),
    (
        "p",
        "3.1.3 The Protection Unit shall keep confidential all information about the women it "
        "protects and shall disclose it only with their informed consent.",
    ),
    (
        "p",
        "3.1.4 The Protection Unit may arrange accompaniment by international observers for "
        "women peacebuilders at risk, where they request it and resources allow.",
    ),
    (
        "p",
        "3.1.5 The Protection Unit shall chair a Protection Coordination Forum with the police, "
        "the Ombudsperson, UN agencies and civil society protection networks, meeting monthly.",
    ),
    ("h2", "3.2 Justice and accountability"),
    (
        "p",
        "3.2.1 The Prosecutor-General shall assign a specialised prosecutor in each province to "
        "threats and attacks against women peacebuilders and defenders, and the Protection "
        "Unit shall inform the woman concerned of the progress of her case.",
    ),
    (
        "p",
        "3.2.2 The Office of the Ombudsperson shall monitor the detention conditions and "
        "trials of women peacebuilders and defenders who are detained or prosecuted, shall "
        "visit them in detention, and shall report twice a year on the situation of women "
        "peacebuilders and defenders in Lunetta.",
    ),
    (
        "p",
        "3.2.3 The Office of the Ombudsperson shall keep a confidential record of threats, "
        "attacks and security incidents against women peacebuilders and defenders.",
    ),
    (
        "p",
        "3.2.4 The National Police will train 800 officers on the handling of gender-based "
        "violence cases by 2027.",
    ),
    (
        "p",
        "3.2.5 The Ministry of Foreign Affairs shall report on threats and violence against "
        "women peacebuilders and defenders in Lunetta's Universal Periodic Review reports.",
    ),
    ("h2", "3.3 Online threats and self-protection"),
    (
        "p",
        "3.3.1 The Ministry of Digital Affairs shall agree with the main social media "
        "platforms, by December 2025, a fast-track channel for reporting online threats and "
        "smear campaigns against women peacebuilders and defenders.",
    ),
    (
        "p",
        "3.3.2 The Ministry of Women and Community Development shall fund protection training "
        "for women peacebuilders and defenders (physical and digital security, security "
        "planning) and free counselling for those who have been threatened or attacked.",
    ),
    ("h1", "4. Emergency assistance and relocation"),
    (
        "p",
        "4.1 The Government shall establish the Women Defenders Protection Fund, with an "
        "allocation of LNT 2,000,000 a year, to give rapid grants for legal, medical, "
        "psychological and relocation needs to women peacebuilders and defenders facing acute "
        "threats.",
    ),
    (
        "p",
        "4.2 The Protection Unit shall run two safe houses for temporary relocation. The woman "
        "concerned decides which members of her family relocate with her.",
    ),
    (
        "p",
        "4.3 The Protection Fund shall give annual grants to the peer protection networks of "
        "women peacebuilders, through which they host and support colleagues at risk.",
    ),
    ("h1", "5. Monitoring and reporting"),
    (
        "p",
        "5.1 The Ministry of Women and Community Development shall submit a progress report to "
        "the Council of Ministers and to Parliament every six months. The Civil Society "
        "Reference Group shall review each report before it is submitted.",
    ),
    (
        "p",
        "5.2 The Ministry of Finance shall create a dedicated budget line for the Plan "
        "(programme 07-3) in every annual budget from 2025 to 2028.",
    ),
    ("h1", "6. Action matrix"),
    (
        "grid",
        [
            ["Action", "Lead", "Partners", "Timeline", "Indicator", "Budget (LNT)"],
            [
                "Establish the Women Defenders Protection Unit with a 24-hour duty officer",
                "Ministry of Justice",
                "Ombudsperson; civil society protection networks",
                "By September 2025",
                "Unit operational; share of requests assessed within 72 hours",
                "1,400,000",
            ],
            [
                "Rapid grants from the Women Defenders Protection Fund",
                "Ministry of Women and Community Development",
                "Protection Unit",
                "From October 2025",
                "Number of grants; average days to payment",
                "8,000,000",
            ],
            [
                "Fast-track reporting channel with social media platforms",
                "Ministry of Digital Affairs",
                "Civil Society Reference Group",
                "By December 2025",
                "Channel agreed; share of reported posts removed within 48 hours",
                "150,000",
            ],
            [
                "Protection training and counselling for women peacebuilders and defenders",
                "Ministry of Women and Community Development",
                "Lunetta Women's Peace Coalition",
                "2025-2028",
                "500 women trained; number of counselling sessions",
                "1,100,000",
            ],
            [
                "Monitoring of detention and trials; record of incidents",
                "Office of the Ombudsperson",
                "Protection Unit",
                "Reports every six months",
                "Reports published on time",
                "600,000",
            ],
            [
                "Grants to peer protection networks",
                "Ministry of Women and Community Development",
                "Protection Unit",
                "Annual, 2025-2028",
                "Four networks funded each year",
                "400,000",
            ],
            [
                "Civil Society Reference Group meetings and shadow report",
                "Ministry of Women and Community Development",
                "Lunetta Women's Peace Coalition",
                "Quarterly",
                "16 meetings held",
                "250,000",
            ],
        ],
    ),
    (
        "p",
        "Total budget of the Plan for 2025-2028: LNT 11,900,000, of which LNT 8,000,000 is the "
        "Women Defenders Protection Fund.",
    ),
]


class PlanPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_draw_color(0, 0, 0)
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def render() -> PlanPDF:
    pdf = PlanPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(TITLE)
    pdf.set_author("Republic of Lunetta (fictional; wpslint sample corpus)")
    pdf.set_subject("Women, Peace and Security")
    pdf.set_creator("wpslint corpus/make_nap_grid.py")
    pdf.set_keywords("wpslint sample corpus; CC0")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 7.5, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, payload in CONTENT:
        if kind in ("h1", "h2"):
            size = 13 if kind == "h1" else 11.5
            if pdf.get_y() > pdf.page_break_trigger - 30:  # keep a heading with its text
                pdf.add_page()
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, size * 0.5, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.5, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
        elif kind == "bullet":
            pdf.set_font("Helvetica", "", 10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(5, 5.5, "-")
            pdf.multi_cell(0, 5.5, payload, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "grid":
            pdf.set_font("Helvetica", "", 8.5)
            headings = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
            with pdf.table(
                col_widths=(44, 30, 30, 22, 32, 20),
                borders_layout="ALL",
                line_height=4.2,
                text_align="LEFT",
                headings_style=headings,
                first_row_as_headings=True,
                repeat_headings=1,
            ) as table:
                for data_row in payload:
                    row = table.row()
                    for value in data_row:
                        row.cell(value)
            pdf.ln(4)
        else:  # pragma: no cover - a typo in CONTENT
            raise ValueError(kind)
    return pdf


def source_text() -> str:
    """The document text in reading order, one block per line (used to check label quotes)."""
    lines = [TITLE]
    for kind, payload in CONTENT:
        if kind == "grid":
            lines.extend(cell for row in payload for cell in row if cell)
        else:
            lines.append(payload)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else HERE / "nap_grid.pdf"
    pdf = render()
    pdf.output(str(target))
    print(f"wrote {target} ({pdf.pages_count} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
