"""Files and YAML (detected by generator/load/project.py and generator/load/yaml_reader.py).

A file that cannot be read safely is never half-used."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

FILE_UNREADABLE = Rule(
    "file.unreadable", "error", "The file cannot be read.",
    "Permissions or a broken link; nothing in it can be checked.",
    example="""
        # content/forms/ holds a link to a file outside the project:
        content/forms/call-log.yml -> /home/ana/Documents/call-log.yml
    """,
    fix="Put the file itself in the project instead of a link (or a link to a file inside the project),"
        " and make sure it can be read.",
)
FILE_OUTSIDE_TYPE_FOLDER = Rule(
    "file.outside-type-folder", "warning", "A YAML file lies outside the content type folders.",
    "Only content/<type>/ folders are read; a file elsewhere would be silently ignored.",
    example="""
        content/drafts/note.yml
    """,
    fix="Move the file into the folder of its type (content/forms/, content/procedures/, ...), or out of"
        " content/ if it is not content.",
    fixed="""
        content/forms/note.yml
    """,
)
YAML_TOO_LARGE = Rule(
    "yaml.too-large", "error", "The file is larger than 1 MiB.",
    "Content files are small; a huge file is a mistake or an attack.",
    example="""
        # content/forms/repair-call-log.yml: 1.3 MiB, a year of calls pasted in as comments
        id: repair-call-log
        # 2024-01-02 Garcia WM-7000 does not drain
        # 2024-01-02 Puig WM-7000 door will not open
        # ... 20,000 more lines
    """,
    fix="Keep records out of content files: a form describes the blank form; the filled-in lines belong in"
        " your records system (or in the measurements file for compliance).",
)
YAML_ENCODING = Rule(
    "yaml.encoding", "error", "The file is not valid UTF-8.",
    "Latin-1 or Windows-1252 bytes would be shown as garbage to readers.",
    example="""
        # content/forms/repair-call-log.yml, saved by an old editor as Windows-1252:
        summary: {ca: "Una línia per cada avís de reparació rebut."}
    """,
    fix="Save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8); the text itself can stay"
        " as it is.",
)
YAML_INVALID_CHARACTER = Rule(
    "yaml.invalid-character", "error", "The file contains a control character.",
    "YAML forbids them, and they are invisible in editors.",
    example="""
        # content/forms/repair-call-log.yml, with a BEL character (shown here as ␇) pasted from a terminal:
        purpose: {ca: "Registrar cada avís de reparació perquè␇no se'n perdi cap."}
    """,
    fix="Delete the invisible character (retype the words around it); tabs and line breaks are the only"
        " control characters allowed, and only where YAML allows them.",
    fixed="""
        purpose: {ca: "Registrar cada avís de reparació perquè no se'n perdi cap."}
    """,
)
YAML_SYNTAX = Rule(
    "yaml.syntax", "error", "The file is not valid YAML.",
    "A syntax error (often a tab or an unquoted ': ') makes the item unreadable.",
    example="""
        # content/forms/repair-call-log.yml
        document:
        	owner: head-of-after-sales  # indented with a tab
    """,
    fix="Indent with spaces, never tabs, and put text that contains ': ' in quotes.",
    fixed="""
        # content/forms/repair-call-log.yml
        document:
          owner: head-of-after-sales
    """,
)
YAML_DUPLICATE_KEY = Rule(
    "yaml.duplicate-key", "error", "A key appears twice in one mapping.",
    "YAML tools silently keep one of the two values: data would be lost.",
    example="""
        # content/forms/repair-call-log.yml
        title: {ca: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair call log"}
        title: "Repair calls"
    """,
    fix="Keep one of the two lines (merge what each says into it).",
    fixed="""
        # content/forms/repair-call-log.yml
        title: {ca: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair call log"}
    """,
)
YAML_ANCHOR = Rule(
    "yaml.anchor", "error", "Anchors (&name) are not allowed.",
    "Anchors and aliases hide content and allow 'billion laughs' bombs.",
    example="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: &rows 20
    """,
    fix="Write the value itself, without '&name'; repeat it where it is needed again.",
    fixed="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: 20
    """,
)
YAML_ALIAS = Rule(
    "yaml.alias", "error", "Aliases (*name) are not allowed.",
    "Anchors and aliases hide content and allow 'billion laughs' bombs.",
    example="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: *rows
    """,
    fix="Write the value out in full where the alias is (YAML reads an unquoted '*' at the start of a value"
        " as an alias: quote text that starts with '*').",
    fixed="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: 20
    """,
)
YAML_TAG = Rule(
    "yaml.tag", "error", "Explicit tags (!!type) are not allowed.",
    "Tags can make a loader build arbitrary objects; content needs none.",
    example="""
        # content/forms/repair-call-log.yml
        kind: !!python/object/apply:os.system ["id"]
    """,
    fix="Write plain values without '!!' or '!' tags; put text that starts with '!' in quotes.",
    fixed="""
        # content/forms/repair-call-log.yml
        kind: log
    """,
)
YAML_MERGE_KEY = Rule(
    "yaml.merge-key", "error", "Merge keys (<<) are not allowed.",
    "Merges hide where a value comes from; write fields out in full.",
    example="""
        # content/forms/repair-call-log.yml
        <<: {kind: log}
    """,
    fix="Write each field on its own line instead of merging a mapping in.",
    fixed="""
        # content/forms/repair-call-log.yml
        kind: log
    """,
)
YAML_COMPLEX_KEY = Rule(
    "yaml.complex-key", "error", "A key is a list or a mapping.",
    "Field names are plain words.",
    example="""
        # content/forms/repair-call-log.yml
        ? [a, b]
        : value
    """,
    fix="Use a plain field name as the key; a '?' at the start of a line makes the next value a key.",
)
YAML_MULTIPLE_DOCUMENTS = Rule(
    "yaml.multiple-documents", "error", "The file holds several YAML documents.",
    "One file holds one item, so that ids and files match.",
    example="""
        # content/forms/repair-call-log.yml
        # ...
        ---
        id: second-form
    """,
    fix="Move the second item (after '---') to a file of its own, named after its id"
        " (content/forms/second-form.yml).",
)
YAML_EMPTY = Rule(
    "yaml.empty", "error", "The file is empty.",
    "An empty file is an item that was forgotten.",
    example="""
        # content/forms/repair-call-log.yml
        # yaml-language-server: $schema=../../schemas/form.schema.json
    """,
    fix="Fill the item in (aftersales new form ID writes a starting point), or delete the file.",
)
YAML_TOO_DEEP = Rule(
    "yaml.too-deep", "error", "The structure is nested too deeply.",
    "No item needs more than 32 levels; deep nesting is a denial-of-service attack.",
    example="""
        # content/forms/repair-call-log.yml
        tags: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    """,
    fix="Flatten the structure: no content field nests lists or mappings more than a few levels deep.",
)
YAML_NUMBER_TOO_LONG = Rule(
    "yaml.number-too-long", "error", "A number has too many digits.",
    "Absurdly long numbers cost CPU to convert and are never real quantities.",
    example="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: 123456789012345678901234567890
    """,
    fix="Write a real quantity; if the value is a code (a serial or part number), put it in quotes.",
    fixed="""
        # content/forms/repair-call-log.yml
        fields:
          - id: calls
            # ...
            rows: 20
    """,
)

RULES = [FILE_UNREADABLE, FILE_OUTSIDE_TYPE_FOLDER, YAML_TOO_LARGE, YAML_ENCODING, YAML_INVALID_CHARACTER,
         YAML_SYNTAX, YAML_DUPLICATE_KEY, YAML_ANCHOR, YAML_ALIAS, YAML_TAG, YAML_MERGE_KEY, YAML_COMPLEX_KEY,
         YAML_MULTIPLE_DOCUMENTS, YAML_EMPTY, YAML_TOO_DEEP, YAML_NUMBER_TOO_LONG]
