"""Writes tests/hostile/answers/: small hostile answers files, one case each, named by class.

    python tests/hostile/make_answers.py [FOLDER]

The files are committed; `test_hostile_inputs.py` checks they are what this script writes,
so a new case is added here and the script re-run. Cases too large to commit (40,000 levels,
70,000 keys, over 1 MiB) and special files (FIFOs, links to /dev/zero, folders, names with
control characters) are made at test time by the tests themselves.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

OK = "target_role: head-of-product\n"


def y(text: str) -> bytes:
    return text.encode("utf-8")


FILES: dict[str, bytes] = {
    # encodings
    "enc-utf16-le-bom.yaml": codecs.BOM_UTF16_LE + (OK + "ratings: {discovery: 3}\n").encode("utf-16-le"),
    "enc-utf16-be-bom.yaml": codecs.BOM_UTF16_BE + (OK + "ratings: {discovery: 3}\n").encode("utf-16-be"),
    "enc-utf16-no-bom.yaml": (OK + "ratings: {discovery: 3}\n").encode("utf-16-le"),
    "enc-utf32-bom.json": codecs.BOM_UTF32_LE + json.dumps({"target_role": "head-of-product"}).encode("utf-32-le"),
    "enc-latin1.yaml": (OK + "name: José Ñúñez\n").encode("latin-1"),
    "enc-cp1252-quotes.yaml": (OK + "name: \u201cAda\u201d\n").encode("cp1252"),
    "enc-lone-surrogate-bytes.yaml": y(OK + "name: A") + b"\xed\xa0\x80" + y("\n"),
    "enc-overlong.yaml": y(OK + "name: A") + b"\xc0\xaf" + y("\n"),
    "enc-truncated-sequence.yaml": y(OK + "name: A") + b"\xe2\x82",
    "enc-bom-then-error.yaml": codecs.BOM_UTF8 + y("target_role: nope\n"),
    "enc-bom-only.yaml": codecs.BOM_UTF8,
    "enc-bom-then-nul.yaml": codecs.BOM_UTF8 + b"\x00" * 8,
    "enc-lone-surrogate-escape.json": y('{"target_role": "head-of-product", "name": "A\\ud800"}'),
    "enc-lone-low-surrogate-escape.yaml": y(OK + 'name: "B\\udc00"\n'),
    "enc-nul-byte.yaml": y(OK + "name: A") + b"\x00" + y("\n"),
    "enc-raw-escape-char.yaml": y(OK + "name: A\x1b[2J\n"),
    "enc-raw-c1-char.yaml": y(OK + "name: A\u009b31m\n"),
    "enc-raw-del.yaml": y(OK + "name: A\x7f\n"),
    "enc-binary-png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    # depth (the 40,000-level ones are generated at test time)
    "depth-flow-33.yaml": y(OK + "evidence: " + "[" * 33 + "]" * 33 + "\n"),
    "depth-flow-unclosed.yaml": y(OK + "evidence: " + "[" * 500 + "\n"),
    "depth-block-sequence.yaml": y(OK + "evidence:\n  " + "- " * 40 + "x\n"),
    "depth-block-mapping.yaml": y(OK + "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x: 1\n"),
    "depth-json-mixed.json": y(
        '{"target_role": "head-of-product", "ratings": ' + '{"a": [' * 20 + "1" + "]}" * 20 + "}"
    ),
    # counts and aliases (70,000 keys are generated at test time)
    "count-billion-laughs.yaml": y(
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(
            f"{n}: &{n} [{', '.join('*' + p for _ in range(9))}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + OK
    ),
    "count-many-aliases.yaml": y("x: &x 1\n" + OK + "evidence: [" + ", ".join(["*x"] * 3000) + "]\n"),
    "count-anchor-alias-key.yaml": y(OK + "ratings:\n  &k discovery: 3\n  *k : 4\n"),
    "count-many-documents.yaml": y((OK + "---\n") * 50),
    # tags
    "tag-python-object-apply.yaml": y(OK + "name: !!python/object/apply:os.system ['touch /tmp/pwned']\n"),
    "tag-python-object.yaml": y(OK + "ratings: !!python/object:collections.OrderedDict {}\n"),
    "tag-python-name.yaml": y(OK + "name: !!python/name:os.system ''\n"),
    "tag-local.yaml": y(OK + "ratings: !foo {discovery: 3}\n"),
    "tag-set.yaml": y(OK + "evidence: !!set {a, b}\n"),
    "tag-omap.yaml": y(OK + "ratings: !!omap [{discovery: 3}]\n"),
    "tag-binary-value.yaml": y(OK + "name: !!binary QWRh\n"),
    "tag-binary-key-duplicate.yaml": y(OK + "ratings:\n  delivery: 1\n  !!binary ZGVsaXZlcnk=: 5\n"),
    "tag-explicit-str.yaml": y(OK + "name: !!str 12\n"),
    "tag-verbatim.yaml": y(OK + "ratings: {discovery: !<tag:yaml.org,2002:int> 3}\n"),
    "tag-directive.yaml": y("%TAG !e! tag:example.com,2000:\n---\n" + OK + "name: !e!thing x\n"),
    "tag-timestamp-explicit.yaml": y(OK + "assessed_on: !!timestamp 2026-11-21\n"),
    "tag-non-specific.yaml": y(OK + "name: ! 12\n"),
    "tag-merge-key.yaml": y("base: &b {discovery: 3}\n" + OK + "ratings:\n  <<: *b\n"),
    "tag-merge-plain.yaml": y(OK + "ratings:\n  <<: {discovery: 3}\n"),
    # keys
    "key-date.yaml": y(OK + "ratings:\n  2001-01-01: 3\n"),
    "key-int.yaml": y(OK + "ratings:\n  12: 3\n"),
    "key-bool.yaml": y(OK + "ratings:\n  yes: 3\n"),
    "key-null.yaml": y(OK + "ratings:\n  ~: 3\n"),
    "key-nan-duplicate.yaml": y(OK + "ratings:\n  .nan: 1\n  .nan: 2\n"),
    "key-float.yaml": y(OK + "ratings:\n  1.5: 3\n"),
    "key-list.yaml": y(OK + "ratings:\n  ? [a, b]\n  : 3\n"),
    "key-mapping.yaml": y(OK + "ratings:\n  ? {a: b}\n  : 3\n"),
    "key-duplicate-top.yaml": y(OK + "name: Ada\n" + OK),
    "key-duplicate-rating.yaml": y(OK + "ratings:\n  discovery: 1\n  discovery: 5\n"),
    "key-empty.yaml": y(OK + 'ratings:\n  "": 3\n'),
    "key-huge.yaml": y(OK + "ratings:\n  " + "k" * 20000 + ": 3\n"),
    "key-unknown-top.yaml": y(OK + "nmae: Ada\n"),
    "key-json-duplicate.json": y('{"target_role": "head-of-product", "target_role": "vp-of-product"}'),
    # numbers
    "num-huge-int.yaml": y(OK + "ratings:\n  discovery: " + "9" * 5000 + "\n"),
    "num-huge-negative.yaml": y(OK + "ratings:\n  discovery: -" + "9" * 5000 + "\n"),
    "num-huge-int.json": y('{"target_role": "head-of-product", "ratings": {"discovery": ' + "7" * 5000 + "}}"),
    "num-float.yaml": y(OK + "ratings:\n  discovery: 2.5\n"),
    "num-inf.yaml": y(OK + "ratings:\n  discovery: .inf\n"),
    "num-minus-inf.yaml": y(OK + "ratings:\n  discovery: -.inf\n"),
    "num-nan.yaml": y(OK + "ratings:\n  discovery: .nan\n"),
    "num-nan.json": y('{"target_role": "head-of-product", "ratings": {"discovery": NaN}}'),
    "num-hex.yaml": y(OK + "ratings:\n  discovery: 0x3\n"),
    "num-octal.yaml": y(OK + "ratings:\n  discovery: 0o3\n"),
    "num-leading-zero.yaml": y(OK + "ratings:\n  discovery: 03\n"),
    "num-underscore.yaml": y(OK + "ratings:\n  discovery: 1_0\n"),
    "num-sexagesimal.yaml": y(OK + "ratings:\n  discovery: 1:30\n"),
    "num-exponent.yaml": y(OK + "ratings:\n  discovery: 1e3\n"),
    "num-huge-float.yaml": y(OK + "ratings:\n  discovery: 1e999\n"),
    "num-bool.yaml": y(OK + "ratings:\n  discovery: true\n"),
    "num-text.json": y('{"target_role": "head-of-product", "ratings": {"discovery": "3"}}'),
    "num-zero.yaml": y(OK + "ratings:\n  discovery: 0\n"),
    "num-negative.yaml": y(OK + "ratings:\n  discovery: -1\n"),
    # shapes and syntax
    "shape-top-list.yaml": y("- target_role: head-of-product\n"),
    "shape-top-scalar.yaml": y("head-of-product\n"),
    "shape-empty.yaml": b"",
    "shape-whitespace.yaml": y("  \n\t\n"),
    "shape-comment-only.yaml": y("# nothing\n"),
    "shape-empty-document.yaml": y("---\n"),
    "shape-two-documents.yaml": y(OK + "---\n" + OK),
    "shape-unclosed-quote.yaml": y(OK + 'name: "Ada\n'),
    "shape-tab-indent.yaml": y(OK + "ratings:\n\tdiscovery: 3\n"),
    "shape-ratings-list.yaml": y(OK + "ratings: [3, 4]\n"),
    "shape-name-mapping.yaml": y(OK + "name: {first: Ada}\n"),
    "shape-bad-date.yaml": y(OK + "assessed_on: 2026-02-30\n"),
    "shape-datetime.yaml": y(OK + "assessed_on: 2026-11-21 10:00:00\n"),
    "shape-json-trailing.json": y('{"target_role": "head-of-product"} {"x": 1}'),
    "shape-json-truncated.json": y('{"target_role": "head-of-product", "ratings": {"discovery": '),
    "shape-long-name.yaml": y(OK + "name: " + "A" * 5000 + "\n"),
    # injection: echoed ids, keys and values with terminal control sequences
    "inject-ansi-role.yaml": y('target_role: "\\e[2J\\e[31mpwned"\n'),
    "inject-osc-title.yaml": y('target_role: "\\e]0;owned\\a"\n'),
    "inject-osc8-link.yaml": y(OK + 'ratings:\n  "\\e]8;;http://evil.example\\e\\\\click\\e]8;;\\e\\\\": 3\n'),
    "inject-bidi-key.yaml": y(OK + 'ratings:\n  "disc\\u202Eyrevo": 3\n'),
    "inject-bidi-isolates.yaml": y('target_role: "\\u2066head\\u2069-of\\u200E\\u061C"\n'),
    "inject-nul-escape.yaml": y('target_role: "head\\0role"\n'),
    "inject-c1.json": y('{"target_role": "\\u009b2J\\u0085x"}'),
    "inject-del.yaml": y('current_role: "a\\x7fb"\n' + OK),
    "inject-city.yaml": y(OK + 'city: "\\e[5mAtlantis"\n'),
}


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "answers"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in FILES.items():
        (out / name).write_bytes(data)
    print(f"{len(FILES)} files in {out}")


if __name__ == "__main__":
    main()
