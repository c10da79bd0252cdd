#!/usr/bin/env python3
"""Validates report files the way their consumers read them.

    validate_report.py sarif REPORT SCHEMA   # JSON-schema validation (python3-jsonschema)
    validate_report.py junit REPORT          # parsed with a real XML parser, counts checked

Prints one line per problem and exits 1 when there is any; exit 3 when a library is missing.
Run by tests/gate/validate_test.cpp.
"""

import json
import sys
import xml.etree.ElementTree as ET


def validate_sarif(report_path, schema_path):
    try:
        import jsonschema
    except ImportError:
        print("python module jsonschema is missing: install the Debian package python3-jsonschema")
        return 3
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    problems = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    for problem in problems:
        where = "/".join(str(p) for p in problem.absolute_path) or "(root)"
        print(f"{where}: {problem.message}")
    return 1 if problems else 0


def count(element, tag):
    return sum(1 for case in element.iter("testcase") if case.find(tag) is not None)


def validate_junit(report_path):
    root = ET.parse(report_path).getroot()
    problems = []
    if root.tag != "testsuites":
        problems.append(f"root element is <{root.tag}>, expected <testsuites>")
    total_tests = 0
    total_failures = 0
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        name = suite.get("name")
        for attribute, actual in (("tests", len(cases)), ("failures", count(suite, "failure")),
                                  ("skipped", count(suite, "skipped"))):
            if suite.get(attribute) != str(actual):
                problems.append(f"suite {name}: {attribute}={suite.get(attribute)} but {actual} found")
        for case in cases:
            if not case.get("name") or not case.get("classname"):
                problems.append(f"suite {name}: a testcase without name or classname")
            failure = case.find("failure")
            if failure is not None and not failure.get("message"):
                problems.append(f"suite {name}: failure without message in {case.get('name')}")
        total_tests += len(cases)
        total_failures += count(suite, "failure")
    if root.get("tests") != str(total_tests) or root.get("failures") != str(total_failures):
        problems.append(f"testsuites counts tests={root.get('tests')} failures={root.get('failures')}, "
                        f"found {total_tests} and {total_failures}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "sarif":
        return validate_sarif(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "junit":
        return validate_junit(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
