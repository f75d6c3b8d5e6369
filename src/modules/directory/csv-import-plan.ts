/**
 * What an import would do, worked out in memory from the file's rows and what the database holds
 * about the organisations they name — no query here. Each row is matched to an organisation (by
 * `external_id`, else by name, accents and capitals aside), merged with it (absent columns keep
 * their values), and checked whole: the fields' rules, unique names, and the member_of rules of
 * `rules.ts` on the directory as it would be after the import, links already there included.
 *
 * A row that fails takes nothing with it but itself — yet rows that need it (a member of a
 * federation whose row was refused) fail too, so the checks run again on the remaining rows
 * until no more fail.
 */
import { stableStringify } from '../../kernel/stable-json.js';
import type { CsvColumn } from './csv-export.js';
import { message, type Localized } from './csv-import-read.js';
import type { RowProblem, RowReading, RowValues } from './csv-import-rows.js';
import type { StoredOrganisation } from './csv-import-store.js';
import type { OrganisationColumns } from './store.js';
import { linkProblemMessage, memberOfProblems, type LinkCandidate } from './rules.js';
import { compactTranslatable, crossFieldProblems, orderedFamilies } from './schema.js';

/** What the database holds about the organisations a file names (see csv-import-store.ts). */
export interface ImportSnapshot {
  organisations: readonly StoredOrganisation[];
  links: ReadonlyArray<{ child: LinkCandidate; parent: LinkCandidate }>;
  /** `teixit_fold` of every name, short name and member_of entry of the file. */
  fold(value: string): string;
}

/** A field an update changes, by its name in the file. */
export type ChangedField = Exclude<CsvColumn, 'description_ca' | 'description_es' | 'description_en'> | 'description';

/** A row the import takes: what the organisation will be, and its member_of links as node ids. */
export interface PlannedRow {
  line: number;
  /** The organisation's id, or a negative placeholder for one the import creates. */
  nodeId: number;
  existing: StoredOrganisation | null;
  values: OrganisationColumns;
  /** The member_of links the row sets (node ids), or undefined when the file has no member_of column. */
  parents: number[] | undefined;
  changed: ChangedField[];
}

export interface RejectedRow {
  line: number;
  name: string;
  short_name: string;
  problems: RowProblem[];
}

export interface ImportPlan {
  created: PlannedRow[];
  updated: PlannedRow[];
  unchanged: PlannedRow[];
  rejected: RejectedRow[];
}

interface Candidate extends PlannedRow {
  row: RowValues;
  kindOrLevelChanged: boolean;
}

/** What two rows of one file may not share; the later one is refused. */
type Repeat = 'same_organisation' | 'same_external_id' | 'same_name' | 'same_short_name';

const problem = (column: CsvColumn | undefined, text: Localized): RowProblem => (column ? { column, text } : { text });

/** The organisation as the row would leave it: the row's columns over what is stored. */
function mergedValues(row: RowValues, existing: StoredOrganisation | null): OrganisationColumns {
  const f = row.fields;
  const pick = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
  const storedDescription = compactTranslatable(existing?.description) ?? {};
  const description = compactTranslatable({ ...storedDescription, ...row.description });
  return {
    name: row.name,
    short_name: row.short_name,
    kind: f.kind ?? existing?.kind ?? 'entity',
    level: pick(f.level, existing?.level ?? null),
    families: orderedFamilies(pick<string[] | undefined>(f.families, existing?.families) ?? []),
    representative_since: pick(f.representative_since, existing?.representative_since ?? null),
    district: pick<string | null | undefined>(f.district, existing?.district ?? null) ?? null,
    website: pick(f.website, existing?.website ?? null),
    description,
    external_id: row.external_id ?? existing?.external_id ?? null,
  };
}

