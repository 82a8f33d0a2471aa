"""One section per content type: its index page and a page per item (the home is front_door.py).

Each item becomes one page from ``templates/pages/<type>.md.j2``; procedures, roles and
standards get a little more context (the diagram, the steps a role takes, the compliance page).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator.load.knowledge_base import run_order, step_numbers, step_runs
from generator.model.registry import TYPES_BY_NAME
from generator.render.compliance_pages import measured_standards, standard_page
from generator.render.diagram import diagram_html
from generator.render.page_spec import PageSpec, Section
from generator.render.portal import page_path
from generator.render.print_paths import has_printable
from generator.render.printables import render_printable
from generator.render.product_pages import product_context
from generator.render.role_checklists import (
    role_checklist_views,
    role_checklists,
    role_checklists_of,
)
from generator.render.training_paths import (
    duration,
    prerequisites_first,
    role_paths,
    total_minutes,
    training_path,
)

if TYPE_CHECKING:
    from generator.load.knowledge_base import Item
    from generator.render.portal import PageScope, Portal

TYPE_SECTIONS = {
    "public": ("guide", "warranty", "product", "standard", "procedure", "role", "training", "form"),
    "staff": ("procedure", "standard", "role", "training", "form", "guide", "warranty", "product"),
}
"""Order of the type sections in each portal's navigation (empty sections are left out)."""


def sections(portal: Portal) -> list[tuple[str, str, list[Item]]]:
    """(type name, section title, items by title) for every non-empty type section of the portal."""
    out = []
    for type_name in TYPE_SECTIONS[portal.audience]:
        items = portal.items_of(type_name)
        if items:
            ordered = portal.sorted_by_title(items)
            if type_name == "training":
                ordered = prerequisites_first(ordered)
            out.append((type_name, portal.label(TYPES_BY_NAME[type_name].folder), ordered))
    return out


def type_sections(portal: Portal) -> Iterator[PageSpec]:
    """Per non-empty type: its index page, then its items' pages by title."""
    for type_name, title, items in sections(portal):
        section = Section(type_name, title)
        folder = TYPES_BY_NAME[type_name].folder
        yield PageSpec(f"{folder}/index.md", title, partial(_render_index, type_name=type_name, items=items),
                       section=section, section_index=True)
        for item in items:
            yield PageSpec(page_path(item), item.title(portal.lang, portal.default_lang), partial(render_item, item=item),
                           section=section, item=item,
                           printable=partial(render_printable, item=item) if has_printable(item) else None,
                           more_printables=role_checklists(portal, item) if item.type == "procedure" else ())


def _render_index(scope: PageScope, type_name: str, items: list[Item]) -> str:
    extra = INDEX_CONTEXT.get(type_name)
    return scope.render([f"pages/index_{type_name}.md.j2", "pages/index.md.j2"], type_name=type_name, items=items,
                        section_title=scope.label(TYPES_BY_NAME[type_name].folder),
                        **(extra(scope) if extra else {}))


def _training_index_context(scope: PageScope) -> dict[str, Any]:
    """Per role with training, its "Start here" path's link and total time."""
    return {"start_paths": [{"role": role, "duration": duration(total_minutes(path))}
                            for role, path in role_paths(scope.portal)], "start_here_anchor": START_HERE}


INDEX_CONTEXT = {"training": _training_index_context}
"""What a type's index page shows beyond its items."""
START_HERE = "start-here"
"""The anchor of a role page's "Start here" section."""


def render_item(scope: PageScope, item: Item) -> str:
    extra = ITEM_CONTEXT.get(item.type)
    context = {"item": item, "model": item.model, **(extra(scope, item) if extra else {})}
    return scope.render(f"pages/{item.type}.md.j2", **context)


def _procedure_context(scope: PageScope, item: Item) -> dict[str, Any]:
    numbers, numbers_by_id = step_numbers(item)
    return {
        "diagram": Markup(diagram_html(item.model, scope.text, scope.label, scope.title_of,
                                       scope.portal.kb.config.required_phases)),
        "participants": list(dict.fromkeys(step.role for _, _, step in run_order(item.model))),
        "step_numbers": numbers, "step_numbers_by_id": numbers_by_id, "runs": step_runs(item),
        "role_checklists": [(role, scope.href(view)) for role, view in role_checklist_views(scope.portal, item)],
    }


def _role_context(scope: PageScope, item: Item) -> dict[str, Any]:
    """Every procedure step the role takes, for the role page's back-links."""
    visible = scope.portal.visible
    steps = [{"procedure": ref.procedure, "phase": ref.phase, "number": ref.number,
              "step": getattr(ref.procedure.model.steps, ref.phase)[ref.index]}
             for ref in scope.portal.analysis.steps_naming(item.id, "role") if ref.procedure.id in visible]
    order = {procedure_id: index for index, procedure_id in enumerate(dict.fromkeys(row["procedure"].id for row in steps))}
    steps.sort(key=lambda row: (order[row["procedure"].id], row["number"]))  # grouped by procedure, in step order
    checklists = [{"procedure": procedure, "view": scope.href(view),
                   "pdf": scope.href(view.removesuffix(".html") + ".pdf") if pdf else None}
                  for procedure, view, pdf in role_checklists_of(scope.portal, item.id)]
    path = training_path(scope.portal, item.id)
    return {"steps_taken": steps, "checklists": checklists, "start_here": path, "start_here_anchor": START_HERE,
            "duration": duration, "start_here_total": duration(total_minutes(path))}


def _standard_context(scope: PageScope, item: Item) -> dict[str, Any]:
    return {"compliance_page": standard_page(item.id) if item.id in measured_standards(scope.portal) else None}


ITEM_CONTEXT = {"procedure": _procedure_context, "role": _role_context, "standard": _standard_context,
                "product": product_context}
"""What an item page of a type shows beyond the item itself."""


def shown_elsewhere(item: Item) -> str:
    """What the shipped templates show of ``item`` on pages other than its own.

    Titles and summaries (links, indexes, home), audience and tags, document control (the
    register), which languages each text has (translation status); a procedure whole (role pages,
    coverage matrix, the procedures manual), a product whole (error codes, the request form), a
    warranty rule whole ("Am I covered?"), a standard nearly whole (charter, register), a training
    module's roles, prerequisites (its references) and duration (role pages' "Start here").
    ``serve`` and an incremental ``build`` re-render other pages only when this changes; a
    project with its own templates is always re-rendered in full.
    """
    def compute(item: Item) -> str:
        model = item.model
        shown = {
            "type": item.type, "audience": model.audience, "title": model.title, "summary": model.summary,
            "tags": model.tags, "document": model.document.model_dump(mode="json"),
            "languages": [sorted(text) for _, text in item.texts],
            "references": item.references,
        }
        if item.type in ("procedure", "product"):  # the manual prints procedures whole; error codes,
            shown.update(whole=model.model_dump(mode="json"))  # the request form show products' details
        elif item.type == "warranty":  # "Am I covered?" carries every rule whole
            shown.update(rule=model.model_dump(mode="json"))
        elif item.type == "standard":  # the charter and the standards register show nearly all of it
            shown.update(standard=model.model_dump(mode="json"))
        elif item.type == "guide":  # its product families' pages list it under its symptom
            shown.update(symptom=model.symptom)
        elif item.type == "training":  # role pages' "Start here" and the training index give its time
            shown.update(duration=model.duration_minutes)
        return json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str)

    return item.remembered("shown-elsewhere", compute)
