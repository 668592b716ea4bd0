#!/usr/bin/env python3
"""Build corpus/nap_weak.docx, the weak national action plan of the sample corpus.

The text below is the source of the document; the labels in labels/nap_weak.docx.yaml quote it.
The output is byte-for-byte deterministic: the core properties carry fixed dates and every zip
entry gets a fixed timestamp, so re-running the script leaves git with nothing to commit.

Usage: python corpus/make_docx.py [OUTPUT]   (default: nap_weak.docx beside this script)
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

FIXED_DATE = dt.datetime(2024, 2, 1, 9, 0, 0)
ZIP_DATE = (2024, 2, 1, 9, 0, 0)

TITLE = (
    "Federal Republic of Westmark: National Action Plan on Women, Peace and Security (2024-2028)"
)

# Each item: (kind, payload). kinds: h1, h2, p, bullet, number, table.
CONTENT: list[tuple[str, object]] = [
    (
        "p",
        "Ministry of Women, Family and Community Affairs. Approved by the Council of Ministers, "
        "January 2024.",
    ),
    ("h1", "1. Foreword"),
    (
        "p",
        "Westmark has known three decades of intermittent conflict in its eastern regions. Women "
        "and girls have suffered disproportionately from displacement, loss of livelihoods and "
        "sexual violence, and women have also played a quiet but essential role in keeping "
        "communities together. This first National Action Plan on Women, Peace and Security "
        "expresses the commitment of the Government to United Nations Security Council "
        "resolution 1325 (2000) and the resolutions that followed it.",
    ),
    (
        "p",
        "This Plan was prepared by the Ministry of Women, Family and Community Affairs following "
        "consultations with civil society organisations and women's groups in four regions.",
    ),
    ("h1", "2. Background"),
    (
        "p",
        "Women make up just over half of the population of Westmark but hold few seats "
        "in regional councils and are rarely present in the security sector. Women's "
        "groups in the eastern regions have mediated local disputes over land and water, "
        "supported displaced families and campaigned for the return of missing persons. Their "
        "contribution is seldom acknowledged, and many report intimidation by armed groups and "
        "local officials.",
    ),
    (
        "p",
        "The Plan is organised around three pillars: participation; prevention and protection; "
        "and relief and recovery. Section 6 describes how implementation will be coordinated "
        "and monitored, and section 7 sets out the actions.",
    ),
    ("h2", "2.1 Guiding principles"),
    (
        "p",
        "The Plan is guided by the following principles, which all ministries are asked to "
        "respect in their work on peace and security:",
    ),
    (
        "bullet",
        "National ownership: the Plan is owned by the Government and implemented through "
        "existing ministries and regional administrations.",
    ),
    (
        "bullet",
        "Equality and non-discrimination: women and men are equal before the law and have "
        "an equal stake in peace.",
    ),
    (
        "bullet",
        "Do no harm: programmes in the eastern regions are designed so that they do not "
        "deepen divisions between communities.",
    ),
    (
        "bullet",
        "Partnership: the Government works with development partners, the United Nations "
        "and civil society to achieve the objectives of the Plan.",
    ),
    ("h2", "2.2 Period of the Plan"),
    (
        "p",
        "The Plan covers the period 2024 to 2028. It builds on the National Gender Policy and on "
        "the Eastern Regions Recovery Strategy, and it will be revised at the end of its period "
        "in the light of experience. Line ministries are expected to reflect the actions of the "
        "Plan in their own annual work plans.",
    ),
    ("h1", "3. Pillar 1: Participation"),
    (
        "p",
        "Objective: to increase the participation of women in decision-making on peace and "
        "security at all levels.",
    ),
    (
        "p",
        "Women's representation in formal peace structures remains low. Few of the local peace "
        "committees set up since the 2016 agreement have more than one woman member, and no "
        "woman has yet served in the national negotiating team. The following "
        "actions are intended to change this.",
    ),
    (
        "bullet",
        "The Ministry of Internal Affairs will support the participation of women mediators "
        "in local peace committees.",
    ),
    (
        "bullet",
        "The Ministry of Internal Affairs will ensure that the women mediators supported "
        "under this Pillar include rural women, young women and women with disabilities.",
    ),
    (
        "bullet",
        "The Ministry may hold periodic consultations with women's organisations, as appropriate.",
    ),
    (
        "bullet",
        "Participation costs of women mediators in national dialogues may be covered where "
        "funds allow.",
    ),
    (
        "bullet",
        "Conflict analyses should, where possible, take into account the views of women's "
        "civil society organisations.",
    ),
    ("bullet", "The Ministry may organise an annual award recognising women peacebuilders."),
    (
        "bullet",
        "The Ministry of Women, Family and Community Affairs will run leadership training "
        "for women candidates in regional council elections.",
    ),
    ("h1", "4. Pillar 2: Prevention and protection"),
    (
        "p",
        "Objective: to prevent violence against women and girls and to protect them during and "
        "after conflict.",
    ),
    (
        "number",
        "Each ministry should appoint a gender focal point responsible for gender mainstreaming.",
    ),
    (
        "number",
        "The National Police will train officers on responding to domestic and sexual "
        "violence against women.",
    ),
    (
        "number",
        "Measures will be taken to improve the security of women in conflict-affected regions.",
    ),
    (
        "number",
        "Where possible, the national early warning and response network should share "
        "alerts on emerging threats with women mediators and community leaders in real "
        "time.",
    ),
    (
        "number",
        "The Ministry of Internal Affairs should consider measures to protect human rights "
        "defenders, where resources permit.",
    ),
    (
        "number",
        "The National Statistics Office will collect data on gender-based violence in the "
        "eastern regions.",
    ),
    ("h1", "5. Pillar 3: Relief and recovery"),
    ("p", "Objective: to meet the specific needs of women and girls affected by conflict."),
    (
        "bullet",
        "The Ministry of Health will provide psychosocial support to survivors of sexual "
        "violence in conflict.",
    ),
    (
        "bullet",
        "The Ministry of Women, Family and Community Affairs will open two shelters for "
        "women and girls who are survivors of gender-based violence.",
    ),
    (
        "bullet",
        "Livelihood programmes for women heads of household will be expanded in the eastern "
        "regions.",
    ),
    ("h1", "6. Coordination, monitoring and reporting"),
    ("h2", "6.1 Coordination"),
    (
        "p",
        "The Ministry of Women, Family and Community Affairs shall coordinate the implementation "
        "of this Plan through a National Steering Committee of line ministries. Civil society "
        "organisations may be invited to attend meetings of the Steering Committee as "
        "observers.",
    ),
    ("h2", "6.2 Monitoring and reporting"),
    (
        "p",
        "The Ministry of Women, Family and Community Affairs will submit an annual progress "
        "report to the Council of Ministers. The Government will report on the implementation "
        "of this Plan in its periodic reports to the CEDAW Committee.",
    ),
    ("h2", "6.3 Resources"),
    (
        "p",
        "Implementation of this Plan will depend on the availability of resources from the "
        "national budget and development partners.",
    ),
    ("h1", "7. Action matrix"),
    (
        "table",
        [
            ["Action", "Responsible", "Timeline", "Budget"],
            [
                "Support women mediators in local peace committees",
                "Ministry of Internal Affairs",
                "2024-2028",
                "",
            ],
            [
                "Hold consultations with women's organisations",
                "Ministry of Women, Family and Community Affairs",
                "As appropriate",
                "Existing budget",
            ],
            [
                "Train police officers on domestic and sexual violence",
                "National Police",
                "2025",
                "",
            ],
            ["Appoint gender focal points", "", "2025", ""],
            [
                "Improve the security of women in conflict-affected regions",
                "",
                "Ongoing",
                "To be determined",
            ],
            [
                "Provide psychosocial support to survivors of sexual violence",
                "Ministry of Health",
                "Ongoing",
                "Development partners",
            ],
            [
                "Run awareness campaigns on women's participation in peace and security",
                "",
                "2024-2028",
                "",
            ],
        ],
    ),
    ("p", "The Steering Committee will review the action matrix when the Plan is revised."),
]


def build() -> Document:
    document = Document()
    core = document.core_properties
    core.author = "Ministry of Women, Family and Community Affairs (fictional, wpslint corpus)"
    core.last_modified_by = "wpslint corpus"
    core.title = TITLE
    core.subject = "Women, Peace and Security"
    core.keywords = "wpslint sample corpus; weak national action plan"
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
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "nap_weak.docx"
    buffer = io.BytesIO()
    build().save(buffer)
    target.write_bytes(deterministic_zip(buffer.getvalue()))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
