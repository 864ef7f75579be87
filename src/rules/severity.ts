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

  private readonly resolved = new Map<string, SeveritySetting>();

  resolve(rule: string, file: string): SeveritySetting {
    const key = `${rule}\0${file}`;
    let setting = this.resolved.get(key);
    if (setting === undefined) {
      setting = this.compute(rule, file);
      this.resolved.set(key, setting);
    }
    return setting;
  }

  private compute(rule: string, file: string): SeveritySetting {
    let setting = pick(this.base, rule) ?? this.defaults.get(rule) ?? 'error';
    for (const override of this.overrides) {
      if (override.patterns.some((p) => p.test(file))) setting = pick(override.rules, rule) ?? setting;
    }
    return setting;
  }
}

/** A setting for the rule itself wins over one for its family (`phi/*`). */
function pick(settings: Settings, rule: string): SeveritySetting | undefined {
  return settings[rule] ?? settings[`${rule.split('/')[0]}/*`];
}
