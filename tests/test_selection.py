"""Rule selection as ruff does it: id, name or prefix, the more specific selector winning;
per-path layers; severity overrides."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from wpslint.api import check_text, load_rules
from wpslint.cli import main
from wpslint.config import Config, PathSettings, Selector
from wpslint.config.selection import apply_layer, severity_overrides, specificity
from wpslint.errors import ConfigError
from wpslint.rules.model import RuleSet
from wpslint.run.plan import Overrides, Planner


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def ids(rules: RuleSet, prefix: str) -> set[str]:
    return {rule.id for rule in rules.rules if rule.id.startswith(prefix)}


def sel(*texts: str) -> list[Selector]:
    return [Selector(text) for text in texts]


def enabled(rules: RuleSet, select: list[Selector], ignore: list[Selector]) -> frozenset[str]:
    return apply_layer(frozenset(), rules.rules, select, ignore)


def test_specificity_orders_all_section_prefix_id_and_name(rules: RuleSet) -> None:
    rule = rules.get("LEG15")
    assert rule is not None
    levels = [specificity(Selector(t), rule) for t in ("ALL", "LEG", "LEG1", "LEG15", rule.name)]
    assert levels == [0, 3, 4, 5, 5]
    assert specificity(Selector("EMR"), rule) is None
    assert specificity(Selector("leg15"), rule) == 5


def test_ignore_a_rule_of_a_selected_section(rules: RuleSet) -> None:
    assert enabled(rules, sel("LEG"), sel("LEG15")) == ids(rules, "LEG") - {"LEG15"}


def test_select_a_rule_of_an_ignored_section(rules: RuleSet) -> None:
    assert enabled(rules, sel("ALL", "LEG15"), sel("LEG")) == (
        {r.id for r in rules.rules} - ids(rules, "LEG")
    ) | {"LEG15"}


def test_equal_specificity_ignore_wins(rules: RuleSet) -> None:
    assert "LEG15" not in enabled(rules, sel("LEG15"), sel("LEG15"))
    name = rules.get("LEG15").name
    assert "LEG15" not in enabled(rules, sel(name), sel("LEG15"))


def test_a_layer_changes_only_what_its_selectors_match(rules: RuleSet) -> None:
    base = enabled(rules, sel("LEG", "EMR"), [])
    layered = apply_layer(base, rules.rules, sel("AVD01"), sel("EMR"))
    assert layered == (base - ids(rules, "EMR")) | {"AVD01"}


def test_severity_overrides_most_specific_then_latest(rules: RuleSet) -> None:
    first = [(Selector("LEG"), "info"), (Selector("LEG15"), "error")]
    levels = severity_overrides(rules.rules, [first])
    assert levels["LEG15"] == "error" and levels["LEG01"] == "info"
    levels = severity_overrides(rules.rules, [first, [(Selector("LEG1"), "warning")]])
    assert levels["LEG15"] == "warning" and levels["LEG01"] == "info"


def test_planner_resolves_per_path_layers(tmp_path: Path, rules: RuleSet) -> None:
    config = Config(
        root=tmp_path,
        select=tuple(sel("LEG")),
        ignore=tuple(sel("LEG15")),
        per_path=(
            PathSettings(glob="bills/**", doc_type="bill", select=tuple(sel("LEG15", "AVD"))),
            PathSettings(glob="bills/old/*", ignore=tuple(sel("AVD"))),
        ),
    )
    planner = Planner(config, rules, Overrides())
    plain = planner.settings_for(tmp_path / "plans" / "a.md")
    bill = planner.settings_for(tmp_path / "bills" / "b.md")
    old = planner.settings_for(tmp_path / "bills" / "old" / "c.md")
    assert set(plain.rules) == ids(rules, "LEG") - {"LEG15"}
    assert (plain.doc_type, plain.doc_type_source) == (None, "detected")
    assert set(bill.rules) == ids(rules, "LEG") | ids(rules, "AVD")
    assert (bill.doc_type, bill.doc_type_source) == ("bill", "config")
    assert set(old.rules) == ids(rules, "LEG") and old.doc_type == "bill"


def test_command_line_select_replaces_and_extends(tmp_path: Path, rules: RuleSet) -> None:
    config = Config(root=tmp_path, select=tuple(sel("LEG")), ignore=tuple(sel("LEG01")))
    overrides = Overrides(
        doc_type="nap", select=tuple(sel("EMR")), extend_select=tuple(sel("AVD01"))
    )
    settings = Planner(config, rules, overrides).settings_for(tmp_path / "x.md")
    assert set(settings.rules) == ids(rules, "EMR") | {"AVD01"}
    assert (settings.doc_type, settings.doc_type_source) == ("nap", "option")


def test_unknown_selector_suggests(tmp_path: Path, rules: RuleSet) -> None:
    config = Config(root=tmp_path, select=(Selector("EMR077", "wpslint.yaml", 3),))
    with pytest.raises(ConfigError, match=r"wpslint.yaml:3: 'EMR077' matches no rule; did you"):
        Planner(config, rules, Overrides())


BILL = """\
# Protection of Women Peacebuilders Act

## Section 1. Purpose

The Government shall protect women peacebuilders and women human rights defenders.

## Section 2. Consultation and funding

The Minister may, from time to time, convene consultations with women's organisations.
The Ministry should consider allocating resources where possible.
"""


def test_cli_per_path_type_select_and_severity(tmp_path: Path, monkeypatch) -> None:
    # Which LEG checks this draft leaves weak or missing is the rule packs' business: find
    # one of each, then override their severities.
    checks = check_text(BILL, doc_type="bill").checks
    weak = next(c.rule.id for c in checks if c.status.value == "weak" and c.rule.section == "LEG")
    missing = next(
        c.rule.id
        for c in checks
        if c.status.value == "missing" and c.rule.section == "LEG" and c.rule.id != "LEG01"
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bills").mkdir()
    (tmp_path / "bills" / "act.md").write_text(BILL, encoding="utf-8")
    (tmp_path / "wpslint.yaml").write_text(
        textwrap.dedent(
            f"""\
            select: [LEG]
            per-path:
              - glob: "bills/*.md"
                type: bill
                ignore: [LEG01]
                severity: {{{weak}: error, {missing}: info}}
            """
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--format", "json", "bills"])
    (document,) = json.loads(result.stdout)["documents"]
    assert (document["doc_type"], document["doc_type_source"]) == ("bill", "config")
    found = {check["id"]: check for check in document["checks"]}
    assert found["LEG01"]["status"] == "not_applicable"
    assert found["AVD01"]["status"] == "not_applicable"
    assert found["AVD01"]["message"] == "Not selected in the configuration."
    assert (found[weak]["status"], found[weak]["severity"]) == ("weak", "warning")  # one lower
    assert (found[missing]["status"], found[missing]["severity"]) == ("missing", "info")
    assert len(document["checks"]) == len(load_rules().rules)


def test_cli_select_and_ignore_options(tmp_path: Path) -> None:
    draft = tmp_path / "act.md"
    draft.write_text(BILL, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--format",
            "json",
            "--type",
            "nap",
            "--select",
            "LEG,EMR",
            "--ignore",
            "LEG",
            str(draft),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["documents"][0]["checks"]}
    active = {rule_id for rule_id, status in statuses.items() if status != "not_applicable"}
    assert active and all(rule_id.startswith("EMR") for rule_id in active)
    bad = CliRunner().invoke(main, ["check", "--select", "NOPE", str(draft)])
    assert bad.exit_code == 2
    assert "--select: 'NOPE' matches no rule" in bad.stderr
