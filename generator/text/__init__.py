"""Text rules shared by the checks and the renderer: what is a link, raw HTML, a safe address,
and how untrusted text is escaped for Markdown, HTML and the theme."""