/** Problems of the row on its own: the merged fields' rules, a Catalan description when another language has one. */
function fieldProblems(row: RowValues, values: OrganisationColumns, existing: StoredOrganisation | null): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const [field, key] of Object.entries(crossFieldProblems(values))) problems.push(problem(field as CsvColumn, message(key)));
  const texts = { ...(compactTranslatable(existing?.description) ?? {}), ...row.description };
  if (!values.description && ((texts.es ?? '').trim() !== '' || (texts.en ?? '').trim() !== '')) {
    problems.push(problem('description_ca', message('directory.form.errors.description_ca_required')));
  }
  return problems;
}

/** The stored organisation's columns, compared and written the way the import writes them. */
export function storedColumns(existing: StoredOrganisation): OrganisationColumns {
  return {
    name: existing.name,
    short_name: existing.short_name,
    kind: existing.kind,
    level: existing.level,
    families: orderedFamilies(existing.families),
    representative_since: existing.representative_since,
    district: existing.district,
    website: existing.website,
    description: compactTranslatable(existing.description),
    external_id: existing.external_id,
  };
}

function changedFields(values: OrganisationColumns, parents: number[] | undefined, existing: StoredOrganisation): ChangedField[] {
  const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);
  const changed: ChangedField[] = [];
  const stored = storedColumns(existing);
  for (const key of Object.keys(stored) as Array<keyof OrganisationColumns>) {
    if (!same(stored[key], values[key])) changed.push(key);
  }
  if (parents !== undefined && !same([...parents].sort((a, b) => a - b), [...existing.member_of].sort((a, b) => a - b))) changed.push('member_of');
  return changed;
}

/**
 * Works out the import of `readings` (every record of the file, in order) against `snapshot`.
 * Pure: the same file and snapshot always give the same plan.
 */
