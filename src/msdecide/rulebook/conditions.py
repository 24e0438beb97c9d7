"""The condition language: one-line comparisons over profile fields, combined with all/any/none.

Conditions are parsed with Python's `ast` module and a whitelist, never evaluated with `eval`:

    disease_course.edss <= 6.5                    comparison of a field with a literal
    3.0 <= disease_course.edss <= 6.5             a chained comparison (both must hold)
    disease_course.phenotype in ["RRMS", "CIS"]   membership; a set name from definitions works too
    "heart_block" in comorbidities                 a list field contains an entry
    treatment.prior in prior_immunosuppressants    a list field has at least one entry in the set
    biomarkers.jcv_index is unknown                known / unknown tests (never unknown themselves)
    highly_active                                  a shared definition, by name
    treatment.current == option                    the option the rule is about (class rules)

Truth is three-valued: a comparison that reads an unknown field is UNKNOWN, and and/or/not
follow Kleene's logic, so missing data is reported instead of silently treated as false.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from ..profile import FIELDS, FieldSpec


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    def __invert__(self) -> Truth:
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)


T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN

CMP_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
NUMERIC_OPS = {"<", "<=", ">", ">="}
NONE_VALUE = "none"  # treatment.current given as null: no current therapy (known, unlike a missing field)
PSEUDO_FIELDS = {"offered": "options offered in the first pass of this evaluation"}


class ConditionError(ValueError):
    """A condition that cannot be parsed or does not fit the profile. `col` is 0-based in the text."""

    def __init__(self, message: str, col: int = 0, code: str = "condition"):
        super().__init__(message)
        self.message, self.col, self.code = message, col, code


# --------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Cmp:
    field: str
    op: str
    value: Any
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class In:
    """Scalar field value in a set of values (`negate`: not in)."""

    field: str
    values: tuple[Any, ...]
    negate: bool = False
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Has:
    """A list field has at least one entry in `values` (`negate`: none of its entries is)."""

    field: str
    values: tuple[str, ...]
    negate: bool = False
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Known:
    field: str
    negate: bool = False  # True: `is unknown`
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Ref:
    """A named shared definition (predicate)."""

    name: str
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Always:
    text: str = field(default="always", compare=False)


@dataclass(frozen=True)
class All:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    item: Expr


Atom = Union[Cmp, In, Has, Known, Ref, Always]
Expr = Union[Atom, All, AnyOf, Not]
ATOMS = (Cmp, In, Has, Known, Ref, Always)


# --------------------------------------------------------------------------- parsing


@dataclass
class Scope:
    """What names a condition may use besides profile fields."""

    sets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    predicates: Mapping[str, Any] = field(default_factory=dict)
    option: str | None = None  # the option a rule instance is about
    option_attrs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fields: Mapping[str, FieldSpec] = field(default_factory=lambda: FIELDS)
    allow_offered: bool = False


_LITERAL_NAMES = {"true": True, "false": False, "True": True, "False": False, "null": None, "None": None}
_ANY_CHOICE = {c for spec in FIELDS.values() for c in spec.choices}  # every value some field can hold


def parse_condition(text: str, scope: Scope) -> Expr:
    """Parse and check one condition line. Raises ConditionError with the column of the problem."""
    if not isinstance(text, str):
        raise ConditionError(f"a condition must be text, not {type(text).__name__}")
    src = text.strip()
    lead = len(text) - len(text.lstrip())
    if src == "always":
        return Always()
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as exc:
        col = exc.offset - 1 if exc.offset else len(src)  # no offset: the text ended too early
        raise ConditionError(f"cannot read this condition: {exc.msg}", lead + col, "condition-syntax") from None
    return _Parser(src, scope, lead).expr(tree.body)


class _Parser:
    def __init__(self, src: str, scope: Scope, lead: int):
        self.src, self.scope, self.lead = src, scope, lead

    def fail(self, node: ast.AST, message: str, code: str = "condition") -> ConditionError:
        return ConditionError(message, self.lead + getattr(node, "col_offset", 0), code)

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.src, node) or self.src

    def expr(self, node: ast.expr) -> Expr:
        if isinstance(node, ast.BoolOp):
            items = tuple(self.expr(v) for v in node.values)
            return All(items) if isinstance(node.op, ast.And) else AnyOf(items)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return Not(self.expr(node.operand))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.bare(node)
        raise self.fail(node, f"'{self.text(node)}' is not allowed in a condition: use a comparison such as "
                              "`disease_course.edss <= 6.5`, a definition name, and/or/not")

    def path(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        return None

    def field_spec(self, node: ast.AST) -> FieldSpec | None:
        name = self.path(node)
        if name is None:
            return None
        if name in self.scope.fields:
            return self.scope.fields[name]
        if name == "offered" and self.scope.allow_offered:
            from ..options_ids import CATALOGUE_IDS
            return FieldSpec("offered", "list", "options offered", choices=CATALOGUE_IDS)
        return None

    def unknown_name(self, node: ast.AST) -> ConditionError:
        import difflib
        if self.path(node) is None:
            return self.fail(node, f"'{self.text(node)}' is not allowed in a condition: compare a field with a "
                                   "value (no arithmetic, calls or indexing)")
        name = self.path(node)
        known = list(self.scope.fields) + list(self.scope.predicates) + list(self.scope.sets)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if not close:
            close = [f for f in self.scope.fields if f.endswith("." + name)][:1]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return self.fail(node, f"unknown profile field or definition '{name}'{hint}", "unknown-field")

    def bare(self, node: ast.expr) -> Expr:
        name = self.path(node)
        if name in self.scope.predicates:
            return Ref(name, text=name)
        spec = self.field_spec(node)
        if spec is not None:
            if spec.kind != "bool":
                raise self.fail(node, f"'{name}' is not a yes/no field: compare it, e.g. `{name} == ...`", "type")
            return Cmp(spec.path, "==", True, text=self.text(node))
        raise self.unknown_name(node)

    def literal(self, node: ast.expr, spec: FieldSpec) -> Any:
        """A literal value (or `option`) checked against the field's type, range and choices."""
        if isinstance(node, ast.Constant) and not isinstance(node.value, bytes):
            value = node.value
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, (int, float)):
            value = -node.operand.value
        elif isinstance(node, ast.Name) and node.id in _LITERAL_NAMES:
            value = _LITERAL_NAMES[node.id]
        elif isinstance(node, ast.Name) and node.id == "option" and self.scope.option is not None:
            value = self.scope.option
        else:
            raise self.fail(node, f"'{self.text(node)}' is not a value: use a number, \"text\", true or false", "type")
        return self.check_value(node, spec, value)

    def check_value(self, node: ast.AST, spec: FieldSpec, value: Any) -> Any:
        where = f"{spec.path} must be compared with"
        if value is None:
            if spec.path == "treatment.current":
                return NONE_VALUE
            raise self.fail(node, f"null is only meaningful for treatment.current; use `{spec.path} is unknown`",
                            "type")
        if spec.kind in ("int", "number"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail(node, f"{where} a number, not {value!r}", "type")
            if spec.ge is not None and not (spec.ge <= value <= spec.le):  # type: ignore[operator]
                raise self.fail(node, f"{value} is outside {spec.path}'s range: {spec.allowed()}", "range")
            return value
        if spec.kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(node, f"{where} true or false, not {value!r}", "type")
            return value
        if spec.kind in ("choice", "list"):
            if value not in spec.choices:
                import difflib
                close = difflib.get_close_matches(str(value), [str(c) for c in spec.choices], n=1, cutoff=0.5)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise self.fail(node, f"{value!r} is not a value of {spec.path}{hint}: {spec.allowed()}", "enum")
            return value
        raise self.fail(node, f"{spec.path} cannot be used in conditions", "type")

    def values(self, node: ast.expr, spec: FieldSpec) -> tuple[Any, ...]:
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            if not node.elts:
                raise self.fail(node, "an empty list can never match", "never-true")
            return tuple(self.literal(e, spec) for e in node.elts)
        name = self.path(node)
        if name in self.scope.sets:  # a shared set: values of other fields cannot match this one, so drop them
            members = [v for v in self.scope.sets[name] if spec.kind not in ("choice", "list") or v in spec.choices
                       or v not in _ANY_CHOICE]
            if not members:
                raise self.fail(node, f"no member of the set '{name}' is a value of {spec.path}: "
                                      f"{spec.allowed()}", "never-true")
            return tuple(self.check_value(node, spec, v) for v in members)
        if name and name.startswith("option.") and self.scope.option is not None:
            attr = name.split(".", 1)[1]
            if attr in self.scope.option_attrs:
                return tuple(self.check_value(node, spec, v) for v in self.scope.option_attrs[attr])
        if isinstance(node, ast.Name) and node.id not in ("option",):
            raise self.unknown_name(node)
        return (self.literal(node, spec),)

    def compare(self, node: ast.Compare) -> Expr:
        if len(node.ops) > 1:  # a <= x <= b
            parts, left = [], node.left
            for op, right in zip(node.ops, node.comparators):
                parts.append(self.compare(ast.Compare(left=left, ops=[op], comparators=[right],
                                                      col_offset=left.col_offset, lineno=1,
                                                      end_col_offset=right.end_col_offset, end_lineno=1)))
                left = right
            return All(tuple(parts))
        op, left, right = node.ops[0], node.left, node.comparators[0]
        text = self.text(node)
        if isinstance(op, (ast.Is, ast.IsNot)):
            spec = self.field_spec(left)
            if spec is None:
                raise self.unknown_name(left)
            if not (isinstance(right, ast.Name) and right.id in ("known", "unknown")):
                raise self.fail(right, "after `is` write `known` or `unknown`", "type")
            return Known(spec.path, negate=(right.id == "unknown") != isinstance(op, ast.IsNot), text=text)
        if isinstance(op, (ast.In, ast.NotIn)):
            negate = isinstance(op, ast.NotIn)
            rspec = self.field_spec(right)
            if rspec is not None and rspec.kind == "list":  # "x" in list_field
                return Has(rspec.path, tuple(self.values(left, rspec)), negate, text=text)
            spec = self.field_spec(left)
            if spec is None:
                raise self.unknown_name(left)
            if spec.kind == "list":
                return Has(spec.path, self.values(right, spec), negate, text=text)
            return In(spec.path, self.values(right, spec), negate, text=text)
        opname = CMP_OPS.get(type(op))
        if opname is None:
            raise self.fail(node, "unsupported comparison", "condition")
        spec = self.field_spec(left)
        if spec is None:
            if self.field_spec(right) is not None:  # 6.5 >= disease_course.edss
                flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[opname]
                spec = self.field_spec(right)
                assert spec is not None
                left, right, opname = right, left, flipped
            else:
                raise self.unknown_name(left)
        if spec.kind == "list":
            raise self.fail(node, f"{spec.path} is a list: write `\"entry\" in {spec.path}`", "type")
        if opname in NUMERIC_OPS and spec.kind not in ("int", "number"):
            raise self.fail(node, f"{spec.path} is not a number: use == or in", "type")
        value = self.literal(right, spec)
        return Cmp(spec.path, opname, value, text=text)


# --------------------------------------------------------------------------- walking the tree


def atoms(expr: Expr) -> Iterator[Atom]:
    if isinstance(expr, ATOMS):
        yield expr
    elif isinstance(expr, Not):
        yield from atoms(expr.item)
    else:
        for item in expr.items:  # type: ignore[union-attr]
            yield from atoms(item)


def refs(expr: Expr) -> set[str]:
    return {a.name for a in atoms(expr) if isinstance(a, Ref)}


def fields_read(expr: Expr, predicates: Mapping[str, Expr] | None = None) -> set[str]:
    """Profile fields an expression reads, through the definitions it names."""
    out: set[str] = set()
    for a in atoms(expr):
        if isinstance(a, Ref):
            if predicates and a.name in predicates:
                out |= fields_read(predicates[a.name], predicates)
        elif not isinstance(a, Always):
            out.add(a.field)
    return out


Lookup = Callable[[str], Any]  # field path -> value, None when unknown


def eval_atom(atom: Atom, get: Lookup, ref: Callable[[str], Truth]) -> Truth:
    """Three-valued truth of one atom."""
    if isinstance(atom, Always):
        return T
    if isinstance(atom, Ref):
        return ref(atom.name)
    value = get(atom.field)
    if isinstance(atom, Known):
        return T if (value is None) == atom.negate else F
    if value is None:
        return U
    if isinstance(atom, Has):
        hit = any(v in value for v in atom.values)
        return T if hit != atom.negate else F
    if isinstance(atom, In):
        return T if (value in atom.values) != atom.negate else F
    op, target = atom.op, atom.value
    ok = {"==": value == target, "!=": value != target}.get(op)
    if ok is None:
        ok = {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target}[op]
    return T if ok else F


def evaluate(expr: Expr, get: Lookup, ref: Callable[[str], Truth]) -> Truth:
    """Kleene three-valued evaluation (stops at the first deciding part)."""
    if isinstance(expr, ATOMS):
        return eval_atom(expr, get, ref)
    if isinstance(expr, Not):
        return ~evaluate(expr.item, get, ref)
    decisive, other = (F, T) if isinstance(expr, All) else (T, F)
    result = other
    for item in expr.items:  # type: ignore[union-attr]
        truth = evaluate(item, get, ref)
        if truth is decisive:
            return decisive
        if truth is U:
            result = U
    return result


def unknown_fields(expr: Expr, get: Lookup, ref: Callable[[str], Truth],
                   predicates: Mapping[str, Expr]) -> set[str]:
    """The unknown fields that leave `expr` undecided (empty when it is decided)."""
    return _undecided(expr, get, ref, predicates)[1]


def _undecided(expr: Expr, get: Lookup, ref: Callable[[str], Truth],
               predicates: Mapping[str, Expr]) -> tuple[Truth, set[str]]:
    """Truth of `expr` and, when UNKNOWN, the unknown fields responsible (one pass over the tree)."""
    if isinstance(expr, Ref):
        truth = ref(expr.name)
        return truth, (_undecided(predicates[expr.name], get, ref, predicates)[1] if truth is U else set())
    if isinstance(expr, ATOMS):
        truth = eval_atom(expr, get, ref)
        return truth, ({expr.field} if truth is U else set())  # type: ignore[union-attr]
    if isinstance(expr, Not):
        truth, fields = _undecided(expr.item, get, ref, predicates)
        return ~truth, fields
    decisive, other = (F, T) if isinstance(expr, All) else (T, F)
    result, fields = other, set()
    for item in expr.items:  # type: ignore[union-attr]
        truth, part = _undecided(item, get, ref, predicates)
        if truth is decisive:
            return decisive, set()
        if truth is U:
            result = U
            fields |= part
    return result, fields


def describe_atom(atom: Atom, get: Lookup) -> str:
    """The atom with the patient's value, e.g. `disease_course.edss <= 6.5 (patient: 7.0)`."""
    text = atom.text or _atom_text(atom)
    if isinstance(atom, (Ref, Always, Known)):
        return text
    value = get(atom.field)
    return f"{text} (patient: {'unknown' if value is None else format_value(value, atom.field)})"


def _atom_text(atom: Atom) -> str:
    if isinstance(atom, Cmp):
        return f"{atom.field} {atom.op} {format_value(atom.value)}"
    if isinstance(atom, (In, Has)):
        return f"{atom.field} {'not in' if atom.negate else 'in'} [{', '.join(map(str, atom.values))}]"
    if isinstance(atom, Known):
        return f"{atom.field} is {'unknown' if atom.negate else 'known'}"
    return getattr(atom, "name", "always")


def format_value(value: Any, path: str = "") -> str:
    """A profile value as a clinician reads it: 1.8, 42, EDSS 2.0, 'positive', lists joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        one_decimal = path in ("disease_course.edss", "mental_health.sdmt_z", "biomarkers.serum_nfl_z_score")
        return f"{value:.1f}" if one_decimal and round(value, 1) == value else f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(sorted(str(v) for v in value)) or "none"
    return str(value)
