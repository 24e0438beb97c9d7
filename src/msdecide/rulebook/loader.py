"""Read a rulebook directory into a checked `Rulebook`; every problem becomes a positioned diagnostic.

Layout: `rulebook.yaml` (name, version), `options.yaml` (option and caution catalogue),
`attributes.yaml` and `plain-language.yaml` (the option grid's cited facts and the handout's wording),
`definitions.yaml` (shared sets and predicates) and one rule per file in `<theme>/msr-NNNN-slug.yaml`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from ..options_ids import CATALOGUE_IDS, CAUTION_IDS, KINDS
from ..profile import FIELDS, ProfileError, parse_profile
from .attributes import check_attributes, check_plain
from .conditions import All, AnyOf, ConditionError, Expr, Not, Scope, fields_read, parse_condition, refs
from .model import (AttributeFile, Because, Catalogue, Definitions, PlainLanguage, RuleFile, Rulebook, RuleInstance, RulebookMeta, Sentence,
                    When, WhenBlock)

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FIELDS_VALUES = {c for spec in FIELDS.values() for c in spec.choices}  # what a set may hold besides option ids


@dataclass(frozen=True)
class Diagnostic:
    """One finding in a rule file, positioned for editors: `path:line:col: severity[code]: message`."""

    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    source: str = ""

    def format(self, frame: bool = True) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        if not frame or not self.source:
            return head
        pad = len(str(self.line))
        return f"{head}\n {self.line} | {self.source}\n {' ' * pad} | {' ' * (self.col - 1)}^"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "severity": self.severity,
                "code": self.code, "message": self.message}


class RulebookError(Exception):
    """The rulebook has errors; `diagnostics` lists every one (warnings too), sorted by file and line."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the rulebook; first: {errors[0].format(False) if errors else ''}")


_yaml = YAML(typ="rt")


