#!/usr/bin/env python3
"""Validate content YAML files against the published JSON Schemas with an independent
validator (jsonschema + PyYAML), as an editor using the YAML language server would.

Usage: validate_schemas.py SCHEMA_DIR FILE...
Prints one line per problem and 'N passed, N failed' at the end; exits 1 on any failure.
"""
import json
import pathlib
import sys

import jsonschema
import yaml


def main() -> int:
    schema_dir = pathlib.Path(sys.argv[1])
    validators = {}
    for path in schema_dir.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[path.name[: -len(".schema.json")]] = jsonschema.Draft202012Validator(schema)
    passed = failed = 0
    for name in sys.argv[2:]:
        text = pathlib.Path(name).read_text(encoding="utf-8")
        document = yaml.safe_load(text)
        kind = document.get("kind") if isinstance(document, dict) else None
        first = text.splitlines()[0] if text else ""
        problems = []
        if kind not in validators:
            problems.append(f"unknown kind {kind!r}")
        else:
            if not (first.startswith("# yaml-language-server: $schema=") and first.endswith(f"{kind}.schema.json")):
                problems.append(f"first line must point at {kind}.schema.json, found {first!r}")
            resolved = (pathlib.Path(name).parent / first.split("$schema=", 1)[-1]).resolve()
            if not resolved.exists():
                problems.append(f"$schema path {resolved} does not exist")
            problems += [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(document)]
        if problems:
            failed += 1
            for problem in problems:
                print(f"{name}: {problem}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