export function planImport(readings: readonly RowReading[], snapshot: ImportSnapshot): ImportPlan {
  const { fold } = snapshot;
  const byId = new Map(snapshot.organisations.map((o) => [o.id, o]));
  const byExternalId = new Map(snapshot.organisations.flatMap((o) => (o.external_id === null ? [] : [[o.external_id, o] as const])));
  const byName = new Map(snapshot.organisations.map((o) => [o.folded_name, o]));
  const byShortName = new Map(snapshot.organisations.map((o) => [o.folded_short_name, o]));

  const rejected = new Map<number, RejectedRow>();
  const reject = (index: number, row: { line: number; name: string; short_name: string }, problems: RowProblem[]) => {
    const entry = rejected.get(index) ?? { line: row.line, name: row.name, short_name: row.short_name, problems: [] };
    entry.problems.push(...problems);
    rejected.set(index, entry);
  };

  // Rows on their own: cells, matching, names, in-file repeats.
  const candidates = new Map<number, Candidate>();
  const firstLine: Record<Repeat, Map<string | number, number>> = {
    same_organisation: new Map(),
    same_external_id: new Map(),
    same_name: new Map(),
    same_short_name: new Map(),
  };
  readings.forEach((reading, index) => {
    const line = reading.ok ? reading.row.line : reading.line;
    const name = reading.ok ? reading.row.name : reading.name;
    const shortName = reading.ok ? reading.row.short_name : reading.short_name;
    const problems: RowProblem[] = reading.ok ? [] : [...reading.problems];
    const row = reading.ok ? reading.row : null;

    let existing: StoredOrganisation | null = null;
    if (row) {
      const external = row.external_id ? byExternalId.get(row.external_id) : undefined;
      const named = byName.get(fold(name));
      if (external) {
        existing = external;
        if (named && named.id !== external.id) problems.push(problem('name', message('directory_csv.rows.name_taken', { name: named.name })));
      } else if (named) {
        if (row.external_id && named.external_id !== null) {
          problems.push(problem('external_id', message('directory_csv.rows.name_has_other_external_id', { name: named.name, external_id: named.external_id })));
        } else {
          existing = named;
        }
      }
      const shortOwner = byShortName.get(fold(shortName));
      if (shortOwner && shortOwner.id !== existing?.id) {
        problems.push(problem('short_name', message('directory_csv.rows.short_name_taken', { short_name: shortName, name: shortOwner.name })));
      }
    }

    // A later row repeating an earlier one is refused; the first stands.
    const keys: Array<[Repeat, string | number | null | undefined]> = [
      ['same_organisation', existing?.id],
      ['same_external_id', row?.external_id],
      ['same_name', name === '' ? null : fold(name)],
      ['same_short_name', shortName === '' ? null : fold(shortName)],
    ];
    const repeated = keys.find(([repeat, key]) => key != null && firstLine[repeat].has(key));
    if (repeated) problems.push(problem(undefined, message(`directory_csv.rows.${repeated[0]}`, { line: firstLine[repeated[0]].get(repeated[1] as string | number) ?? 0 })));
    for (const [repeat, key] of keys) if (key != null && !firstLine[repeat].has(key)) firstLine[repeat].set(key, line);

    if (row) {
      const values = mergedValues(row, existing);
      problems.push(...fieldProblems(row, values, existing));
      const kindOrLevelChanged = existing !== null && (existing.kind !== values.kind || existing.level !== values.level);
      if (problems.length === 0) {
        const nodeId = existing?.id ?? -(index + 1);
        candidates.set(index, { line, nodeId, existing, values, parents: undefined, changed: [], row, kindOrLevelChanged });
      }
    }
    if (problems.length > 0) reject(index, { line, name, short_name: shortName }, problems);
  });

  // The links, on the directory as the remaining rows would leave it; again until no row fails.
  for (;;) {
    const failed = checkLinks(candidates, readings, rejected, snapshot, byId, byShortName);
    if (failed.size === 0) break;
    for (const [index, problems] of failed) {
      const candidate = candidates.get(index);
      if (!candidate) continue;
      reject(index, { line: candidate.line, name: candidate.values.name, short_name: candidate.values.short_name }, problems);
      candidates.delete(index);
    }
  }

  const plan: ImportPlan = { created: [], updated: [], unchanged: [], rejected: [...rejected.values()].sort((a, b) => a.line - b.line) };
  for (const candidate of candidates.values()) {
    const { row: _row, kindOrLevelChanged: _changed, ...planned } = candidate;
    if (!candidate.existing) plan.created.push(planned);
    else {
      planned.changed = changedFields(candidate.values, candidate.parents, candidate.existing);
      (planned.changed.length > 0 ? plan.updated : plan.unchanged).push(planned);
    }
  }
  return plan;
}

/**
 * The link problems of the candidates as they stand, by row index (empty when none): member_of
 * entries that name no organisation, or one whose row failed; links the rules refuse (upward
 * only, no council units, no circles); and links already stored that a new kind or level breaks.
 * Sets each candidate's `parents`.
 */
