// Type-checks Grafana dashboard JSON files against Grafana's published schema (@grafana/schema): the v1
// dashboard model, and each panel's options and field config against its panel type's own types (the
// types Grafana's panels are built from). Each dashboard becomes a TypeScript constant of that type, so
// tsc reports every wrong type, missing required field and unknown field (excess property) by path.
//
//   node check.mjs <dir with node_modules> <dashboard.json>...
// Prints one line per error and "<file>: N errors" per file; exits 1 if any file has an error.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error('usage: node check.mjs <dir with node_modules> <dashboard.json>...');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'node_modules', 'x.js'));
const ts = require('typescript');
const schemaVersion = require('@grafana/schema/package.json').version;

// Panel type -> the module of its generated options type, and whether it has a custom field-config type
const panelTypes = {
  stat: ['stat/panelcfg/x/StatPanelCfg_types.gen', false],
  timeseries: ['timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen', true],
  heatmap: ['heatmap/panelcfg/x/HeatmapPanelCfg_types.gen', true],
  bargauge: ['bargauge/panelcfg/x/BarGaugePanelCfg_types.gen', false],
  'state-timeline': ['statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen', true],
  table: ['table/panelcfg/x/TablePanelCfg_types.gen', true],
};
const ident = (t) => t.replace(/[^a-z]/g, '_');
const header = [
  "import type { AnnotationQuery, Dashboard, DataQuery, Panel, RowPanel } from '@grafana/schema';",
  ...Object.entries(panelTypes).map(([t, [m]]) =>
    `import type * as ${ident(t)} from '@grafana/schema/dist/esm/raw/composable/${m}';`),
  // a panel of a known type: the dashboard's Panel with that type's options and custom field config
  "type Typed<T extends string, O, C> = Omit<Panel<O, C>, 'type' | 'options'> & { type: T; options: O };",
  'type AnyPanel =',
  ...Object.entries(panelTypes).map(([t, [, custom]]) =>
    `  | Typed<'${t}', ${ident(t)}.Options, ${custom ? `${ident(t)}.FieldConfig` : 'Record<string, never>'}>`),
  '  | RowPanel;',
  // @grafana/schema has no Prometheus query type: an annotation's target is checked as a DataQuery (refId,
  // datasource, hide) that may carry more fields (expr), and the Prometheus options Grafana reads from the
  // annotation itself (titleFormat, tagKeys) are not in its AnnotationQuery: both are unseen here, and
  // grafana-foundation-sdk checks them (a Prometheus query; its AnnotationQuery has those options)
  "type Annotation = AnnotationQuery<DataQuery & Record<string, unknown>> & Record<string, unknown>;",
  "type Checked = Omit<Dashboard, 'panels' | 'annotations'> & { panels: AnyPanel[]; annotations: { list: Annotation[] } };",
  // JSON has no TypeScript enums: a string enum accepts its values as strings ("absolute" for
  // ThresholdsMode.Absolute), everything else keeps its type, optional and required fields alike
  'type Json<T> = T extends string ? `${T}` : T extends number | boolean | null | undefined ? T',
  '  : T extends Array<infer U> ? Array<Json<U>> : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
].join('\n');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'grafana-schema-'));
fs.symlinkSync(path.resolve(modules, 'node_modules'), path.join(work, 'node_modules'));
const sources = files.map((f, i) => {
  const json = fs.readFileSync(f, 'utf8');
  JSON.parse(json); // not JSON at all: fail here, with the parser's message
  const file = path.join(work, `dashboard${i}.ts`);
  fs.writeFileSync(file, `${header}\nexport const dashboard: Json<Checked> = ${json};\n`);
  return { file, origin: f };
});
const program = ts.createProgram(sources.map((s) => s.file), {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  types: [],
});
let failed = 0;
for (const s of sources) {
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(s.file));
  for (const d of diagnostics) {
    const where = d.file ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    const at = d.file ? jsonPath(d.file, d.start) : '';
    console.log(`${s.origin}: ${at}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
      + ` (line ${where.line + 1})`);
  }
  console.log(`${s.origin}: ${diagnostics.length} errors (@grafana/schema ${schemaVersion}, typescript ${ts.version})`);
  if (diagnostics.length > 0) failed++;
}
fs.rmSync(work, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);

// The JSON path of the node at a position: panels[3].options.calculate
function jsonPath(file, position) {
  let node = findNode(file, position);
  const parts = [];
  while (node && node !== file) {
    const parent = node.parent;
    if (ts.isPropertyAssignment(parent) && parent.name === node) {
      // the name itself: the path is the object's
    } else if (ts.isPropertyAssignment(node)) {
      parts.unshift(node.name.text ?? node.name.getText(file));
    } else if (parent && ts.isArrayLiteralExpression(parent)) {
      parts.unshift(`[${parent.elements.indexOf(node)}]`);
    }
    node = parent;
  }
  return parts.join('.').replace(/\.\[/g, '[').replace(/^dashboard\.?/, '') || '(dashboard)';
}

function findNode(node, position) {
  for (const child of node.getChildren()) {
    if (child.getStart() <= position && position < child.getEnd()) return findNode(child, position);
  }
  return node;
}
