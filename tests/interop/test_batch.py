"""Cohort batch runs and synthetic cohorts: formats, invalid rows, summary, workers and Dask give the same rows."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from msdecide import evaluate
from msdecide.cli import main
from msdecide.profile import FIELDS, parse_profile
from msdecide.synth import cohort

N = 24


def _rows(path):
    if str(path).endswith(".parquet"):
        import pyarrow.parquet as pq
        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def synth_jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("cohort") / "cohort.jsonl"
    assert main(["synth", str(N), "--seed", "7", "--out", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def sequential(synth_jsonl, tmp_path_factory):
    out = tmp_path_factory.mktemp("results") / "seq.jsonl"
    assert main(["batch", str(synth_jsonl), "--out", str(out), "--workers", "1", "--chunk-size", "5"]) == 0
    return _rows(out)


def test_synth_is_valid_realistic_and_deterministic():
    profiles = list(cohort(2000, seed=11))
    for p in profiles:
        parse_profile(p)  # every profile follows the contract
    assert profiles == list(cohort(2000, seed=11)) and profiles != list(cohort(2000, seed=12))
    phen = Counter(p.get("disease_course", {}).get("phenotype") for p in profiles)
    known = sum(v for k, v in phen.items() if k)
    assert 0.64 < phen["RRMS"] / known < 0.76 and 0.08 < phen["SPMS"] / known < 0.16
    assert 0.06 < phen["PPMS"] / known < 0.14 and phen["CIS"] > phen["RIS"] > 0
    jcv = Counter(p.get("biomarkers", {}).get("jcv_status") for p in profiles)
    assert 0.4 < jcv["positive"] / (jcv["positive"] + jcv["negative"]) < 0.6
    edss = {ph: [p["disease_course"]["edss"] for p in profiles
                 if p.get("disease_course", {}).get("phenotype") == ph and "edss" in p["disease_course"]]
            for ph in ("RRMS", "SPMS")}
    assert sum(edss["RRMS"]) / len(edss["RRMS"]) < sum(edss["SPMS"]) / len(edss["SPMS"])
    on_therapy = [p["treatment"] for p in profiles if (p.get("treatment") or {}).get("current")]
    assert len({t["current"] for t in on_therapy}) >= 10 and any("months_on_current" in t for t in on_therapy)
    missing = sum(1 for p in profiles if "vitamin_d_nmol_l" not in p.get("biomarkers", {})) / len(profiles)
    assert 0.2 < missing < 0.6  # fields are left unknown at realistic rates


def test_batch_rows_match_single_evaluations_and_summary(synth_jsonl, sequential, tmp_path, capsys):
    profiles = [json.loads(line) for line in synth_jsonl.read_text().splitlines()]
    assert [r["row"] for r in sequential] == list(range(1, N + 1))
    for row, profile in zip(sequential, profiles):
        report = evaluate(profile)
        assert row["id"] == profile["id"] and row["options"] == report.option_ids
        assert row["not_offered"] == report.not_offered_ids and row["missing_data"] == report.missing_fields
        assert row["rulebook_sha256"] == report.rulebook.sha256 and row["errors"] == []
    html = tmp_path / "summary.html"
    assert main(["batch", str(synth_jsonl), "--out", str(tmp_path / "r.jsonl"), "--workers", "1",
                 "--summary", str(html), "--no-progress"]) == 0
    out = capsys.readouterr().out
    counts = Counter(o for r in sequential for o in r["options"])
    option, n = counts.most_common(1)[0]
    assert f"{N} profiles: {N} evaluated, 0 invalid" in out
    assert any(line.split()[:2] == [option, str(n)] for line in out.splitlines())
    page = html.read_text()
    assert "<svg" in page and f"{option}: {n} (" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_invalid_rows_are_reported_and_the_run_goes_on(tmp_path, capsys):
    cohort_file = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "ok-1", "disease_course": {"phenotype": "RRMS"}}),
             json.dumps({"id": "bad-1", "disease_course": {"edss": 0.5, "phenotpye": "RRMS"}}),
             "{not json",
             "",
             json.dumps({"id": "ok-2", "mental_health": {"phq9_item9": 2}})]
    cohort_file.write_text("\n".join(lines) + "\n")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(cohort_file), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    captured = capsys.readouterr()
    rows = _rows(out)
    assert [r["row"] for r in rows] == [1, 2, 3, 4] and [r["id"] for r in rows] == ["ok-1", "bad-1", None, "ok-2"]
    assert {e["field"] for e in rows[1]["errors"]} == {"disease_course.edss", "disease_course.phenotpye"}
    assert "row 2: invalid: disease_course.edss" in captured.err and "row 3: invalid: profile: not valid JSON" in captured.err
    assert "urgent-self-harm-review" in rows[3]["options"]
    assert "4 profiles: 2 evaluated, 2 invalid" in captured.out


def test_csv_with_dotted_columns_and_lists(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\ufeffid,disease_course.phenotype,disease_course.edss,preferences.routes,treatment.current,"
                    "comorbidities\nc1,RRMS,2.0,oral;infusion,null,diabetes\nc2,SPMS,abc,,,\n")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(path), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    rows = _rows(out)
    expected = evaluate({"id": "c1", "disease_course": {"phenotype": "RRMS", "edss": 2.0},
                         "preferences": {"routes": ["oral", "infusion"]}, "treatment": {"current": None},
                         "comorbidities": ["diabetes"]})
    assert rows[0]["options"] == expected.option_ids and rows[0]["missing_data"] == expected.missing_fields
    assert rows[1]["errors"] == [{"field": "disease_course.edss", "message": "'abc' is not a number"}]


def test_unknown_csv_column_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("id,disease_course.edds\nx,2.0\n")
    assert main(["batch", str(path), "--out", str(tmp_path / "r.jsonl"), "--no-progress"]) == 2
    assert "did you mean 'disease_course.edss'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_synth_formats_round_trip_through_batch(fmt, synth_jsonl, sequential, tmp_path):
    path = tmp_path / f"cohort.{fmt}"
    assert main(["synth", str(N), "--seed", "7", "--out", str(path)]) == 0
    out = tmp_path / "r.parquet"
    assert main(["batch", str(path), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    assert _rows(out) == sequential


@pytest.mark.slow
def test_two_worker_processes_give_the_same_rows(synth_jsonl, sequential, tmp_path):
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(synth_jsonl), "--out", str(out), "--workers", "2", "--chunk-size", "5",
                 "--no-progress"]) == 0
    assert _rows(out) == sequential


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_rows(synth_jsonl, sequential, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "r.jsonl"
        assert main(["batch", str(synth_jsonl), "--out", str(out), "--scheduler", cluster.scheduler_address,
                     "--chunk-size", "5", "--no-progress"]) == 0
    assert _rows(out) == sequential


def test_fields_of_the_contract_are_all_csv_columns(tmp_path):
    path = tmp_path / "c.csv"
    assert main(["synth", "3", "--out", str(path)]) == 0
    assert path.read_text().splitlines()[0].split(",") == list(FIELDS)


def test_parquet_with_nested_sections_is_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    profiles = [{"id": "n1", "disease_course": {"phenotype": "RRMS", "edss": 2.0}, "treatment": {"current": "null"}},
                {"id": "n2", "disease_course": {"phenotype": None, "edss": 6.5}, "treatment": {"current": None}}]
    path = tmp_path / "nested.parquet"
    pq.write_table(pa.Table.from_pylist(profiles), path)
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(path), "--out", str(out), "--no-progress"]) == 0
    rows = _rows(out)
    first = evaluate({"id": "n1", "disease_course": {"phenotype": "RRMS", "edss": 2.0}, "treatment": {"current": None}})
    second = evaluate({"id": "n2", "disease_course": {"edss": 6.5}})  # nulls are unknown
    assert rows[0]["options"] == first.option_ids and rows[0]["missing_data"] == first.missing_fields
    assert rows[1]["options"] == second.option_ids and rows[1]["missing_data"] == second.missing_fields
