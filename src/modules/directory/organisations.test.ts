/**
 * Creating and changing organisations: every field, the link rules with their messages, unique
 * names, who may, and that a refusal changes nothing (rows, links, audit trail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../../kernel/audit/index.js';
import type { GlobalRole } from '../../kernel/policy.js';
import type { RequestScope } from '../../kernel/services.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createOrganisation, updateOrganisation } from './organisations.js';
import { findOrganisation, insertMissingOrganisationLinks } from './store.js';

let app: TestApp;
let admin: RequestScope;
const ids: Record<string, number> = {};

function scopeAs(id: number, roles: GlobalRole[], locale: 'ca' | 'es' | 'en' = 'ca'): RequestScope {
  return { services: app.services, actor: { id, name: `Persona ${id}`, roles }, locale, requestId: null, ip: null };
}

const db = () => app.services.database.db;

/** Everything a refusal must leave as it was: the organisations, the links, the audit trail. */
async function directoryState() {
  const organisations = await db().selectFrom('organisations').selectAll().orderBy('id').execute();
  const links = await db().selectFrom('organisation_links').select(['child_id', 'parent_id']).orderBy('child_id').orderBy('parent_id').execute();
  const audit = await db().selectFrom('audit_log').select('id').execute();
  return { organisations, links, audit: audit.length };
}

async function expectRefusal(attempt: () => Promise<unknown>, expected: Record<string, unknown>) {
  const before = await directoryState();
  await expect(attempt()).rejects.toMatchObject(expected);
  expect(await directoryState()).toEqual(before);
}

beforeAll(async () => {
  app = await createTestApp();
  const user = await app.createUser({ roles: ['admin'] });
  admin = scopeAs(user.id, ['admin']);
  const create = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await createOrganisation(admin, input)).id;
  };
  await create('AESCAT', { name: 'Associació Economia Social Catalunya', short_name: 'AESCAT', kind: 'entity', level: 4 });
  await create('CCC', { name: 'Confederació de Cooperatives de Catalunya', short_name: 'CCC', kind: 'entity', level: 3, member_of: [ids.AESCAT] });
  await create('FCTC', { name: 'Federació de Cooperatives de Treball de Catalunya', short_name: 'FCTC', kind: 'entity', level: 2, member_of: [ids.CCC] });
  await create('XES', { name: "Xarxa d'Economia Solidària de Catalunya", short_name: 'XES', kind: 'entity', level: 2, member_of: [ids.AESCAT] });
  await create('Coopolis', { name: 'Coòpolis – Ateneu Cooperatiu de Barcelona', short_name: 'Coòpolis', kind: 'entity', level: 1 });
  await create('Comissionat', { name: "Comissionat d'Economia Social", short_name: 'Comissionat ESS', kind: 'administration', families: ['public_administration'] });
});
afterAll(() => app?.close());

