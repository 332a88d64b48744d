#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb (nbdev_readme needs quarto, which cannot be installed here).

`python scripts/make_readme.py` writes it; `--check` exits 1 if README.md differs from what it would write.
Markdown cells are copied, with links and images relative to nbs/ pointed into nbs/; visible code cells
become fenced blocks, except `#| echo: false` cells (the site shows only their output), and the saved
Markdown and text outputs of code cells follow them; `#| hide` cells are left out.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/index.ipynb by scripts/make_readme.py: edit the notebook, not this file. -->\n\n"

def _relink(md: str) -> str:
    "Links and images relative to nbs/ (the site's root) made relative to the repository root."
    return re.sub(r"\]\((?!https?:|#|/|nbs/)([^)\s]+)\)", r"](nbs/\1)", md)

def _outputs(c) -> list[str]:
    out = []
    for o in c.get("outputs", []):
        data = o.get("data", {})
        if "text/markdown" in data: out.append("".join(data["text/markdown"]).strip())
        elif o.get("output_type") == "stream" and o.get("name") == "stdout": out.append("```\n" + "".join(o["text"]).strip() + "\n```")
    return out

def render(nb_path=ROOT / "nbs" / "index.ipynb") -> str:
    nb = json.loads(Path(nb_path).read_text())
    parts = []
    for c in nb["cells"]:
        src = "".join(c["source"]).strip()
        if not src: continue
        lines = src.splitlines()
        directives = [l for l in lines if l.startswith("#|")]
        if any(d.replace(" ", "") in ("#|hide", "#|exporti") for d in directives): continue
        body = "\n".join(l for l in lines if not l.startswith("#|")).strip()
        if c["cell_type"] == "markdown": parts.append(_relink(body))
        else:
            if body and not any(d.replace(" ", "") == "#|echo:false" for d in directives):
                lang = "bash" if body.startswith("!") else "python"
                parts.append(f"```{lang}\n{body.lstrip('!') if lang == 'bash' else body}\n```")
            parts.extend(_relink(o) for o in _outputs(c))
    return HEADER + "\n\n".join(parts) + "\n"

if __name__ == "__main__":
    text, readme = render(), ROOT / "README.md"
    if "--check" in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit("README.md is out of date with nbs/index.ipynb: run `python scripts/make_readme.py`.")
        print("README.md matches nbs/index.ipynb")
    else:
        readme.write_text(text); print(f"wrote {readme}")
