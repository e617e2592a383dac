#!/usr/bin/env python3
"""The documented API examples as one bash script, for the checks that run them verbatim against an instance.

Usage: scripts/doc-examples.py OUT [--first-flow]
Writes the README's "## A first curl flow" and "## Several services in one appointment" blocks, then docs/api.md's "## Walkthroughs" blocks (only the first with
--first-flow), behind a curl that fails on any non-2xx answer. The blocks take their base URL from SLOTGATE_URL.
"""
import re
import sys


def blocks(path, heading):
    text = open(path).read()
    assert "\n## " + heading + "\n" in text, path + ": no section ## " + heading
    section = text.split("\n## " + heading + "\n", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert all("$B/" in b for b in found), path + ": a block of ## " + heading + " is not an API example"
    return found


out = sys.argv[1]
first = blocks("README.md", "A first curl flow")
assert len(first) == 1, "README: A first curl flow should be one block, found %d" % len(first)
first += blocks("README.md", "Several services in one appointment")
walkthroughs = [] if "--first-flow" in sys.argv[2:] else blocks("docs/api.md", "Walkthroughs")
assert "--first-flow" in sys.argv[2:] or len(walkthroughs) >= 2, "docs/api.md: Walkthroughs lost its API examples"
print("%s: %d blocks from README.md, %d from docs/api.md" % (out, len(first), len(walkthroughs)))
open(out, "w").write("curl() { command curl --fail-with-body \"$@\"; }\n" + "\n".join(first + walkthroughs))
