#!/usr/bin/env python3
"""Fail when a header under include/awsauth/ includes what its tier may not (the tiers of docs/architecture.md).

Every header belongs to one tier (TIERS below: core, model, codec, umbrella). A tier includes its own tier and
the tiers below it, never one above or beside it; nlohmann, date and expat come in only through the headers
LIBRARIES names. A header in no tier is an error too, so each new header is placed in a tier by someone who read
the rules. The include graph is read by tools/single_header.py's read_header, the one include parser of the
repository: both tools see the same edges and refuse the same things (a quoted include, an awsauth include after
code, a header without #pragma once).

Usage:
    python3 tools/check_tiers.py           one line per forbidden include and exit 1, or a one-line summary (CTest
                                           `include_tiers`)
    python3 tools/check_tiers.py --graph   the same, after every include edge with the tiers at its ends

Standard library only.
"""

import argparse
import fnmatch
import sys
from collections import namedtuple
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import single_header  # noqa: E402  (tools/single_header.py, beside this file: its include parser)

INCLUDE = single_header.INCLUDE
TOOL = "tools/check_tiers.py"

# The tiers of docs/architecture.md, as paths under include/awsauth/ (glob patterns). Change this table and that
# document together.
TIERS = {
    "core": ("version.hpp", "error.hpp", "member_types.hpp", "fields.hpp", "constraints.hpp", "timestamp.hpp",
             "options.hpp", "service.hpp", "credentials.hpp", "detail/utf8.hpp", "detail/json_pointer.hpp"),
    "model": ("model/*.hpp",),
    "codec": ("json.hpp", "parse.hpp", "dump.hpp", "print.hpp", "validate.hpp", "detail/json_reading.hpp",
              "detail/json_text.hpp",
              "wire*.hpp", "detail/wire*"),  # the wire codec, when it comes
    "umbrella": ("awsauth.hpp", "sts.hpp", "eks_auth.hpp", "sso.hpp", "credential_sources.hpp",
                 "response_metadata.hpp"),
}
# A tier includes itself and the tiers below it: a model header compiles without any codec, a codec works on the
# descriptors of any model without naming one.
MAY_INCLUDE = {
    "core": {"core"},
    "model": {"core", "model"},
    "codec": {"core", "codec"},
    "umbrella": {"core", "model", "codec", "umbrella"},
}
# The include names kept for users forward to model/ and nothing else: `#include <awsauth/sts.hpp>` gives the
# plain structs, not nlohmann.
FORWARDING = ("sts.hpp", "eks_auth.hpp", "sso.hpp", "credential_sources.hpp", "response_metadata.hpp")
# Third-party headers (by pattern) and the only awsauth headers that may include them.
LIBRARIES = {
    "nlohmann": ("nlohmann/*", ("json.hpp", "parse.hpp", "detail/json_reading.hpp")),
    "date": ("date/*", ("timestamp.hpp",)),
    "expat": ("expat*.h", ("wire*.hpp", "detail/wire*")),
}

# One `#include` in header (a path under include/awsauth/): of another awsauth header (`included` is then a path
# under include/awsauth/ too), or of a header of one of the LIBRARIES (`library` names it).
Edge = namedtuple("Edge", ["header", "included", "library"])


def matches(name, patterns):
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def tiers_of(name):
    """Every tier whose patterns match name; exactly one when it is classified well."""
    return [tier for tier, patterns in TIERS.items() if matches(name, patterns)]


def library_of(included):
    return next((library for library, (pattern, _) in LIBRARIES.items() if fnmatch.fnmatchcase(included, pattern)),
                None)


def read_graph(include_root):
    """(every header's name under include_root/awsauth/, the edges, the refusals of read_header)."""
    directory = include_root / "awsauth"
    names = sorted(path.relative_to(directory).as_posix() for path in directory.rglob("*.hpp"))
    edges, refusals = [], []
    for name in names:
        try:
            header = single_header.read_header(include_root, f"awsauth/{name}")
        except single_header.RefusedHeader as refusal:
            refusals.append(f"include/{refusal}")
            continue
        edges += [Edge(name, included.split("/", 1)[1], None) for included in header.awsauth_includes]
        edges += [Edge(name, included, library_of(included)) for included in header.other_includes
                  if library_of(included)]
    return names, edges, refusals


def tier_label(name):
    return "/".join(tiers_of(name)) or "no tier"


def with_article(tier):
    return f"an {tier}" if tier[0] in "aeiou" else f"a {tier}"


def forbidden(edge, tier, names):
    """Why the header, of `tier`, may not have `edge`; None when it may."""
    if edge.library:
        allowed = LIBRARIES[edge.library][1]
        if matches(edge.header, allowed):
            return None
        return f"{with_article(tier)} header may not include {edge.library} (only {', '.join(allowed)} may)"
    if edge.included not in names:
        return "no such header under include/awsauth/"
    included_tiers = tiers_of(edge.included)
    if len(included_tiers) != 1:
        return None  # the included header's own error says it has no tier, or two
    included_tier = included_tiers[0]
    if included_tier not in MAY_INCLUDE[tier]:
        return f"{with_article(tier)} header may not include {with_article(included_tier)} header"
    if edge.header in FORWARDING and included_tier != "model":
        return f"a forwarding umbrella may include only model headers, not {with_article(included_tier)} header"
    return None


def check(include_root):
    """(the error lines, the edges each with its error or None, the header count per tier)."""
    names, edges, errors = read_graph(include_root)
    tier = {}
    for name in names:
        found = tiers_of(name)
        if len(found) == 1:
            tier[name] = found[0]
        elif not found:
            errors.append(f"include/awsauth/{name} is in no tier: classify it in {TOOL} (see docs/architecture.md)")
        else:
            errors.append(f"include/awsauth/{name} is in {' and '.join(found)}: classify it in one tier in {TOOL}")
    judged = []
    for edge in edges:
        why = forbidden(edge, tier[edge.header], names) if edge.header in tier else None
        judged.append((edge, why))
        if why:
            shown = f"<{edge.included}>" if edge.library else f"<awsauth/{edge.included}>"
            errors.append(f"include/awsauth/{edge.header} includes {shown}: {why}")
    counts = {name: sum(1 for t in tier.values() if t == name) for name in TIERS}
    return errors, judged, counts


def main(arguments=None, include_root=INCLUDE):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", action="store_true", help="also print every include edge with its tiers")
    options = parser.parse_args(arguments)
    errors, judged, counts = check(include_root)
    if options.graph:
        for edge, why in judged:
            ends = (f"<{edge.included}>", edge.library) if edge.library else (edge.included, tier_label(edge.included))
            print(f"{edge.header} [{tier_label(edge.header)}] -> {ends[0]} [{ends[1]}]{'  FORBIDDEN' if why else ''}")
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    per_tier = ", ".join(f"{count} {name}" for name, count in counts.items())
    print(f"{TOOL}: {sum(counts.values())} headers ({per_tier}), {len(judged)} includes of awsauth and third-party "
          "headers, every one allowed by the tiers of docs/architecture.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
