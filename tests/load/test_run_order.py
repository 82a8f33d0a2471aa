"""Steps follow the order in which the case runs (issue 29, item 3): a step with ``before`` is
numbered, listed and drawn just before a step of an earlier phase; everything else keeps the
phase order."""

from __future__ import annotations

from generator.load.knowledge_base import group_runs, phase_steps, run_order
from generator.model import Procedure


def procedure(**phases: list[dict]) -> Procedure:
    """A procedure with these steps per phase (each step: an id, and optionally ``before``)."""
    return Procedure.model_validate({
        "id": "p", "title": "P", "purpose": "Do it.", "trigger": "A call.", "category": "A",
        "document": {"owner": "boss", "version": "1.0", "approved": "2026-01-01", "next_review": "2027-01-01"},
        "steps": {phase: [{"action": f"Do {step['id']}.", "role": "boss", **step} for step in steps]
                  for phase, steps in phases.items()},
    })


def ids(model: Procedure) -> list[str]:
    return [step.id for _, _, step in run_order(model)]


def test_without_before_the_order_is_the_phase_order() -> None:
    model = procedure(reception=[{"id": "a"}, {"id": "b"}], sat=[{"id": "c"}], departments=[{"id": "d"}],
                      follow_up=[{"id": "e"}])
    assert run_order(model) == list(phase_steps(model))
    assert ids(model) == ["a", "b", "c", "d", "e"]


def test_a_department_step_runs_before_the_sat_step_it_names() -> None:
    model = procedure(reception=[{"id": "call"}], sat=[{"id": "plan"}, {"id": "install"}, {"id": "train"}],
                      departments=[{"id": "reserve", "before": "install"}, {"id": "invoice"}],
                      follow_up=[{"id": "survey"}])
    assert ids(model) == ["call", "plan", "reserve", "install", "train", "invoice", "survey"]


def test_several_steps_before_one_step_keep_their_listed_order() -> None:
    model = procedure(sat=[{"id": "plan"}, {"id": "install"}],
                      departments=[{"id": "reserve", "before": "install"}, {"id": "confirm"},
                                   {"id": "deliver", "before": "install"}])
    assert ids(model) == ["plan", "reserve", "deliver", "install", "confirm"]


def test_a_chain_of_befores_moves_together() -> None:
    """A SAT step runs before a reception step, and a department's step before that SAT step."""
    model = procedure(reception=[{"id": "register"}, {"id": "confirm"}], sat=[{"id": "survey", "before": "confirm"}],
                      departments=[{"id": "stock", "before": "survey"}], follow_up=[{"id": "close", "before": "stock"}])
    assert ids(model) == ["register", "close", "stock", "survey", "confirm"]


def test_a_before_that_names_no_earlier_step_leaves_the_step_where_it_is_listed() -> None:
    """check reports these (ref.unknown-step, ref.step-order); nothing is dropped."""
    model = procedure(reception=[{"id": "a", "before": "d"}], sat=[{"id": "b", "before": "nowhere"},
                                                                  {"id": "c", "before": "b"}],
                      departments=[{"id": "d"}], follow_up=[{"id": "e", "before": "e"}])
    assert ids(model) == ["a", "b", "c", "d", "e"]


def test_runs_repeat_a_phase_each_time_the_work_comes_back_to_it() -> None:
    model = procedure(reception=[{"id": "call"}], sat=[{"id": "plan"}, {"id": "install"}],
                      departments=[{"id": "reserve", "before": "install"}, {"id": "invoice"}],
                      follow_up=[{"id": "survey"}])
    runs = group_runs((phase, step.id) for phase, _, step in run_order(model))
    assert runs == [("reception", ["call"]), ("sat", ["plan"]), ("departments", ["reserve"]), ("sat", ["install"]),
                    ("departments", ["invoice"]), ("follow_up", ["survey"])]


def test_an_empty_phase_is_one_run_after_the_phases_before_it() -> None:
    assert group_runs([("sat", 1), ("follow_up", 2)]) == [
        ("reception", []), ("sat", [1]), ("departments", []), ("follow_up", [2])]
    assert group_runs([("departments", 1), ("reception", 2), ("departments", 3)]) == [
        ("departments", [1]), ("reception", [2]), ("sat", []), ("departments", [3]), ("follow_up", [])]
    assert group_runs([]) == [(phase, []) for phase in ("reception", "sat", "departments", "follow_up")]
