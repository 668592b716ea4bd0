"""Waivers: fingerprints that survive re-flowing, the waivers file, waive --all, expired and
unused waivers."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fixtures import make_pdf
from wpslint.api import default_linter, load_rules
from wpslint.cli import main
from wpslint.errors import ConfigError
from wpslint.findings import CheckResult, DocumentReport, Evidence, Severity, Status
from wpslint.waivers.fingerprint import fingerprint, normalise, passage
from wpslint.waivers.model import PLACEHOLDER, load_waivers

HEDGED = (
    "The Ministry should, where possible, consult women's organisations and women "
    "peacebuilders on protection measures. Information about participants may be shared "
    "with partners as appropriate. The Government will consider establishing a fund for "
    "human rights defenders subject to available resources."
)


def wpslint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def passages(report: DocumentReport) -> dict[str, tuple[str, int]]:
    """Rule id -> (fingerprint, line) of every finding that cites a passage."""
    return {
        check.rule.id: (fingerprint(check), passage(check).line)
        for check in report.findings
        if passage(check) is not None
    }


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("  The  Ministry,\nshall — “consult”\tWomen's groups. ") == (
        "the ministry shall consult womens groups"
    )
    assert normalise("decision-making") == normalise("decisionmaking")


def test_fingerprint_survives_a_reflowed_pdf(tmp_path: Path) -> None:
    def pdf(name: str, width: int, hyphenate: bool) -> Path:
        lines = textwrap.wrap(HEDGED, width)
        if hyphenate:  # a line break inside a word, as justified PDFs have
            lines = "\n".join(lines).replace("peacebuilders", "peace-\nbuilders").split("\n")
        title = ["National Action Plan on Women, Peace and Security"]
        return make_pdf(tmp_path / name, [title, ["Protection of defenders", "", *lines]])

    linter = default_linter()
    narrow = passages(linter.check_file(pdf("narrow.pdf", 45, True), doc_type="nap"))
    wide = passages(linter.check_file(pdf("wide.pdf", 75, False), doc_type="nap"))
    assert narrow and narrow.keys() == wide.keys()
    assert {k: fp for k, (fp, _) in narrow.items()} == {k: fp for k, (fp, _) in wide.items()}
    assert any(narrow[k][1] != wide[k][1] for k in narrow), "the lines should have moved"


def test_fingerprint_survives_edits_elsewhere_and_renumbered_headings() -> None:
    before = f"# Plan\n\n## 4.2 Protection\n\n{HEDGED}\n"
    after = (
        "# Plan\n\nA new introduction, several lines long,\nwritten after the first review.\n\n"
        f"## 5.1 Protection\n\n{textwrap.fill(HEDGED, 50)}\n"
    )
    linter = default_linter()
    first = passages(linter.check_text(before, doc_type="nap"))
    second = passages(linter.check_text(after, doc_type="nap"))
    assert first and {k: v[0] for k, v in first.items()} == {k: v[0] for k, v in second.items()}


def test_fingerprint_depends_on_rule_section_and_passage_only() -> None:
    rule = RULES.get("LEG15").info

    def weak(text: str, section: str = "4.2 Funding", line: int = 3) -> CheckResult:
        evidence = Evidence(0, len(text), text, page=2, line=line, section=section)
        return CheckResult(rule, Status.WEAK, Severity.WARNING, "m", [evidence])

    base = fingerprint(weak("The Ministry may fund defenders."))
    assert re.fullmatch(r"[0-9a-f]{16}", base)
    assert fingerprint(weak("the  ministry may fund\ndefenders", "7 Funding", 40)) == base
    assert fingerprint(weak("The Ministry may fund peacebuilders.")) != base
    assert fingerprint(weak("The Ministry may fund defenders.", "Annex")) != base
    other = CheckResult(RULES.get("LEG01").info, Status.WEAK, Severity.WARNING, "m")
    other.evidence = weak("The Ministry may fund defenders.").evidence
    assert fingerprint(other) != base


def test_a_missing_protection_is_identified_by_its_rule() -> None:
    linter = default_linter()
    one = {c.rule.id: c for c in linter.check_text(HEDGED, doc_type="nap").findings}
    two = {c.rule.id: c for c in linter.check_text("Nothing here.", doc_type="nap").findings}
    missing = [rule_id for rule_id, c in one.items() if c.status.value == "missing"]
    assert missing
    for rule_id in missing:
        if rule_id in two and two[rule_id].status.value == "missing":
            assert fingerprint(one[rule_id]) == fingerprint(two[rule_id])


# --------------------------------------------------------------------------- the file
RULES = load_rules()


def waivers_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "wpslint-waivers.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_load_waivers(tmp_path: Path) -> None:
    path = waivers_file(
        tmp_path,
        """\
        waivers:
          - rule: dedicated-resources
            path: ./plans/nap.md
            fingerprint: 0123456789abcdef
            reason: Funded by the budget law.
            expires: 2030-01-31
        """,
    )
    (waiver,) = load_waivers(path, RULES)
    assert (waiver.rule, waiver.path, waiver.fingerprint) == (
        "LEG15",
        "plans/nap.md",
        "0123456789abcdef",
    )
    assert waiver.expires == dt.date(2030, 1, 31) and waiver.line == 2
    assert not waiver.expired(dt.date(2030, 1, 31)) and waiver.expired(dt.date(2030, 2, 1))
    assert load_waivers(tmp_path / "none.yaml", RULES) == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("rule: LEG15\npath: a.md\nfingerprint: 0123456789abcdef\n", "a waiver needs 'reason'"),
        (
            f"rule: LEG15\npath: a.md\nfingerprint: 0123456789abcdef\nreason: '{PLACEHOLDER}'\n",
            "has no reason yet",
        ),
        ("rule: LEG99\npath: a.md\nfingerprint: 0123456789abcdef\nreason: r\n", "no rule 'LEG99'"),
        ("rule: LEG15\npath: a.md\nfingerprint: abc\nreason: r\n", "16 hex digits"),
        (
            "rule: LEG15\npath: a.md\nfingerprint: 0123456789abcdef\nreason: r\nexpires: soon\n",
            "'expires' must be a date",
        ),
        (
            "rule: LEG15\npath: a.md\nfingerprint: 0123456789abcdef\nreason: r\nexpiry: 2030\n",
            "did you mean 'expires'",
        ),
    ],
)
def test_invalid_waivers_are_located(tmp_path: Path, entry: str, message: str) -> None:
    indented = textwrap.indent(entry, "    ").replace("    ", "  - ", 1)
    path = waivers_file(tmp_path, "waivers:\n" + indented)
    with pytest.raises(ConfigError, match=re.escape(message)) as error:
        load_waivers(path, RULES)
    assert error.value.line is not None and error.value.line >= 2


def test_duplicate_waivers_are_an_error(tmp_path: Path) -> None:
    entry = "  - rule: LEG15\n    path: a.md\n    fingerprint: 0123456789abcdef\n    reason: r\n"
    path = waivers_file(tmp_path, "waivers:\n" + entry + entry)
    with pytest.raises(ConfigError, match="the same waiver as at line 2"):
        load_waivers(path, RULES)


# --------------------------------------------------------------------------- the command line
@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "nap.md").write_text(
        f"# National Action Plan\n\n## Protection\n\n{HEDGED}\n", encoding="utf-8"
    )
    (tmp_path / "wpslint.yaml").write_text("select: [LEG, DRF]\n", encoding="utf-8")
    return tmp_path


def fill_reasons(project: Path, reason: str = "Reviewed with the drafting committee.") -> None:
    path = project / "wpslint-waivers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(PLACEHOLDER, reason), "utf-8")


def test_waive_all_then_fill_reasons_then_the_run_passes(project: Path) -> None:
    assert wpslint("check", "plans").exit_code == 1
    result = wpslint("waive", "--all", "plans")
    assert result.exit_code == 0, result.output
    text = (project / "wpslint-waivers.yaml").read_text(encoding="utf-8")
    assert text.count(f'reason: "{PLACEHOLDER}"') >= 2
    assert 'path: "plans/nap.md"' in text
    blocked = wpslint("check", "plans")
    assert blocked.exit_code == 2
    assert "wpslint-waivers.yaml:" in blocked.stderr and "has no reason yet" in blocked.stderr

    fill_reasons(project)
    passed = wpslint("check", "plans")
    assert passed.exit_code == 0, passed.output
    assert "no findings" in passed.stdout and "waived" in passed.stdout
    shown = wpslint("check", "--show-waived", "plans")
    assert shown.exit_code == 0
    assert "    waived: Reviewed with the drafting committee." in shown.stdout
    report = json.loads(wpslint("check", "--format", "json", "plans").stdout)
    waived = [c for c in report["documents"][0]["checks"] if "waived" in c]
    assert waived and all(c["waived"] == "Reviewed with the drafting committee." for c in waived)


def test_waive_twice_adds_nothing_and_keeps_reasons(project: Path) -> None:
    wpslint("waive", "--all", "plans")
    fill_reasons(project, "First review.")
    first = (project / "wpslint-waivers.yaml").read_text(encoding="utf-8")
    result = wpslint("waive", "--all", "plans")
    assert "0 new waiver(s)" in result.stderr
    second = (project / "wpslint-waivers.yaml").read_text(encoding="utf-8")
    assert second.count('reason: "First review."') == first.count('reason: "First review."')


def test_waive_by_rule_with_reason_and_expiry(project: Path) -> None:
    result = wpslint(
        "waive", "--rule", "LEG", "--reason", "Agreed", "--expires", "2031-12-31", "plans"
    )
    assert result.exit_code == 0, result.output
    waivers = load_waivers(project / "wpslint-waivers.yaml", RULES)
    assert waivers and all(w.rule.startswith("LEG") for w in waivers)
    assert all(w.reason == "Agreed" and w.expires == dt.date(2031, 12, 31) for w in waivers)
    statuses = json.loads(wpslint("check", "--format", "json", "plans").stdout)
    left = [
        c["id"]
        for c in statuses["documents"][0]["checks"]
        if c["status"] in {"missing", "weak", "flagged"} and "waived" not in c
    ]
    assert left and all(rule_id.startswith("DRF") for rule_id in left)


def test_waive_needs_a_choice(project: Path) -> None:
    result = wpslint("waive", "plans")
    assert result.exit_code == 2 and "--all, or --rule" in result.stderr


def test_expired_waiver_brings_the_finding_back(project: Path) -> None:
    wpslint("waive", "--all", "--reason", "Temporary", "--expires", "2001-01-01", "plans")
    result = wpslint("check", "plans")
    assert result.exit_code == 1
    expired = [line for line in result.stderr.splitlines() if "expired on 2001-01-01" in line]
    assert expired and all(
        line.startswith("wpslint: error: wpslint-waivers.yaml:") for line in expired
    )
    # Waiving again replaces the expired waivers instead of duplicating them.
    wpslint("waive", "--all", "--reason", "Renewed", "plans")
    assert wpslint("check", "plans").exit_code == 0


def test_unused_waiver_is_a_warning(project: Path) -> None:
    wpslint("waive", "--all", "--reason", "Accepted", "plans")
    nap = project / "plans" / "nap.md"
    nap.write_text(
        nap.read_text(encoding="utf-8").replace("should, where possible,", "may"), "utf-8"
    )
    result = wpslint("check", "--fail-on", "never", "plans")
    warnings = [line for line in result.stderr.splitlines() if "unused waiver" in line]
    assert warnings and warnings[0].startswith("wpslint: warning: wpslint-waivers.yaml:")
    assert "unused waiver" not in wpslint("check", "--quiet", "--fail-on", "never", "plans").stderr


def test_waivers_for_other_documents_are_not_unused(project: Path) -> None:
    (project / "plans" / "other.md").write_text("# Other plan\n\nNothing.\n", encoding="utf-8")
    wpslint("waive", "--all", "--reason", "Accepted", "plans")
    result = wpslint("check", "plans/other.md")
    assert "unused waiver" not in result.stderr


def test_configured_waivers_path(project: Path) -> None:
    (project / "wpslint.yaml").write_text(
        "select: [LEG, DRF]\nwaivers: policy/waivers.yaml\n", encoding="utf-8"
    )
    (project / "policy").mkdir()
    wpslint("waive", "--all", "--reason", "Accepted", "plans")
    assert (project / "policy" / "waivers.yaml").is_file()
    assert wpslint("check", "plans").exit_code == 0


def test_show_and_fail_on_are_independent(project: Path) -> None:
    (project / "wpslint.yaml").write_text(
        "select: [LEG, DRF]\nshow: error\nfail-on: info\n", encoding="utf-8"
    )
    result = wpslint("check", "--format", "json", "plans")
    checks = json.loads(result.stdout)["documents"][0]["checks"]
    assert any(c["severity"] != "error" and c["status"] in {"weak", "flagged"} for c in checks)
    text = wpslint("check", "plans")
    listed = re.findall(r"^plans/nap\.md:\d+: \w+ (\w+) ", text.stdout, re.M)
    assert set(listed) <= {"error"}
    assert "below the severity shown" in text.stdout
    assert text.exit_code == 1  # what is not shown still fails the run
