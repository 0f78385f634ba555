#!/usr/bin/env python3
"""Writes the table of ONNX op schemas that pot4j's ONNX reader checks nodes against (OnnxOpSchemas).

For every op named in the table (and every op given on the command line), one line per version of the op in effect
at some default-domain opset the reader accepts (7..21): the op, its since_version, the inputs (count range and
formal parameters: `?` optional, `...` variadic), the outputs (the same) and the attributes (`name:TYPE`, `!` when
required). Needs the onnx Python package; the table in the repository was written with onnx 1.23.1:

    python3 plugins/onnx/tools/onnx_op_schemas.py \
        plugins/onnx/src/main/resources/org/pot4j/onnx/view/onnx-op-schemas.tsv [NewOp ...]
"""
import sys

import onnx
import onnx.defs

MIN_OPSET = 7
MAX_OPSET = 21
UNBOUNDED = 2147483647


def params(formals):
    out = []
    for p in formals:
        option = p.option
        if option == onnx.defs.OpSchema.FormalParameterOption.Optional:
            out.append(p.name + "?")
        elif option == onnx.defs.OpSchema.FormalParameterOption.Variadic:
            out.append(p.name + "...")
        else:
            out.append(p.name)
    return " ".join(out)


def count(lo, hi):
    return "%d..%s" % (lo, "*" if hi >= UNBOUNDED else str(hi))


def attributes(schema):
    out = []
    for name in sorted(schema.attributes):
        a = schema.attributes[name]
        out.append("%s:%s%s" % (name, a.type.name, "!" if a.required else ""))
    return " ".join(out)


def lines(op):
    versions = sorted((s for s in onnx.defs.get_all_schemas_with_history() if s.name == op and s.domain == ""),
                      key=lambda s: s.since_version)
    if not versions:
        raise SystemExit("no ONNX op " + op + " in the default domain")
    kept = [s for s in versions if MIN_OPSET < s.since_version <= MAX_OPSET]
    before = [s for s in versions if s.since_version <= MIN_OPSET]
    if before:
        kept.insert(0, before[-1])
    for s in kept:
        yield "\t".join([op, str(s.since_version), count(s.min_input, s.max_input), params(s.inputs),
                         count(s.min_output, s.max_output), params(s.outputs), attributes(s)])


def main(argv):
    table = argv[1]
    ops = set(argv[2:])
    try:
        with open(table, encoding="utf-8") as f:
            ops |= {line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")}
    except FileNotFoundError:
        pass
    body = [line for op in sorted(ops) for line in lines(op)]
    with open(table, "w", encoding="utf-8") as f:
        f.write("# ONNX op schemas (default domain, versions in effect at opsets %d..%d) of the ops pot4j maps,\n"
                % (MIN_OPSET, MAX_OPSET))
        f.write("# written by plugins/onnx/tools/onnx_op_schemas.py from onnx %s; do not edit by hand.\n"
                % onnx.__version__)
        f.write("# op\tsince\tinputs\tinput parameters\toutputs\toutput parameters\tattributes\n")
        for line in body:
            f.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv)
