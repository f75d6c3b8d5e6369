/** The rules of member_of links: upward only, no council units, no circles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test-database.js';
import { insertMissingOrganisationLinks, insertMissingOrganisations } from './store.js';
import { levelChangeMessage, levelChangeProblems, linkProblemMessage, loadDescendantIds, memberOfProblems, type LinkCandidate } from './rules.js';

const org = (id: number, short_name: string, level: 1 | 2 | 3 | 4 | null): LinkCandidate => ({
  id,
  short_name,
  name: `${short_name} (nom complet)`,
  kind: level === null ? 'administration' : 'entity',
  level,
});

const aescat = org(1, 'AESCAT', 4);
const ccc = org(2, 'CCC', 3);
const fctc = org(3, 'FCTC', 2);
const xes = org(4, 'XES', 2);
const coopolis = org(5, 'Coòpolis', 1);
const comissionat = org(6, 'Comissionat ESS', null);

describe('memberOfProblems', () => {
  it('accepts parents of any strictly higher level', () => {
    expect(memberOfProblems({ id: null, kind: 'entity', level: 1 }, [fctc, xes, ccc, aescat], new Set())).toEqual([]);
    expect(memberOfProblems({ id: 3, kind: 'entity', level: 2 }, [ccc], new Set([5]))).toEqual([]);
  });

  it('refuses a parent of the same or a lower level', () => {
    expect(memberOfProblems({ id: 3, kind: 'entity', level: 2 }, [xes, coopolis, ccc], new Set())).toEqual([
      { parent: xes, reason: 'not_higher' },
      { parent: coopolis, reason: 'not_higher' },
    ]);
  });

  it('refuses a link to itself', () => {
    expect(memberOfProblems({ id: 3, kind: 'entity', level: 2 }, [fctc], new Set())).toEqual([{ parent: fctc, reason: 'self' }]);
  });

  it('refuses council units on either side of a link', () => {
    expect(memberOfProblems({ id: null, kind: 'entity', level: 1 }, [comissionat], new Set())).toEqual([{ parent: comissionat, reason: 'administration' }]);
    expect(memberOfProblems({ id: 6, kind: 'administration', level: null }, [aescat], new Set())).toEqual([{ parent: aescat, reason: 'administration' }]);
  });

  it('refuses a link into the child’s own descendants as a cycle, even where levels would allow it', () => {
    // Levels alone would let a level-1 organisation sit under this level-2 one; the descendant
    // set says the level-2 one already hangs below it (data from before the rules, or an import).
    expect(memberOfProblems({ id: 5, kind: 'entity', level: 1 }, [fctc], new Set([3]))).toEqual([{ parent: fctc, reason: 'cycle' }]);
  });

  it('treats a new organisation (no id yet) as linked to nothing', () => {
    expect(memberOfProblems({ id: null, kind: 'entity', level: 2 }, [ccc], new Set())).toEqual([]);
  });
});

describe('levelChangeProblems', () => {
  it('finds nothing while parents stay higher and members lower', () => {
    expect(levelChangeProblems({ id: 3, kind: 'entity', level: 2 }, [ccc, aescat], [coopolis])).toEqual([]);
  });

  it('names the parents a higher level would reach and the members a lower level would', () => {
    expect(levelChangeProblems({ id: 3, kind: 'entity', level: 3 }, [ccc, aescat], [coopolis])).toEqual([{ relation: 'parent', other: ccc, reason: 'not_higher' }]);
    expect(levelChangeProblems({ id: 3, kind: 'entity', level: 1 }, [ccc], [coopolis])).toEqual([{ relation: 'member', other: coopolis, reason: 'not_higher' }]);
  });

  it('refuses turning an organisation with links into a council unit', () => {
    expect(levelChangeProblems({ id: 3, kind: 'administration', level: null }, [ccc], [coopolis])).toEqual([
      { relation: 'parent', other: ccc, reason: 'administration' },
      { relation: 'member', other: coopolis, reason: 'administration' },
    ]);
  });
});

describe('messages', () => {
  it('name both organisations and their levels, in each language', () => {
    expect(linkProblemMessage('ca', coopolis, xes, 'not_higher')).toBe(
      "Coòpolis (nom complet) (nivell 1) no pot ser membre de XES (nom complet) (nivell 2): una entitat només pot ser membre d'una altra de nivell superior.",
    );
    expect(linkProblemMessage('es', fctc, coopolis, 'not_higher')).toBe(
      'FCTC (nom complet) (nivel 2) no puede ser miembro de Coòpolis (nom complet) (nivel 1): una entidad solo puede ser miembro de otra de nivel superior.',
    );
    expect(linkProblemMessage('en', coopolis, comissionat, 'administration')).toContain('Comissionat ESS (nom complet)');
    expect(linkProblemMessage('en', fctc, coopolis, 'cycle')).toBe(
      'FCTC (nom complet) cannot be a member of Coòpolis (nom complet): Coòpolis (nom complet) already belongs to FCTC (nom complet), directly or through other organisations, and links cannot go round in a circle.',
    );
  });

  it('say which link a level change breaks, from the organisation’s new level', () => {
    const changed = { ...fctc, level: 1 as const };
    const [problem] = levelChangeProblems(changed, [], [coopolis]);
    expect(problem).toBeDefined();
    expect(levelChangeMessage('ca', changed, problem!)).toBe(
      "Coòpolis (nom complet) (nivell 1) no pot ser membre de FCTC (nom complet) (nivell 1): una entitat només pot ser membre d'una altra de nivell superior.",
    );
  });
});

describe('loadDescendantIds', () => {
  let database: TestDatabase;
  let ids: Map<string, number>;
  const id = (shortName: string) => ids.get(shortName) ?? -1;

  beforeAll(async () => {
    database = await createTestDatabase();
    const entity = (short_name: string, level: 1 | 2 | 3 | 4) => ({ name: short_name, short_name, kind: 'entity' as const, level, families: [], representative_since: null });
    ids = await insertMissingOrganisations(database.db, [entity('AESCAT', 4), entity('CCC', 3), entity('FCTC', 2), entity('XES', 2), entity('Celobert', 1), entity('Coop57', 1), entity('Goteo', 1)]);
    await insertMissingOrganisationLinks(database.db, [
      { child_id: id('CCC'), parent_id: id('AESCAT') },
      { child_id: id('FCTC'), parent_id: id('CCC') },
      { child_id: id('XES'), parent_id: id('AESCAT') },
      { child_id: id('Celobert'), parent_id: id('FCTC') },
      { child_id: id('Celobert'), parent_id: id('XES') },
      { child_id: id('Coop57'), parent_id: id('XES') },
    ]);
  });
  afterAll(() => database?.drop());

  it('finds every organisation below, through every path, once', async () => {
    expect(await loadDescendantIds(database.db, id('AESCAT'))).toEqual(new Set([id('CCC'), id('FCTC'), id('XES'), id('Celobert'), id('Coop57')]));
    expect(await loadDescendantIds(database.db, id('XES'))).toEqual(new Set([id('Celobert'), id('Coop57')]));
  });

  it('finds nothing below an organisation without members', async () => {
    expect(await loadDescendantIds(database.db, id('Goteo'))).toEqual(new Set());
  });

  it('ends even when links already go round in a circle', async () => {
    await insertMissingOrganisationLinks(database.db, [{ child_id: id('AESCAT'), parent_id: id('Coop57') }]);
    const below = await loadDescendantIds(database.db, id('XES'));
    expect(below).toEqual(new Set([id('Celobert'), id('Coop57'), id('AESCAT'), id('CCC'), id('FCTC'), id('XES')]));
  });
});
