#!/usr/bin/env node
// Parses PromQL and LogQL with the grammars Prometheus and Grafana ship (Lezer), so that the
// dashboards and alert rules are checked by the same parsers their UIs use, not by regexes.
//
// stdin:  {"promql": ["..."], "logql": ["..."]}
// stdout: {"promql": [Result], "logql": [Result]} where
//   Result = {query, valid, errors: [{from, to, message}], selectors: [Selector], metricQuery?}
//   Selector = {metric: string|null, matchers: [{label, op, value}]}
//
// Lezer never throws on bad input: it recovers and marks the damage with error nodes (⚠), so a
// query is invalid exactly when its tree holds one. On top of syntax, three checks the grammar
// cannot make: range functions need a range vector, regex matchers must compile, and a LogQL
// alert expression must be a metric query (the ruler rejects log queries).
//
// The parsers are resolved from the tools directory that scripts/setup-node-tools.sh fills:
// $NODE_TOOLS_DIR, else <repo>/.cache/node-tools. Exit codes: 0 = ran (validity is in the JSON),
// 2 = bad input, 3 = parsers not installed.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const toolsDir = resolve(process.env.NODE_TOOLS_DIR || join(here, '..', '..', '..', '.cache', 'node-tools'));

let promqlParser;
let logqlParser;
try {
  if (!existsSync(join(toolsDir, 'package.json'))) {
    throw new Error(`no package.json in ${toolsDir}`);
  }
  const require = createRequire(join(toolsDir, 'package.json'));
  promqlParser = require('@prometheus-io/lezer-promql').parser;
  logqlParser = require('@grafana/lezer-logql').parser;
} catch (e) {
  process.stderr.write(
    `validate-queries: parsers not installed in ${toolsDir} (run scripts/setup-node-tools.sh): ${e.message}\n`);
  process.exit(3);
}

// PromQL functions whose argument must be a range vector; the grammar accepts `rate(x)`, Prometheus does not.
const RANGE_FUNCTIONS = new Set([
  'Rate', 'Irate', 'Increase', 'Delta', 'Idelta', 'Deriv', 'Changes', 'Resets', 'PredictLinear',
  'HoltWinters', 'DoubleExponentialSmoothing', 'AbsentOverTime', 'PresentOverTime', 'AvgOverTime',
  'CountOverTime', 'LastOverTime', 'MaxOverTime', 'MinOverTime', 'QuantileOverTime', 'StddevOverTime',
  'StdvarOverTime', 'SumOverTime', 'MadOverTime', 'TsOfMaxOverTime', 'TsOfMinOverTime', 'TsOfLastOverTime',
  'FirstOverTime', 'TsOfFirstOverTime',
]);

function text(query, node) {
  return query.slice(node.from, node.to);
}

// Depth-first; visit returns false to skip a node's subtree.
function walk(node, visit) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (visit(c) !== false) walk(c, visit);
  }
}

function children(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

// Go/PromQL string literal -> value. Double quotes use Go escapes, close enough to JSON's for label values.
function unquote(literal) {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  if (literal.startsWith("'")) literal = '"' + literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"') + '"';
  try {
    return JSON.parse(literal);
  } catch {
    return literal.slice(1, -1);
  }
}

// Prometheus and Loki use RE2. JS RegExp is close enough to catch unbalanced groups and bad
// quantifiers; RE2-only inline flags like (?i) are stripped first so they are not reported.
function regexError(pattern) {
  try {
    new RegExp(pattern.replace(/^\(\?[imsU]+\)/, ''));
    return null;
  } catch (e) {
    return e.message;
  }
}

function syntaxErrors(tree, query) {
  const errors = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) {
        const near = query.slice(Math.max(0, n.from - 15), Math.min(query.length, n.to + 15));
        errors.push({ from: n.from, to: n.to, message: `syntax error at ${n.from} near '${near}'` });
      }
    },
  });
  if (query.trim() === '' && errors.length === 0) {
    errors.push({ from: 0, to: 0, message: 'empty query' });
  }
  return errors;
}

