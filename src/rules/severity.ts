import type { SeveritySetting } from '../loading/schemas/index.js';
import type { Config } from '../loading/schemas/index.js';
import { globToRegExp } from './glob.js';

type Settings = Record<string, SeveritySetting>;

/** The overrides that match a set of files, and what each rule resolves to under them. */
interface OverrideGroup {
  overrides: Settings[];
  resolved: Map<string, SeveritySetting>;
}

/** Resolves a rule's severity for a file: its default, then `rules:`, then each matching override in order. */
export class SeverityResolver {
  private readonly base: Settings;
  private readonly overrides: { patterns: RegExp[]; rules: Settings }[];
  /** Files matching the same overrides share one group, so a rule resolves once per group, not per file. */
  private readonly groups = new Map<string, OverrideGroup>();
  private readonly groupOfFile = new Map<string, OverrideGroup>();

  constructor(
    private readonly defaults: ReadonlyMap<string, SeveritySetting>,
    config: Config | undefined,
  ) {
    this.base = config?.rules ?? {};
    this.overrides = (config?.overrides ?? []).map((o) => ({ patterns: o.files.map(globToRegExp), rules: o.rules }));
  }

  resolve(rule: string, file: string): SeveritySetting {
    const group = this.groupFor(file);
    let setting = group.resolved.get(rule);
    if (setting === undefined) {
      setting = pick(this.base, rule) ?? this.defaults.get(rule) ?? 'error';
      for (const rules of group.overrides) setting = pick(rules, rule) ?? setting;
      group.resolved.set(rule, setting);
    }
    return setting;
  }

  private groupFor(file: string): OverrideGroup {
    let group = this.groupOfFile.get(file);
    if (!group) {
      const matching = this.overrides.flatMap((override, index) => (override.patterns.some((p) => p.test(file)) ? [index] : []));
      const key = matching.join(',');
      group = this.groups.get(key);
      if (!group) {
        group = { overrides: matching.map((index) => this.overrides[index]!.rules), resolved: new Map() };
        this.groups.set(key, group);
      }
      this.groupOfFile.set(file, group);
    }
    return group;
  }
}

/** A setting for the rule itself wins over one for its family (`phi/*`). */
function pick(settings: Settings, rule: string): SeveritySetting | undefined {
  return settings[rule] ?? settings[`${rule.split('/')[0]}/*`];
}