describe('createOrganisation', () => {
  it('stores every field and its member_of links, and audits what it created', async () => {
    const { id } = await createOrganisation(admin, {
      name: 'Coop57 SCCL',
      short_name: 'Coop57',
      kind: 'entity',
      level: '1',
      families: ['ethical_finance', 'cooperative', 'cooperative'],
      member_of: [String(ids.XES), ids.FCTC, ids.XES],
      representative_since: '2022-03-10',
      district: 'sant_marti',
      website: ' HTTPS://coop57.coop ',
      description: { ca: 'Serveis financers ètics.', es: '', en: 'Ethical financial services.' },
    });
    const stored = await findOrganisation(db(), id);
    expect(stored).toMatchObject({
      name: 'Coop57 SCCL',
      short_name: 'Coop57',
      kind: 'entity',
      level: 1,
      families: ['cooperative', 'ethical_finance'],
      member_of: [ids.FCTC, ids.XES].sort((a, b) => (a ?? 0) - (b ?? 0)),
      representative_since: '2022-03-10',
      district: 'sant_marti',
      website: 'https://coop57.coop',
      description: { ca: 'Serveis financers ètics.', en: 'Ethical financial services.' },
    });
    const [entry] = await searchAudit(db(), { action: 'directory.organisations.create', subjectType: 'organisation', subjectId: String(id) }, 5);
    expect(entry?.after).toMatchObject({ short_name: 'Coop57', level: 1, member_of: stored?.member_of });
    expect(entry?.actor_id).toBe(admin.actor?.id);
  });

  it('lets a council official keep the directory too', async () => {
    const official = await app.createUser({ roles: ['official'] });
    const { id } = await createOrganisation(scopeAs(official.id, ['official']), { name: 'Barcelona Activa – Direcció d\'Altres Economies', short_name: 'BA Altres Economies', kind: 'administration' });
    expect((await findOrganisation(db(), id))?.kind).toBe('administration');
  });

  it('refuses visitors and participants, changing nothing', async () => {
    const input = { name: 'Fundació Goteo', short_name: 'Goteo', kind: 'entity', level: 1 };
    await expectRefusal(() => createOrganisation({ ...admin, actor: null }, input), { code: 'unauthenticated' });
    const participant = await app.createUser();
    await expectRefusal(() => createOrganisation(scopeAs(participant.id, []), input), { code: 'forbidden' });
  });

  it('refuses a link to an equal or lower level, naming both organisations, and creates nothing', async () => {
    await expectRefusal(() => createOrganisation(admin, { name: 'Federació de Mutualitats de Catalunya', short_name: 'FMC', kind: 'entity', level: 2, member_of: [ids.XES, ids.CCC] }), {
      code: 'validation_failed',
      fields: {
        member_of:
          "Federació de Mutualitats de Catalunya (nivell 2) no pot ser membre de Xarxa d'Economia Solidària de Catalunya (nivell 2): una entitat només pot ser membre d'una altra de nivell superior.",
      },
    });
  });

  it('refuses council units on either side of a link', async () => {
    await expectRefusal(() => createOrganisation(admin, { name: 'Impuls Cooperatiu de Sants', short_name: 'ICS', kind: 'entity', level: 1, member_of: [ids.Comissionat] }), {
      code: 'validation_failed',
      fields: { member_of: expect.stringContaining("una unitat de l'Ajuntament no forma part de cap federació ni té entitats membres") },
    });
    await expectRefusal(() => createOrganisation(admin, { name: 'Districte de Sants', short_name: 'Districte Sants', kind: 'administration', member_of: [ids.AESCAT] }), {
      code: 'validation_failed',
      fields: { member_of: expect.stringContaining("Districte de Sants no pot ser membre d'Associació Economia Social Catalunya") },
    });
  });

  it('speaks the language of the request', async () => {
    const spanish = { ...admin, locale: 'es' as const };
    await expect(createOrganisation(spanish, { name: 'LabCoop SCCL', short_name: 'LabCoop', kind: 'entity', level: 1, member_of: [ids.Coopolis] })).rejects.toMatchObject({
      fields: { member_of: 'LabCoop SCCL (nivel 1) no puede ser miembro de Coòpolis – Ateneu Cooperatiu de Barcelona (nivel 1): una entidad solo puede ser miembro de otra de nivel superior.' },
    });
  });

  it('refuses a short name or a name already used, whatever the accents and capitals (409)', async () => {
    await expectRefusal(() => createOrganisation(admin, { name: 'Un altre ateneu', short_name: 'COOPOLIS', kind: 'entity', level: 1 }), {
      code: 'conflict',
      messageKey: 'directory.errors.short_name_taken',
      params: { short_name: 'COOPOLIS', name: 'Coòpolis – Ateneu Cooperatiu de Barcelona' },
    });
    await expectRefusal(() => createOrganisation(admin, { name: 'coopolis – ateneu cooperatiu de barcelona', short_name: 'Coòpolis BCN', kind: 'entity', level: 1 }), {
      code: 'conflict',
      messageKey: 'directory.errors.name_taken',
    });
  });

  it('takes a recognition date written as the messages show it (10/03/2022), for browsers without a date box', async () => {
    const { id } = await createOrganisation(admin, { name: 'Ateneu de Prova', short_name: 'ADP', kind: 'entity', level: 1, representative_since: ' 1/3/2022 ' });
    expect((await findOrganisation(db(), id))?.representative_since).toBe('2022-03-01');
    await expectRefusal(() => createOrganisation(admin, { name: 'Ateneu Dos', short_name: 'AD2', kind: 'entity', level: 1, representative_since: '31/02/2022' }), {
      code: 'validation_failed',
      fields: { representative_since: 'Escriu una data real, com 10/03/2022.' },
    });
  });

  it('refuses fields that break the rules, saying how to fix each', async () => {
    const entity = { name: 'La Ciutat Invisible SCCL', short_name: 'La Ciutat Invisible', kind: 'entity', level: 1 };
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ ...entity, level: null }, { level: "Tria el nivell de l'entitat." }],
      [{ ...entity, level: 5 }, { level: "Tria un nivell de l'1 al 4." }],
      [{ ...entity, kind: 'administration' }, { level: "Una unitat de l'Ajuntament no té nivell: treu-lo o tria que és una entitat." }],
      [{ ...entity, kind: 'administration', level: null, representative_since: '2022-01-01' }, { representative_since: expect.stringContaining('deixa la data en blanc') as unknown as string }],
      [{ ...entity, representative_since: '2999-01-01' }, { representative_since: 'La data del reconeixement no pot ser posterior a avui.' }],
      [{ ...entity, representative_since: '2023-02-30' }, { representative_since: 'Escriu una data real, com 10/03/2022.' }],
      [{ ...entity, representative_since: '0000-01-01' }, { representative_since: 'Escriu una data real, com 10/03/2022.' }],
      [{ ...entity, website: 'javascript:alert(1)' }, { website: "Escriu l'adreça completa del web, com https://exemple.cat" }],
      [{ ...entity, website: 'https://exemple cat' }, { website: "Escriu l'adreça completa del web, com https://exemple.cat" }],
      [{ ...entity, district: 'badalona' }, { district: 'Tria un districte de la llista.' }],
      [{ ...entity, families: ['pirates'] }, { 'families.0': 'Tria les famílies de la llista.' }],
      [{ ...entity, member_of: [999999] }, { member_of: "No hi ha cap organització amb l'identificador 999999." }],
      [{ ...entity, description: { ca: '', en: 'Only in English' } }, { 'description.ca': 'Escriu la descripció en català. Les traduccions són opcionals.' }],
      [{ ...entity, name: '   ' }, { name: "Escriu el nom de l'organització." }],
    ];
    for (const [input, fields] of cases) {
      await expectRefusal(() => createOrganisation(admin, input), { code: 'validation_failed', fields });
    }
  });
});