class _File:
    """A YAML file with its text, for positions and code frames."""

    def __init__(self, path: Path, root: Path, out: list[Diagnostic]):
        self.path, self.out = path, out
        self.name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
        self.text = path.read_text(encoding="utf-8")
        self.lines = self.text.splitlines()
        self.data: Any = None
        try:
            self.data = _yaml.load(self.text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.report(line, col, "yaml-syntax", f"{exc.problem or exc.context}")

    def report(self, line: int, col: int, code: str, message: str, severity: str = "error") -> None:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.out.append(Diagnostic(self.name, line, col, severity, code, message, source))

    def position(self, loc: Iterable[Any], key_of_last: bool = False) -> tuple[int, int]:
        """1-based line and column of a pydantic `loc` inside the YAML tree (the nearest existing node)."""
        node, pos = self.data, (1, 1)
        parts = list(loc)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.key(part) if (last and key_of_last) else node.lc.value(part)
                pos, node = (line + 1, col + 1), node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line, col = node.lc.item(part)
                pos, node = (line + 1, col + 1), node[part]
            elif isinstance(node, (CommentedMap, CommentedSeq)) and i == 0 and pos == (1, 1):
                pos = (node.lc.line + 1, node.lc.col + 1)
                break
            else:
                break
        return pos

    def scalar_start(self, line: int, col: int) -> int:
        """Skip an opening quote so carets land on the text itself."""
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return col + 1 if 0 < col <= len(src) and src[col - 1] in "\"'" else col


_MESSAGES = {
    "missing": "'{field}' is missing",
    "literal_error": "must be {expected}",
    "string_pattern_mismatch": "does not have the expected form ({pattern})",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
}


def _validate(model: type[BaseModel], f: _File) -> Any:
    """Validate a YAML tree against a model; report every error at its position. None on failure."""
    try:
        return model.model_validate(f.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = [p for p in err["loc"] if not (isinstance(p, str) and p in ("str", "WhenBlock", "Sentence",
                                                                               "function-after[_not_empty()]"))]
            loc = [p for p in loc if not (isinstance(p, str) and (p.startswith("function-") or p.startswith("list[")))]
            kind = err["type"]
            where = ".".join(str(p) for p in loc) or "file"
            if kind == "extra_forbidden":
                parent = model
                allowed = list(getattr(parent, "model_fields", {}))
                hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6) if len(loc) == 1 else []
                line, col = f.position(loc, key_of_last=True)
                msg = f"'{loc[-1]}' is not a known key here" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                f.report(line, col, kind, msg)
                continue
            line, col = f.position(loc[:-1] if kind == "missing" else loc)
            template = _MESSAGES.get(kind)
            ctx = err.get("ctx") or {}
            if template:
                msg = template.format(field=loc[-1] if loc else "", **{k: str(v) for k, v in ctx.items()})
            else:
                msg = str(err["msg"]).removeprefix("Value error, ")
            f.report(line, f.scalar_start(line, col) if kind != "missing" else col, kind, f"{where}: {msg}")
        return None


def _when_expr(when: When, scope: Scope, f: _File, loc: list[Any]) -> Expr | None:
    """Parse a `when` (a line or an all/any/none block); report condition errors at the right column."""
    if isinstance(when, str):
        line, col = f.position(loc)
        try:
            return parse_condition(when, scope)
        except ConditionError as exc:
            f.report(line, f.scalar_start(line, col) + exc.col, exc.code, f"{'.'.join(map(str, loc))}: {exc.message}")
            return None
    parts: list[Expr] = []
    ok = True
    for key in ("all", "any", "none"):
        items = getattr(when, key)
        if not items:
            continue
        exprs = [_when_expr(item, scope, f, [*loc, key, i]) for i, item in enumerate(items)]
        if any(e is None for e in exprs):
            ok = False
            continue
        group: Expr = All(tuple(exprs)) if key == "all" else AnyOf(tuple(exprs))  # type: ignore[arg-type]
        parts.append(Not(group) if key == "none" else group)
    if not ok:
        return None
    return parts[0] if len(parts) == 1 else All(tuple(parts))


def _layers(predicates: dict[str, Expr], f: _File | None) -> list[list[str]]:
    """Group predicates so each reads only predicates of earlier layers; report cycles."""
    depth: dict[str, int] = {}
    visiting: set[str] = set()

    def visit(name: str) -> int:
        if name in depth:
            return depth[name]
        if name in visiting:
            raise ValueError(name)
        visiting.add(name)
        d = 1 + max((visit(r) for r in refs(predicates[name])), default=-1)
        visiting.discard(name)
        depth[name] = d
        return d

    for name in predicates:
        try:
            visit(name)
        except ValueError as cyc:
            if f is not None:
                line, col = f.position(["predicates", name], key_of_last=True)
                f.report(line, col, "definition-cycle", f"definition '{name}' refers back to itself through "
                                                        f"'{cyc}'")
            return []
    layers: list[list[str]] = [[] for _ in range(1 + max(depth.values(), default=-1))]
    for name in predicates:
        layers[depth[name]].append(name)
    return layers


def _load_file(path: Path, model: type[BaseModel], root: Path, out: list[Diagnostic]) -> tuple[Any, _File | None]:
    if not path.is_file():
        out.append(Diagnostic(str(path), 1, 1, "error", "missing-file", f"{path.name} is missing from the rulebook"))
        return None, None
    f = _File(path, root, out)
    return (_validate(model, f) if f.data is not None else None), f


def content_hash(root: Path) -> str:
    """sha256 over every YAML file of the rulebook (relative path and bytes), in a fixed order."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.yaml")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def rule_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*.yaml"))


def load_rulebook(root: str | Path, *, include_tests: bool = True) -> Rulebook:
    """Load and check a rulebook directory. Raises RulebookError listing every error."""
    root = Path(root).resolve()
    out: list[Diagnostic] = []
    if not root.is_dir():
        raise RulebookError([Diagnostic(str(root), 1, 1, "error", "missing-dir", "rulebook directory not found")])
    meta, _ = _load_file(root / "rulebook.yaml", RulebookMeta, root, out)
    catalogue, cat_file = _load_file(root / "options.yaml", Catalogue, root, out)
    defs, def_file = _load_file(root / "definitions.yaml", Definitions, root, out)

    options = {o.id: o for o in catalogue.options} if catalogue else {}
    cautions = {c.id: c for c in catalogue.cautions} if catalogue else {}
    if catalogue and cat_file:
        _check_catalogue(catalogue, cat_file)
    attributes, attr_file = _load_file(root / "attributes.yaml", AttributeFile, root, out)
    plain, plain_file = _load_file(root / "plain-language.yaml", PlainLanguage, root, out)
    if attributes and attr_file and catalogue:
        check_attributes(attributes, attr_file, options)
    if plain and plain_file and catalogue:
        check_plain(plain, plain_file, options, cautions)
    sets = {k: tuple(v) for k, v in defs.sets.items()} if defs else {}
    if defs and def_file:
        for name, members in sets.items():
            for i, m in enumerate(members):
                if m not in options and m not in FIELDS_VALUES:
                    line, col = def_file.position(["sets", name, i])
                    def_file.report(line, col, "unknown-option", f"sets.{name}: '{m}' is not an option id or a "
                                                                 "profile value")
    predicates: dict[str, Expr] = {}
    titles: dict[str, str] = {}
    if defs and def_file:
        names = {n: None for n in defs.predicates}
        scope = Scope(sets=sets, predicates=names)
        for name, pred in defs.predicates.items():
            expr = _when_expr(pred.when, scope, def_file, ["predicates", name, "when"])
            if expr is not None:
                predicates[name], titles[name] = expr, pred.title
    layers = _layers(predicates, def_file) if predicates else []

    rules: list[RuleFile] = []
    instances: list[RuleInstance] = []
    paths: dict[str, Path] = {}
    if any(d.severity == "error" for d in out):  # rule files would only repeat the same errors
        raise RulebookError(sorted(out, key=lambda d: (d.path, d.line, d.col)))
    for path in rule_files(root):
        rule, f = _load_file(path, RuleFile, root, out)
        if rule is None or f is None:
            continue
        if rule.rule in paths:
            line, col = f.position(["rule"])
            f.report(line, col, "duplicate-id", f"rule id {rule.rule} is already used by "
                                                f"{paths[rule.rule].relative_to(root)}")
            continue
        found = _instances(rule, f, path, options, cautions, sets, predicates, include_tests)
        if found is None:
            continue
        paths[rule.rule] = path
        rules.append(rule)
        instances.extend(found)

    errors = [d for d in out if d.severity == "error"]
    if errors or meta is None:
        raise RulebookError(sorted(out, key=lambda d: (d.path, d.line, d.col)))
    return Rulebook(root=root, meta=meta, sha256=content_hash(root), options=options, cautions=cautions,
                    sets=sets, predicates=predicates, predicate_titles=titles, layers=layers, rules=rules,
                    instances=instances, paths=paths, warnings=sorted(out, key=lambda d: (d.path, d.line)),
                    attributes=attributes, plain=plain)



def _check_catalogue(cat: Catalogue, f: _File) -> None:
    ids = [o.id for o in cat.options]
    for missing in [i for i in CATALOGUE_IDS if i not in ids]:
        f.report(1, 1, "catalogue", f"option '{missing}' of the profile contract is missing from the catalogue")
    for missing in [c for c in CAUTION_IDS if c not in {c.id for c in cat.cautions}]:
        f.report(1, 1, "catalogue", f"caution '{missing}' of the profile contract is missing from the catalogue")
    seen: set[str] = set()
    for i, o in enumerate(cat.options):
        if o.id in seen:
            line, col = f.position(["options", i, "id"])
            f.report(line, col, "duplicate-id", f"option '{o.id}' is listed twice")
        seen.add(o.id)
        assert o.kind in KINDS


def _instances(rule: RuleFile, f: _File, path: Path, options: dict[str, Any], cautions: dict[str, Any],
               sets: dict[str, tuple[str, ...]], predicates: dict[str, Expr],
               include_tests: bool) -> list[RuleInstance] | None:
    """Check one rule file and expand it to one instance per option it is about."""
    before = len(f.out)
    stem = path.stem.lower()
    if not stem.startswith(rule.rule.lower()):
        line, col = f.position(["rule"])
        f.report(line, f.scalar_start(line, col), "id-file-mismatch",
                 f"rule {rule.rule} is in {path.name}: the file name must start with '{rule.rule.lower()}'")
    if isinstance(rule.options, str):
        if rule.options not in sets:
            line, col = f.position(["options"])
            hint = difflib.get_close_matches(rule.options, list(sets), n=1)
            f.report(line, col, "unknown-set", f"options: '{rule.options}' is not a set in definitions.yaml"
                     + (f" (did you mean '{hint[0]}'?)" if hint else ""))
            return None
        targets = list(sets[rule.options])
    else:
        targets = [rule.option] if rule.option else list(rule.options or [])
    for i, opt in enumerate(targets):
        if opt not in options:
            loc = ["option"] if rule.option else ["options", i] if isinstance(rule.options, list) else ["options"]
            line, col = f.position(loc)
            hint = difflib.get_close_matches(opt, list(options), n=1)
            f.report(line, f.scalar_start(line, col), "unknown-option", f"'{opt}' is not in options.yaml"
                     + (f" (did you mean '{hint[0]}'?)" if hint else ""))
            return None
    for i, e in enumerate(rule.evidence):
        for j, opt in enumerate(e.options or []):
            if opt not in targets:
                line, col = f.position(["evidence", i, "options", j])
                f.report(line, f.scalar_start(line, col), "unknown-option",
                         f"evidence[{i}].options: '{opt}' is not one of the options this rule is about")
    if rule.caution is not None and rule.caution not in cautions:
        line, col = f.position(["caution"])
        hint = difflib.get_close_matches(rule.caution, list(cautions), n=1)
        f.report(line, f.scalar_start(line, col), "unknown-caution", f"'{rule.caution}' is not a caution id in "
                 "options.yaml" + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    if rule.status == "active":
        if not rule.evidence:
            f.report(*f.position(["rule"]), "no-evidence", "an active rule needs at least one `evidence` entry")
        if not rule.reviewed_by:
            f.report(*f.position(["status"]), "no-reviewer", "an active rule needs `reviewed_by`")

    found: list[RuleInstance] = []
    pred_names = {n: None for n in predicates}
    for n, opt in enumerate(targets):
        quiet = f if n == 0 else _Muted(f)
        scope = Scope(sets=sets, predicates=pred_names, option=opt,
                      option_attrs={"routes": tuple(options[opt].routes)}, allow_offered=True)
        expr = _when_expr(rule.when, scope, quiet, ["when"])  # type: ignore[arg-type]
        because = _because(rule, scope, quiet, expr, predicates)  # type: ignore[arg-type]
        if expr is None or because is None:
            return None
        reads = fields_read(expr, predicates) | {x for b in because if b.when for x in fields_read(b.when, predicates)}
        phase = 2 if "offered" in reads else 1
        if phase == 2 and rule.action not in ("offer", "rank"):
            f.report(*f.position(["when"]), "offered-in-exclusion",
                     "only offer and rank rules may read `offered`: exclusions and cautions must not depend on "
                     "other options")
        if options[opt].kind == "investigational" and rule.action == "offer" and not _requires_trials(expr):
            f.report(*f.position(["when"]), "investigational-offer",
                     f"{opt} is investigational: its offer rule must require `preferences.open_to_trials`")
        key = rule.rule if len(targets) == 1 else f"{rule.rule}/{opt}"
        found.append(RuleInstance(key, rule, opt, expr, tuple(because), path, phase))
    if include_tests:
        for i, test in enumerate(rule.tests):
            try:
                parse_profile(test.profile)
            except ProfileError as exc:
                for e in exc.errors:
                    loc = ["tests", i, "profile", *e.field.split(".")]
                    line, col = f.position(loc)
                    f.report(line, f.scalar_start(line, col), "test-profile", f"tests[{i}] '{test.name}': {e}")
            for j, field_path in enumerate(test.missing):
                if field_path not in FIELDS:
                    f.report(*f.position(["tests", i, "missing", j]), "unknown-field",
                             f"tests[{i}].missing: '{field_path}' is not a profile field")
    errors = [d for d in f.out[before:] if d.severity == "error"]
    return None if errors else found


class _Muted(_File):
    """Report nothing: used when checking the second and later options of a class rule."""

    def __init__(self, f: _File):  # noqa: D107 - shares the parsed file
        self.__dict__.update(f.__dict__)
        self.out = []


def _requires_trials(expr: Expr) -> bool:
    items = expr.items if isinstance(expr, All) else (expr,)
    for item in items:
        if isinstance(item, All) and _requires_trials(item):
            return True
        if getattr(item, "field", None) == "preferences.open_to_trials" and getattr(item, "value", None) is True:
            return True
    return False


def _because(rule: RuleFile, scope: Scope, f: _File, expr: Expr | None,
             predicates: dict[str, Expr]) -> list[Because] | None:
    out: list[Because] = []
    ok = True
    reads = fields_read(expr, predicates) if expr is not None else set()
    for i, item in enumerate(rule.because):
        text, cond = (item.say, _when_expr(item.when, scope, f, ["because", i, "when"])) \
            if isinstance(item, Sentence) else (item, None)
        if isinstance(item, Sentence) and cond is None:
            ok = False
            continue
        allowed = reads | (fields_read(cond, predicates) if cond is not None else set())
        for m in PLACEHOLDER.finditer(text):
            name = m.group(1)
            if name in ("option", "option.title"):
                continue
            loc = ["because", i, "say"] if isinstance(item, Sentence) else ["because", i]
            line, col = f.position(loc)
            if name not in FIELDS:
                hint = difflib.get_close_matches(name, list(FIELDS), n=1)
                f.report(line, col, "unknown-placeholder", f"because[{i}]: {{{name}}} is not a profile field"
                         + (f" (did you mean '{hint[0]}'?)" if hint else ""))
                ok = False
            elif name not in allowed and expr is not None:  # unparsed conditions already said what is wrong
                f.report(line, col, "placeholder-not-read", f"because[{i}]: {{{name}}} is not read by this rule's "
                         "conditions, so the sentence could show a value the decision did not use")
                ok = False
        out.append(Because(text, cond))
    return out if ok else None


WhenBlock.model_rebuild()
