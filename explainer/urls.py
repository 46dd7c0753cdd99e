"""Addresses the site publishes (an article's `url`, `SITE_URL`): the one rule for them."""

from __future__ import annotations


def url_problem(value: str, what: str = "adresse") -> str | None:
    """Why `value` is not a public address the site may print and link to (None when it is):
    an absolute http(s) URL, no credentials, query, fragment, spaces, control characters,
    quotes, angle brackets, backslashes or `..` segment. The message says the rule and the fix."""
    from urllib.parse import urlsplit

    shown_value = "".join(c if c.isprintable() else ("\\n" if c == "\n" else f"\\u{ord(c):04x}") for c in value.strip())

    bad = next((c for c in value if c.isspace() or ord(c) < 32 or ord(c) == 127 or c in "\"'<>`\\{}|^"), None)
    if bad is not None:
        shown = {"\n": "un retour à la ligne", "\r": "un retour chariot", "\t": "une tabulation", " ": "une espace"}.get(
            bad, f"« {bad} »" if bad.isprintable() and not bad.isspace() else f"le caractère U+{ord(bad):04X}")
        return (f"{what} « {shown_value} » : contient {shown}, interdit dans une adresse publiée ; "
                "recopiez l'adresse depuis la barre du navigateur (les caractères spéciaux y sont codés en %XX)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return f"{what} « {value} » : adresse mal formée ; écrivez-la sous la forme https://domaine.example/chemin/"
    if parts.scheme not in ("http", "https") or not parts.hostname or not value.lower().startswith(("http://", "https://")):
        return f"{what} « {value} » : adresse http(s) complète attendue, par exemple https://domaine.example/chemin/"
    if "@" in parts.netloc:
        return (f"{what} « {value} » : contient un identifiant ou un mot de passe (avant « @ »), qui serait publié "
                "sur chaque page ; retirez-les")
    if "?" in value:
        return f"{what} « {value} » : contient une requête (« ?… ») ; retirez-la à partir du « ? »"
    if "#" in value:
        return f"{what} « {value} » : contient une ancre (« #… ») ; retirez-la à partir du « # »"
    if any(segment in ("..", ".") for segment in parts.path.split("/")):
        return f"{what} « {value} » : contient un segment « .. » ou « . » ; écrivez le chemin complet sans ces segments"
    return None