function promqlResult(query) {
  const tree = promqlParser.parse(query);
  const errors = syntaxErrors(tree, query);
  const selectors = [];
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === 'VectorSelector') {
        const selector = { metric: null, matchers: [] };
        for (const c of children(node)) {
          if (c.name === 'Identifier') selector.metric = text(query, c);
          if (c.name === 'LabelMatchers') {
            for (const m of children(c)) {
              if (m.name === 'UnquotedLabelMatcher' || m.name === 'QuotedLabelMatcher') {
                const [labelNode, opNode, valueNode] = children(m);
                if (!labelNode || !opNode || !valueNode) continue;
                const label = m.name === 'UnquotedLabelMatcher' ? text(query, labelNode) : unquote(text(query, labelNode));
                const matcher = { label, op: text(query, opNode), value: unquote(text(query, valueNode)) };
                selector.matchers.push(matcher);
                if (matcher.op.includes('~')) {
                  const err = regexError(matcher.value);
                  if (err) errors.push({ from: valueNode.from, to: valueNode.to, message: `bad regex for ${label}: ${err}` });
                }
              } else if (m.name === 'QuotedLabelName') {
                // {"metric.name"}: the UTF-8 form of a bare metric name
                selector.metric = unquote(text(query, m));
              }
            }
          }
        }
        selectors.push(selector);
      }
      if (node.name === 'FunctionCall') {
        const ident = node.getChild('FunctionIdentifier');
        const fn = ident && ident.firstChild ? ident.firstChild.name : null;
        if (fn && RANGE_FUNCTIONS.has(fn)) {
          const body = node.getChild('FunctionCallBody');
          const args = body ? children(body).filter((c) => !['(', ')', ','].includes(c.name)) : [];
          const rangeArg = args.some((a) => a.name === 'MatrixSelector' || a.name === 'SubqueryExpr');
          if (!rangeArg) {
            errors.push({ from: node.from, to: node.to, message: `${text(query, ident)}() needs a range vector argument` });
          }
        }
      }
    },
  });
  return { query, valid: errors.length === 0, errors, selectors };
}

function logqlResult(query) {
  const tree = logqlParser.parse(query);
  const errors = syntaxErrors(tree, query);
  const selectors = [];
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === 'Selector') {
        const selector = { metric: null, matchers: [] };
        walk(node, (m) => {
          if (m.name !== 'Matcher') return true;
          const [labelNode, opNode, valueNode] = children(m);
          if (labelNode && opNode && valueNode) {
            const matcher = { label: text(query, labelNode), op: text(query, opNode), value: unquote(text(query, valueNode)) };
            selector.matchers.push(matcher);
            const err = matcher.op.includes('~') ? regexError(matcher.value) : null;
            if (err) errors.push({ from: valueNode.from, to: valueNode.to, message: `bad regex for ${matcher.label}: ${err}` });
          }
          return false;
        });
        selectors.push(selector);
      }
      if (node.name === 'LineFilter') {
        const filter = node.getChild('Filter');
        const str = node.getChild('String');
        if (filter && str && /~/.test(text(query, filter))) {
          const err = regexError(unquote(text(query, str)));
          if (err) errors.push({ from: str.from, to: str.to, message: `bad line filter regex: ${err}` });
        }
      }
    },
  });
  const top = tree.topNode.getChild('Expr');
  const metricQuery = !!(top && top.firstChild && top.firstChild.name === 'MetricExpr');
  return { query, valid: errors.length === 0, errors, selectors, metricQuery };
}

let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch (e) {
  process.stderr.write(`validate-queries: stdin is not JSON: ${e.message}\n`);
  process.exit(2);
}
const asList = (v) => (Array.isArray(v) ? v : []);
const output = {
  parsers: { toolsDir },
  promql: asList(input.promql).map((q) => promqlResult(String(q))),
  logql: asList(input.logql).map((q) => logqlResult(String(q))),
};
process.stdout.write(JSON.stringify(output, null, 2) + '\n');