describe('updateOrganisation', () => {
  it('changes the fields given, keeps the others, and audits only what changed', async () => {
    const { id } = await createOrganisation(admin, { name: 'Celobert SCCL', short_name: 'Celobert', kind: 'entity', level: 1, member_of: [ids.FCTC], families: ['cooperative'] });
    const result = await updateOrganisation(admin, { id, member_of: [ids.XES], district: 'gracia' });
    expect(result).toEqual({ id, name: 'Celobert SCCL', changed: true });
    expect(await findOrganisation(db(), id)).toMatchObject({ name: 'Celobert SCCL', families: ['cooperative'], member_of: [ids.XES], district: 'gracia' });
    const [entry] = await searchAudit(db(), { action: 'directory.organisations.update', subjectId: String(id) }, 5);
    expect(entry?.before).toEqual({ member_of: [ids.FCTC], district: null });
    expect(entry?.after).toEqual({ member_of: [ids.XES], district: 'gracia' });
  });

  it('writes and audits nothing when nothing changes', async () => {
    const before = await directoryState();
    const stored = await findOrganisation(db(), ids.FCTC!);
    const result = await updateOrganisation(admin, { ...stored, id: ids.FCTC, description: null });
    expect(result.changed).toBe(false);
    expect(await directoryState()).toEqual(before);
  });

  it('refuses a level that its members would no longer sit below, on the level field', async () => {
    await expectRefusal(() => updateOrganisation(admin, { id: ids.CCC, level: 2 }), {
      code: 'validation_failed',
      fields: {
        level:
          "Federació de Cooperatives de Treball de Catalunya (nivell 2) no pot ser membre de Confederació de Cooperatives de Catalunya (nivell 2): una entitat només pot ser membre d'una altra de nivell superior.",
      },
    });
  });

  it('refuses a level that would reach its parents, even when the links are not sent', async () => {
    await expectRefusal(() => updateOrganisation(admin, { id: ids.FCTC, level: 3 }), {
      code: 'validation_failed',
      fields: { level: expect.stringContaining('Federació de Cooperatives de Treball de Catalunya (nivell 3) no pot ser membre de Confederació de Cooperatives de Catalunya (nivell 3)') },
    });
  });

  it('refuses making an organisation with links a council unit, on the kind field', async () => {
    await expectRefusal(() => updateOrganisation(admin, { id: ids.XES, kind: 'administration', level: null }), {
      code: 'validation_failed',
      fields: { kind: expect.stringContaining("Xarxa d'Economia Solidària de Catalunya no pot ser membre d'Associació Economia Social Catalunya") },
    });
  });

  it('refuses a link into its own members as a circle', async () => {
    // Links from before the rules (an old import) may already break the levels: a level-3
    // organisation registered under a level-1 one. Linking back would close a circle.
    const { id: platform } = await createOrganisation(admin, { name: 'Xarxa antiga', short_name: 'Xarxa antiga', kind: 'entity', level: 3 });
    await insertMissingOrganisationLinks(db(), [{ child_id: platform, parent_id: ids.Coopolis! }]);
    await expectRefusal(() => updateOrganisation(admin, { id: ids.Coopolis, member_of: [platform] }), {
      code: 'validation_failed',
      fields: {
        member_of:
          "Coòpolis – Ateneu Cooperatiu de Barcelona no pot ser membre de Xarxa antiga: Xarxa antiga ja forma part de Coòpolis – Ateneu Cooperatiu de Barcelona, directament o a través d'altres entitats, i els vincles no poden fer un cercle.",
      },
    });
  });

  it('refuses a link to itself', async () => {
    await expectRefusal(() => updateOrganisation(admin, { id: ids.CCC, member_of: [ids.CCC] }), {
      code: 'validation_failed',
      fields: { member_of: 'Confederació de Cooperatives de Catalunya no pot ser membre de si mateixa.' },
    });
  });

  it('refuses a name another organisation uses (409), but lets one keep its own', async () => {
    await expectRefusal(() => updateOrganisation(admin, { id: ids.XES, short_name: 'fctc' }), { code: 'conflict', messageKey: 'directory.errors.short_name_taken' });
    expect((await updateOrganisation(admin, { id: ids.XES, short_name: 'XES', website: 'https://xes.cat' })).changed).toBe(true);
  });

  it('answers 404 for an organisation that does not exist, and 403 to a participant', async () => {
    await expect(updateOrganisation(admin, { id: 999999, name: 'Ningú' })).rejects.toMatchObject({ code: 'not_found' });
    const participant = await app.createUser();
    await expectRefusal(() => updateOrganisation(scopeAs(participant.id, []), { id: ids.XES, name: 'Presa' }), { code: 'forbidden' });
  });

  it('moves a whole level with its links when the result holds', async () => {
    const { id: federation } = await createOrganisation(admin, { name: 'Federació nova', short_name: 'FN', kind: 'entity', level: 2, member_of: [ids.AESCAT] });
    const { id: member } = await createOrganisation(admin, { name: 'Cooperativa nova', short_name: 'CN', kind: 'entity', level: 1, member_of: [federation] });
    // Raising it to level 3 keeps its member below and its parent above.
    expect((await updateOrganisation(admin, { id: federation, level: 3 })).changed).toBe(true);
    expect(await findOrganisation(db(), federation)).toMatchObject({ level: 3, member_of: [ids.AESCAT] });
    expect((await findOrganisation(db(), member))?.member_of).toEqual([federation]);
  });
});
