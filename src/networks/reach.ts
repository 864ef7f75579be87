import type { AudiencesPlan, NetworkId } from '../loading/schemas/index.js';
import { BUILT_IN_REACH, GROUP_LABELS, REACH_SOURCES, type ReachDimension } from './reach-table.js';

/** What a segment says about who it is (plans/audiences.yaml). */
export type SegmentGroups = Partial<Record<ReachDimension, string>>;

/** A figure of a reach table, with where it came from. */
export interface ReachEntry {
  dimension: ReachDimension;
  group: string;
  percent: Partial<Record<string, number>>;
  /** How a finding names the source, e.g. "Pew Research Center, 2021". */
  source: string;
  /** Orders sources: the newest figure wins. */
  year: number;
}

/** The figure used for one segment on one network. */
export interface Reach {
  percent: number;
  /** The table group the figure is for, e.g. "adults 65 and older". */
  group: string;
  source: string;
}

export interface ReachTable {
  /** "the built-in table" or "the reach table in plans/audiences.yaml". */
  name: string;
  entries: readonly ReachEntry[];
}

const DIMENSIONS: readonly ReachDimension[] = ['age', 'income', 'education'];

export const BUILT_IN_TABLE: ReachTable = {
  name: 'the built-in reach table',
  entries: BUILT_IN_REACH.map((row) => {
    const source = REACH_SOURCES[row.source];
    return { ...row, source: source.provisional ? `${source.name}, provisional figure` : source.name, year: source.year };
  }),
};

/** The practice's own table when plans/audiences.yaml has `reach:`, which replaces the built-in one whole. */
export function reachTableFor(plan: AudiencesPlan | undefined): ReachTable {
  const own = plan?.reach;
  if (!own) return BUILT_IN_TABLE;
  const source = `plans/audiences.yaml: ${own.source}`;
  const entries = DIMENSIONS.flatMap((dimension) =>
    Object.entries(own[dimension] ?? {}).map(([group, percent]) => ({ dimension, group, percent, source, year: 0 })),
  );
  return { name: 'the reach table in plans/audiences.yaml', entries };
}

/**
 * The share of a segment that uses a network: from the table group that is the segment's or holds
 * it ("70+" takes the "65+" figure), the newest source first. A segment described in more than one
 * way (age and income) takes the lowest of its figures. Undefined when the table has no figure.
 */
export function reachOf(table: ReachTable, segment: SegmentGroups, network: NetworkId): Reach | undefined {
  const found = DIMENSIONS.flatMap((dimension) => {
    const value = segment[dimension];
    const entry = value === undefined ? undefined : bestEntry(table, dimension, value, network);
    return entry ? [{ percent: entry.percent[network]!, group: groupLabel(dimension, entry.group), source: entry.source }] : [];
  });
  return found.sort((a, b) => a.percent - b.percent)[0];
}

function bestEntry(table: ReachTable, dimension: ReachDimension, value: string, network: NetworkId): ReachEntry | undefined {
  const candidates = table.entries.filter(
    (entry) => entry.dimension === dimension && entry.percent[network] !== undefined && holds(dimension, entry.group, value),
  );
  const exactFirst = (entry: ReachEntry) => (entry.group === value ? 1 : 0);
  return candidates.sort((a, b) => b.year - a.year || exactFirst(b) - exactFirst(a))[0];
}

export function groupLabel(dimension: ReachDimension, group: string): string {
  const labels = GROUP_LABELS[dimension];
  if (Object.hasOwn(labels, group)) return labels[group]!;
  return { age: `adults aged ${group}`, income: `adults with a household income of ${group}`, education: `adults with education "${group}"` }[dimension];
}

interface Span {
  from: number;
  to: number;
}

/** Whether the table group `group` includes everyone of the segment's `value`. */
function holds(dimension: ReachDimension, group: string, value: string): boolean {
  if (group === value) return true;
  const outer = spanOf(dimension, group);
  const inner = spanOf(dimension, value);
  return outer !== undefined && inner !== undefined && outer.from <= inner.from && inner.to <= outer.to;
}

/** Ages in years ("30-49", "65+"); incomes in thousands ("<30k", "30-75k", ">75k", "100k+"). */
function spanOf(dimension: ReachDimension, text: string): Span | undefined {
  if (dimension === 'age') return ageSpan(text);
  if (dimension === 'income') return incomeSpan(text);
  return undefined;
}

function ageSpan(text: string): Span | undefined {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { from: Number(range[1]), to: Number(range[2]) + 1 };
  const open = /^(\d+)\+$/.exec(text);
  return open ? { from: Number(open[1]), to: Infinity } : undefined;
}

function incomeSpan(text: string): Span | undefined {
  const under = /^<(\d+)k$/.exec(text);
  if (under) return { from: 0, to: Number(under[1]) };
  const over = /^(?:>(\d+)k|(\d+)k\+)$/.exec(text);
  if (over) return { from: Number(over[1] ?? over[2]), to: Infinity };
  const range = /^(\d+)k?-(\d+)k$/.exec(text);
  return range ? { from: Number(range[1]), to: Number(range[2]) } : undefined;
}

/** The networks with a figure for the segment, the widest reach first. */
export function rankNetworks(table: ReachTable, segment: SegmentGroups, networks: readonly NetworkId[]): { network: NetworkId; reach: Reach }[] {
  return networks
    .flatMap((network) => {
      const reach = reachOf(table, segment, network);
      return reach ? [{ network, reach }] : [];
    })
    .sort((a, b) => b.reach.percent - a.reach.percent);
}
