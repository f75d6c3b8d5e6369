/**
 * The directory's part of the demo space: every organisation of `src/seed/data/organisations.csv`
 * (real names of Barcelona's social and solidarity economy) with its level, sector families,
 * member_of links and representative recognition. Idempotent: what exists is left as it is.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { DemoContext } from '../../kernel/http/module.js';
import type { Services } from '../../kernel/services.js';
import { insertMissingOrganisationLinks, insertMissingOrganisations, type NewOrganisation } from './store.js';
import type { OrganisationLevel } from './tables.js';

const SEED_FILE = new URL('../../seed/data/organisations.csv', import.meta.url);

/**
 * The day the demo's representative entities were recognised. The CSV only says "yes"; a
 * recognition is dated, so the demo gives them all one (fictitious) day.
 */
export const DEMO_RECOGNITION_DATE = '2022-03-10';

export interface SeedOrganisation extends NewOrganisation {
  /** Short names of the organisations it is a member of. */
  member_of: string[];
}

const COLUMNS = ['name', 'short_name', 'kind', 'level', 'families', 'member_of', 'representative'] as const;
type CsvRecord = Record<(typeof COLUMNS)[number], string>;

const list = (cell: string): string[] => cell.split(';').map((s) => s.trim()).filter((s) => s !== '');

/**
 * Reads the organisations CSV (`name,short_name,kind,level,families,member_of,representative`;
 * lists separated by `;`, member_of by short name). Throws naming the line of the first row that
 * breaks a rule: unknown kind, a level on a council unit or none on an entity, a member_of that
 * is not in the file or not of a higher level.
 */
export function parseOrganisationsCsv(text: string, recognisedOn = DEMO_RECOGNITION_DATE): SeedOrganisation[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as CsvRecord[];
  const problem = (index: number, message: string) => new Error(`organisations CSV, line ${index + 2}: ${message}`);
  const organisations = records.map((r, index): SeedOrganisation => {
    for (const column of COLUMNS) if (typeof r[column] !== 'string') throw problem(index, `column "${column}" is missing`);
    if (r.kind !== 'administration' && r.kind !== 'entity') throw problem(index, `kind must be administration or entity, not "${r.kind}"`);
    if (r.name === '' || r.short_name === '') throw problem(index, 'name and short_name are required');
    let level: OrganisationLevel | null = null;
    if (r.kind === 'entity') {
      const n = Number(r.level);
      if (![1, 2, 3, 4].includes(n)) throw problem(index, `an entity's level is 1, 2, 3 or 4, not "${r.level}"`);
      level = n as OrganisationLevel;
    } else if (r.level !== '') {
      throw problem(index, 'a council unit (administration) has no level');
    }
    if (r.representative !== '' && r.representative !== 'yes') throw problem(index, `representative is "yes" or empty, not "${r.representative}"`);
    return {
      name: r.name,
      short_name: r.short_name,
      kind: r.kind,
      level,
      families: list(r.families),
      member_of: list(r.member_of),
      representative_since: r.representative === 'yes' ? recognisedOn : null,
    };
  });
  const byShortName = new Map<string, SeedOrganisation>();
  organisations.forEach((o, index) => {
    if (byShortName.has(o.short_name)) throw problem(index, `short_name "${o.short_name}" appears twice`);
    byShortName.set(o.short_name, o);
  });
  organisations.forEach((o, index) => {
    for (const parentName of o.member_of) {
      const parent = byShortName.get(parentName);
      if (!parent) throw problem(index, `member_of "${parentName}" is not an organisation of the file`);
      if (o.level === null || parent.level === null || parent.level <= o.level) {
        throw problem(index, `${o.short_name} cannot be a member of ${parentName}: member_of goes to a higher level`);
      }
    }
  });
  return organisations;
}

/** Loads the directory's demo organisations; records `org:<short name>` ids for later seeds. */
export async function seedDirectoryDemo(services: Services, demo: DemoContext): Promise<void> {
  const organisations = parseOrganisationsCsv(await readFile(SEED_FILE, 'utf8'));
  const ids = await services.database.db.transaction().execute(async (trx) => {
    const ids = await insertMissingOrganisations(trx, organisations);
    const idOf = (shortName: string): number => {
      const id = ids.get(shortName);
      if (id === undefined) throw new Error(`The organisation ${shortName} was neither inserted nor found.`);
      return id;
    };
    const links = organisations.flatMap((o) => o.member_of.map((parent) => ({ child_id: idOf(o.short_name), parent_id: idOf(parent) })));
    await insertMissingOrganisationLinks(trx, links);
    return ids;
  });
  for (const [shortName, id] of ids) demo.ids.set(`org:${shortName}`, id);
}
