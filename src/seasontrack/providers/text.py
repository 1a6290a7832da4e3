"""Provider HTML (TVmaze summaries) as plain text."""

from __future__ import annotations

from html.parser import HTMLParser

_BREAKS = {"p", "br", "div", "li"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str | None) -> str | None:
    """The text of an HTML fragment: tags dropped, entities decoded, paragraphs kept apart."""
    if not html:
        return None
    parser = _Text()
    parser.feed(html)
    parser.close()
    paragraphs = ["".join(p).strip() for p in _split("".join(parser.parts))]
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return text or None


def _split(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]
