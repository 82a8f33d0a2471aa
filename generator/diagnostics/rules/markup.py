"""Markup in texts and images (detected by generator/validate/markup.py and generator/load/assets.py)."""

from __future__ import annotations

from generator.diagnostics.diagnostic import Rule

_FORM_SUMMARY = ('summary: {ca: "Una línia per cada avís de reparació rebut.", es: "Una línea por cada aviso de'
                 ' reparación recibido.", en: "%s"}')


def _form_summary(english: str) -> str:
    return "# content/forms/repair-call-log.yml\n" + _FORM_SUMMARY % english


TEXT_RAW_HTML = Rule(
    "text.raw-html", "warning", "A text contains HTML tags.",
    "Texts are Markdown. HTML in them is never used as HTML (it would be a way to inject script into"
    " the portal): readers see the tags as typed, so '<b>' shows as the characters <b>.",
    example=_form_summary("One line per <b>repair call</b> received."),
    fix="Use Markdown instead: **bold**, *italics*, lists, [links](https://...). A lone '<' (as in '< 4 h')"
        " is fine.",
    fixed=_form_summary("One line per **repair call** received."),
)
TEXT_HTML_IN_TITLE = Rule(
    "text.html-in-title", "error", "A title (of an item, of the portal or the company name) contains HTML tags.",
    "Titles are shown in the navigation, the browser tab, page headings, search results and printouts,"
    " always as typed: the tags would be on every page that lists the item. HTML in a title is either a"
    " mistake or an attempt to run script in the portal (the portal escapes it either way).",
    example="""
        # content/forms/repair-call-log.yml
        title: {ca: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair <script>x</script> log"}
    """,
    fix="Write the title as plain words, without tags.",
    fixed="""
        # content/forms/repair-call-log.yml
        title: {ca: "Llibre de registre d'avisos", es: "Libro de registro de avisos", en: "Repair call log (< 4 h)"}
    """,
)
TEXT_UNSAFE_LINK = Rule(
    "text.unsafe-link", "error", "A link in a text, or an address in site_config.yml, uses a forbidden or"
    " unusable address (javascript:, data:, file:, '..', absolute path; not http(s) or not an e-mail address).",
    "Such links run script or reach files outside the portal; only http(s), mailto, tel and relative links are allowed.",
    example=_form_summary("See [the rules](javascript:alert(1))."),
    fix="Link to a full web address (https://...), an e-mail (mailto:) or a phone number (tel:).",
    fixed=_form_summary("See [the rules](https://example.com/rules)."),
)
TEXT_REFERENCE_LINK = Rule(
    "text.reference-link", "warning", "A text defines a reference-style link ([name]: address on its own line).",
    "Only inline links [text](address) become links; a reference-style link would be shown as typed.",
    example=_form_summary("See [the rules][r].\\n\\n[r]: https://example.com/rules"),
    fix="Write the link inline, where it goes: [text](address).",
    fixed=_form_summary("See [the rules](https://example.com/rules)."),
)
TEXT_INLINE_IMAGE = Rule(
    "text.inline-image", "warning", "A text contains a Markdown picture.",
    "Pictures inside texts are not shown; guide steps have an 'image' field for a picture from the project's assets/ folder.",
    example=_form_summary("See ![the filter](filter.jpg)."),
    fix="Put the picture in assets/ and name it in a guide step's 'image' field; in texts, link to it at most.",
    fixed=_form_summary("See [the filter](filter.jpg)."),
)
ASSET_MISSING = Rule(
    "asset.missing", "error", "An image names a file that is not in the project's assets/ folder.",
    "Images must be files inside the project, so the portal never loads anything from elsewhere.",
    example="""
        # content/guides/washing-machine-does-not-drain.yml (there is no assets/guides/filter.jpg)
        steps:
          - action: {ca: "Obriu la tapa petita de la part inferior.", es: "Abra la tapa pequeña de la parte inferior.", en: "Open the small door at the bottom front."}
            image: guides/filter.jpg
    """,
    fix="Copy the picture to the project's assets/ folder (here assets/guides/filter.jpg), or correct the path"
        " (relative to assets/, with forward slashes).",
)

ASSET_ALT_MISSING = Rule(
    "asset.alt-missing", "error", "A guide step's picture has no alt text in one of the portal's languages.",
    "A reader who cannot see the picture (a screen reader, a slow connection, a PDF read aloud) gets its alt"
    " text instead: without it the step loses what the picture shows.",
    example="""
        # content/guides/washing-machine-does-not-drain.yml (languages: [ca, es, en])
        steps:
          - action: {ca: "Obriu la tapa petita de la part inferior.", es: "Abra la tapa pequeña de la parte inferior.", en: "Open the small door at the bottom front."}
            image: guides/filter.svg
            image_alt: {ca: "La tapa del filtre, a baix a la dreta del frontal de la rentadora."}
    """,
    fix="Say what the picture shows in image_alt, one sentence in every language of the portal.",
    fixed="""
        steps:
          - action: {ca: "Obriu la tapa petita de la part inferior.", es: "Abra la tapa pequeña de la parte inferior.", en: "Open the small door at the bottom front."}
            image: guides/filter.svg
            image_alt:
              ca: "La tapa del filtre, a baix a la dreta del frontal de la rentadora."
              es: "La tapa del filtro, abajo a la derecha del frontal de la lavadora."
              en: "The filter door, at the bottom right of the front of the washing machine."
    """,
)

RULES = [TEXT_RAW_HTML, TEXT_HTML_IN_TITLE, TEXT_UNSAFE_LINK, TEXT_REFERENCE_LINK, TEXT_INLINE_IMAGE, ASSET_MISSING,
         ASSET_ALT_MISSING]
