import { access } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { PlanError } from '../errors.js';
import { MAX_POST_BYTES, readRepoFile } from './files.js';
import { PARSE_RULE, problemsFromIssues, type LoadProblem } from './problems.js';
import {
  audiencesPlanSchema,
  configSchema,
  networksPlanSchema,
  objectivesPlanSchema,
  observancesPlanSchema,
  type AudiencesPlan,
  type Config,
  type NetworksPlan,
  type ObjectivesPlan,
  type ObservancesPlan,
} from './schemas/index.js';
import { LineIndex, pointRange, type SourceRange } from './source.js';
import { parseYaml, type YamlPath } from './yaml.js';

export const CONFIG_FILE = 'plan.config.yaml';
export const CONFIG_RULE = 'schema/config';
export const PLANS_RULE = 'schema/plans';

/** A configuration or plan file: its data when it passed its schema, and where each value was written. */
export interface PlanFile<T> {
  file: string;
  present: boolean;
  data?: T;
  lines?: LineIndex;
  problems: LoadProblem[];
  locate(path: YamlPath, part?: 'key' | 'value'): SourceRange;
}

export interface Project {
  root: string;
  config: PlanFile<Config>;
  networks: PlanFile<NetworksPlan>;
  audiences: PlanFile<AudiencesPlan>;
  objectives: PlanFile<ObjectivesPlan>;
  observances: PlanFile<ObservancesPlan>;
  /** The practice timezone (UTC while the config is broken, so the rest can still be checked). */
  timeZone: string;
}

/** The configuration and every plan file of a project, in a fixed order. */
export function planFilesOf(project: Project): PlanFile<unknown>[] {
  return [project.config, project.networks, project.audiences, project.objectives, project.observances];
}

export const PLAN_FILES = {
  networks: 'plans/networks.yaml',
  audiences: 'plans/audiences.yaml',
  objectives: 'plans/objectives.yaml',
  observances: 'plans/observances.yaml',
} as const;

/** The repository root: `dir` itself or the nearest parent holding plan.config.yaml. */
export async function findRoot(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (;;) {
    if (await exists(path.join(current, CONFIG_FILE))) return current;
    const parent = path.dirname(current);
    if (parent === current) {
      throw new PlanError(`no ${CONFIG_FILE} in ${path.resolve(dir)} or any folder above it: run "plan init" to start a content repository, or pass -C DIR`);
    }
    current = parent;
  }
}

export async function loadProject(root: string): Promise<Project> {
  const [config, networks, audiences, objectives, observances] = await Promise.all([
    loadPlanFile(root, CONFIG_FILE, configSchema, CONFIG_RULE),
    loadPlanFile(root, PLAN_FILES.networks, networksPlanSchema, PLANS_RULE),
    loadPlanFile(root, PLAN_FILES.audiences, audiencesPlanSchema, PLANS_RULE),
    loadPlanFile(root, PLAN_FILES.objectives, objectivesPlanSchema, PLANS_RULE),
    loadPlanFile(root, PLAN_FILES.observances, observancesPlanSchema, PLANS_RULE),
  ]);
  return { root, config, networks, audiences, objectives, observances, timeZone: config.data?.practice.timezone ?? 'UTC' };
}

async function loadPlanFile<S extends z.ZodType>(root: string, file: string, schema: S, rule: string): Promise<PlanFile<z.infer<S>>> {
  const planFile: PlanFile<z.infer<S>> = { file, present: false, problems: [], locate: () => pointRange(1) };
  if (!(await exists(path.join(root, file)))) return planFile;
  planFile.present = true;
  const read = readRepoFile(root, file, MAX_POST_BYTES, 'yaml');
  if (!read.ok) {
    planFile.problems.push({ rule: PARSE_RULE, message: `${file} ${read.message}`, range: pointRange(1) });
    return planFile;
  }
  const lines = new LineIndex(read.text);
  const yaml = parseYaml(read.text, lines);
  Object.assign(planFile, { lines, locate: yaml.locate });
  if (yaml.problems.length > 0) {
    planFile.problems.push(...yaml.problems.map((p) => ({ rule: PARSE_RULE, message: p.message, range: p.range })));
    return planFile;
  }
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success) planFile.data = result.data;
  else planFile.problems.push(...problemsFromIssues(result.error.issues, yaml, schema, rule));
  return planFile;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
