#!/usr/bin/env node
// Reads the imports of src/ and checks that the stages import one way, with no import circles.
// Usage: node scripts/check-layers.mjs [--quiet]   (exit 1 on any import against the stages or any circle)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// Lowest first. A module imports from its own folder or from a lower stage; folders on one stage
// do not import each other.
export const STAGES = [
  ['errors.ts', 'util', 'http'],
  ['loading', 'github'],
  ['networks', 'phi'],
  ['rules'],
  ['audit'],
  ['preview', 'calendar', 'insights'],
  ['review'],
  ['publishing', 'scaffold'],
  ['formats'],
  ['cli'],
];

const stageOf = new Map(STAGES.flatMap((folders, index) => folders.map((folder) => [folder, index])));

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|import\(\s*[`'"](\.[^`'"]+)[`'"]/gm;

/** Relative imports of a file, as repository-relative .ts paths (dynamic imports with a template are read up to their first `${`). */
export function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = (match[1] ?? match[2] ?? match[3]).split('${')[0];
    const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
    found.push(path.relative(SRC, target));
  }
  return found;
}

const folderOf = (relative) => relative.split(path.sep)[0];

export function checkLayers() {
  const files = sourceFiles(SRC).map((f) => path.relative(SRC, f));
  const graph = new Map(files.map((f) => [f, importsOf(path.join(SRC, f)).filter((t) => files.includes(t) || !t.endsWith('.ts'))]));
  const against = [];
  const unknown = new Set();
  let edges = 0;
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    for (const target of targets) {
      edges++;
      const to = folderOf(target);
      if (!stageOf.has(from)) unknown.add(from);
      if (!stageOf.has(to)) unknown.add(to);
      if (from === to || !stageOf.has(from) || !stageOf.has(to)) continue;
      if (stageOf.get(to) >= stageOf.get(from)) against.push(`${file} → ${target}`);
    }
  }
  return { files: files.length, edges, against, unknown: [...unknown], circles: circlesOf(graph) };
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function circlesOf(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return circles;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, edges, against, unknown, circles } = checkLayers();
  console.log(`${files} modules, ${edges} relative imports: ${against.length} against the stages, ${circles.length} import circles`);
  if (!process.argv.includes('--quiet')) {
    for (const line of against) console.log(`  against the stages: ${line}`);
    for (const circle of circles) console.log(`  circle: ${circle.join(' ↔ ')}`);
  }
  if (unknown.length) console.log(`  folders with no stage: ${unknown.join(', ')}`);
  process.exitCode = against.length || circles.length || unknown.length ? 1 : 0;
}