function checkLinks(
  candidates: Map<number, Candidate>,
  readings: readonly RowReading[],
  rejected: Map<number, RejectedRow>,
  snapshot: ImportSnapshot,
  byId: Map<number, StoredOrganisation>,
  byShortName: Map<string, StoredOrganisation>,
): Map<number, RowProblem[]> {
  const { fold } = snapshot;
  const failed = new Map<number, RowProblem[]>();
  const fail = (index: number, p: RowProblem) => {
    const list = failed.get(index);
    if (list) list.push(p);
    else failed.set(index, [p]);
  };

  // Every organisation as it would be: rows' values over stored ones.
  const nodes = new Map<number, LinkCandidate>();
  for (const { child, parent } of snapshot.links) {
    nodes.set(child.id, child);
    nodes.set(parent.id, parent);
  }
  for (const o of byId.values()) nodes.set(o.id, o);
  const rowOfNode = new Map<number, [number, Candidate]>();
  for (const [index, c] of candidates) {
    nodes.set(c.nodeId, { id: c.nodeId, name: c.values.name, short_name: c.values.short_name, kind: c.values.kind, level: c.values.level });
    rowOfNode.set(c.nodeId, [index, c]);
  }

  // Short names as member_of names them: the rows' first, then the stored ones no row renames.
  const byShort = new Map<string, number>();
  for (const o of byShortName.values()) if (!rowOfNode.has(o.id)) byShort.set(o.folded_short_name, o.id);
  for (const c of candidates.values()) byShort.set(fold(c.values.short_name), c.nodeId);
  const failedLineOf = new Map<string, number>();
  for (const [index, entry] of rejected) {
    const reading = readings[index];
    const short = reading ? (reading.ok ? reading.row.short_name : reading.short_name) : '';
    if (short !== '' && !failedLineOf.has(fold(short))) failedLineOf.set(fold(short), entry.line);
  }

  for (const [index, c] of candidates) {
    if (c.row.member_of === undefined) continue;
    c.parents = [];
    for (const short of c.row.member_of) {
      const id = byShort.get(fold(short));
      if (id !== undefined) c.parents.push(id);
      else if (failedLineOf.has(fold(short))) fail(index, problem('member_of', message('directory_csv.rows.parent_rejected', { short_name: short, line: failedLineOf.get(fold(short)) ?? 0 })));
      else fail(index, problem('member_of', message('directory_csv.rows.parent_unknown', { short_name: short })));
    }
  }

  // The links after the import: the stored ones, less those of rows that set their own, plus the rows'.
  const edges: Array<{ child: number; parent: number; stored: boolean }> = [];
  const seen = new Set<string>();
  for (const { child, parent } of snapshot.links) {
    const key = `${child.id}>${parent.id}`;
    if (seen.has(key) || rowOfNode.get(child.id)?.[1].parents !== undefined) continue;
    seen.add(key);
    edges.push({ child: child.id, parent: parent.id, stored: true });
  }
  for (const c of candidates.values()) for (const parent of c.parents ?? []) edges.push({ child: c.nodeId, parent, stored: false });
  const membersOf = new Map<number, number[]>();
  for (const e of edges) {
    const members = membersOf.get(e.parent);
    if (members) members.push(e.child);
    else membersOf.set(e.parent, [e.child]);
  }
  const descendantsOf = (id: number): Set<number> => {
    const found = new Set<number>();
    const pending = [...(membersOf.get(id) ?? [])];
    while (pending.length > 0) {
      const next = pending.pop() as number;
      if (found.has(next)) continue;
      found.add(next);
      pending.push(...(membersOf.get(next) ?? []));
    }
    return found;
  };
  const nodeOf = (id: number) => nodes.get(id) as LinkCandidate;

  for (const [index, c] of candidates) {
    if (!c.parents || c.parents.length === 0) continue;
    const child = nodeOf(c.nodeId);
    const problems = memberOfProblems({ id: c.nodeId, kind: child.kind, level: child.level }, c.parents.map(nodeOf), descendantsOf(c.nodeId));
    for (const p of problems) fail(index, problem('member_of', (locale) => linkProblemMessage(locale, child, p.parent, p.reason)));
  }

  // Stored links kept as they are, whose ends a row moves to another kind or level.
  for (const e of edges) {
    if (!e.stored) continue;
    const changedEnds = [rowOfNode.get(e.child), rowOfNode.get(e.parent)].filter((end): end is [number, Candidate] => end !== undefined && end[1].kindOrLevelChanged);
    if (changedEnds.length === 0) continue;
    const child = nodeOf(e.child);
    const parent = nodeOf(e.parent);
    for (const p of memberOfProblems({ id: child.id, kind: child.kind, level: child.level }, [parent], new Set())) {
      for (const [index, c] of changedEnds) {
        const column: CsvColumn = c.existing && c.existing.kind !== c.values.kind ? 'kind' : 'level';
        fail(index, problem(column, (locale) => linkProblemMessage(locale, child, parent, p.reason)));
      }
    }
  }
  return failed;
}
