import type { SeveritySetting } from '../loading/schemas/index.js';
import type { Config } from '../loading/schemas/index.js';
import { globToRegExp } from './glob.js';

type Settings = Record<string, SeveritySetting>;

/** Resolves a rule's severity for a file: its default, then `rules:`, then each matching override in order. */
export class SeverityResolver {
  private readonly base: Settings;
  private readonly overrides: { patterns: RegExp[]; rules: Settings }[];

  constructor(
    private readonly defaults: ReadonlyMap<string, SeveritySetting>,
    config: Config | undefined,
  ) {
    this.base = config?.rules ?? {};
    this.overrides = (config?.overrides ?? []).map((o) => ({ patterns: o.files.map(globToRegExp), rules: o.rules }));
  }

  /** The overrides whose globs match each file, looked up once per file. */
  private readonly matching = new Map<string, Settings[]>();

  private readonly baseSettings = new Map<string, SeveritySetting>();

  resolve(rule: string, file: string): SeveritySetting {
    let setting = this.baseSettings.get(rule);
    if (setting === undefined) {
      setting = pick(this.base, rule) ?? this.defaults.get(rule) ?? 'error';
      this.baseSettings.set(rule, setting);
    }
    for (const rules of this.overridesFor(file)) setting = pick(rules, rule) ?? setting;
    return setting;
  }

  private overridesFor(file: string): Settings[] {
    let found = this.matching.get(file);
    if (!found) {
      found = this.overrides.filter((override) => override.patterns.some((p) => p.test(file))).map((override) => override.rules);
      this.matching.set(file, found);
    }
    return found;
  }
}

/** A setting for the rule itself wins over one for its family (`phi/*`). */
function pick(settings: Settings, rule: string): SeveritySetting | undefined {
  return settings[rule] ?? settings[`${rule.split('/')[0]}/*`];
}
