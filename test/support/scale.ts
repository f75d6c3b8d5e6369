/**
 * A space at the size issue 3 measures: thousands of organisations in a three-level federation
 * tree, tens of thousands of people, the two standing bodies and dozens of working groups in
 * every state, with mandates, reports, decisions and join requests. Written with set-based SQL
 * (`generate_series`, a dozen statements in one transaction), so 5,000 organisations and 20,000
 * people take seconds on PGlite, not minutes. Works on a fresh test database and on one that
 * already holds the demo space (every name, slug and e-mail it adds is its own).
 *
 * The same function at a small size gives a database with the same shapes (every kind of row,
 * every state), which is what the query-count tests compare the large one with.
 *
 * @example
 * const scale = await loadScale(app.services.database.db, { organisations: 5000, people: 20000, bodies: 50 });
 * await agent.get(`/ca/organisations/${scale.sample.organisationId}`);
 */
import { sql } from 'kysely';
import type { Queryable } from '../../src/db/types.js';

export interface ScaleSize {
  /** Organisations: a few council units, 1 % confederations, 9 % federations, the rest level 1. */
  organisations: number;
  /** People (accounts, active, all with one dummy password hash nobody can sign in with). */
  people: number;
  /** Bodies in all, counting the plenary and the steering group: the rest are working groups. */
  bodies: number;
}

export interface ScaleResult {
  organisations: number;
  representative: number;
  people: number;
  workingGroups: number;
  mandates: number;
  reports: number;
  joinRequests: number;
  /** Rows of each kind the pages under test show, present at any size. */
  sample: {
    /** A representative federation: it has a confederation above, members below and delegates. */
    organisationId: number;
    /** An active, open working group with members, reports and pending join requests. */
    groupSlug: string;
    groupId: number;
    plenaryId: number;
    /** A held plenary meeting: 40 agenda items, 200 attendees and 30 agreements at the large size (4, 20 and 3 at the small). */
    meetingId: number;
  };
  /** Agreements in the register (meetings of the plenary and the working groups). */
  agreements: number;
}

/**
 * Not a real argon2 hash: nobody signs in as a fixture person, and hashing 20,000 passwords
 * would take minutes. Shaped like one so code that parses hashes meets what it expects.
 */
export const SCALE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2NhbGUtZml4dHVyZQ$c2NhbGUtZml4dHVyZS1ub3QtYS1yZWFsLWhhc2g';

const FIRST_NAMES = [
  'Anna', 'Jordi', 'Marta', 'Pau', 'Laia', 'Marc', 'Núria', 'Joan', 'Montserrat', 'Àlex', 'Carla', 'Pere', 'Júlia', 'Oriol', 'Mercè',
  'Xavier', 'Rosa', 'Albert', 'Clara', 'David', 'Carmen', 'Javier', 'Lucía', 'Sergio', 'Elena', 'Manuel', 'Fatima', 'Youssef', 'Aina',
  'Guillem', 'Berta', 'Nil', 'Ona', 'Kai', 'Iker', 'Noelia', 'Ramon', 'Dolors', 'Biel', 'Rut',
];
const SURNAMES = [
  'Puig', 'Vidal', 'Soler', 'Ferrer', 'Serra', 'Font', 'Roca', 'Camps', 'Bosch', 'Casals', 'Pujol', 'Vilà', 'Mir', 'Coll', 'Prat',
  'Garcia', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Moreno', 'Navarro', 'Molina', 'Ortega', 'Castro', 'Delgado',
  'Rius', 'Sala', 'Vives', 'Pla', 'Bonet', 'Miró', 'Reig', 'Batlle', 'Gual', 'Sunyer', 'Mas', 'Palau', 'Comas', 'Ros', 'Lozano',
  'Fuster', 'Bertran', 'Orts', 'Estany', 'Garriga', 'Bosc', 'Llull',
];
const FAMILIES = [
  'cooperative', 'association', 'foundation', 'mutual', 'ethical_finance', 'social_third_sector', 'community_economy',
  'commons_collaborative_economy', 'insertion_enterprise', 'special_employment_centre', 'solidarity_economy', 'network',
];
const DISTRICTS = [
  'ciutat_vella', 'eixample', 'sants_montjuic', 'les_corts', 'sarria_sant_gervasi', 'gracia', 'horta_guinardo', 'nou_barris',
  'sant_andreu', 'sant_marti',
];
const STATES = ['proposed', 'declined', 'closing', 'closed', 'active', 'active', 'active', 'active'];

const int = (n: number) => sql<number>`${Math.trunc(n)}::int`;

/**
 * Loads the scale fixture into `db` (a fresh test database, or one with the demo space) in one
 * transaction, and returns what it made and sample rows for the pages under test.
 */
export async function loadScale(db: Queryable, size: ScaleSize): Promise<ScaleResult> {
  if (size.people < 100) throw new Error('loadScale needs at least 100 people: working groups take up to 60 members each.');
  if (size.organisations < 20) throw new Error('loadScale needs at least 20 organisations: every level must be there.');
  const workingGroups = Math.max(0, size.bodies - 2);
  const o = size.organisations;
  // Boundaries of the organisations' numbers: council units, then levels 3, 2, 1.
  const administrations = Math.max(1, Math.floor(o / 1000));
  const level3 = Math.max(1, Math.floor(o / 100));
  const level2 = Math.max(2, Math.floor((o * 9) / 100));
  const level1 = o - administrations - level3 - level2;
  // About 100 representative entities at 5,000: every confederation and some federations.
  const representative = Math.max(level3 + 1, Math.min(level3 + level2, Math.floor(o / 50)));

  const run = async (trx: Queryable): Promise<ScaleResult> => {
    const exec = (query: ReturnType<typeof sql>) => query.execute(trx);

    // ---- Organisations and their federation links ---------------------------------------
    await exec(sql`
      INSERT INTO organisations (name, short_name, kind, level, families, representative_since, district, website, description, external_id)
      SELECT
        CASE
          WHEN s.level IS NULL THEN 'Servei municipal d''escala ' || s.i
          WHEN s.level = 3 THEN 'Confederació d''Escala ' || lpad(s.i::text, 5, '0')
          WHEN s.level = 2 THEN (ARRAY['Federació', 'Xarxa'])[1 + s.i % 2] || ' d''Escala ' || lpad(s.i::text, 5, '0')
          ELSE (ARRAY['Cooperativa', 'Associació', 'Fundació', 'Mutualitat', 'Ateneu'])[1 + s.i % 5] || ' Escala ' || lpad(s.i::text, 5, '0')
        END,
        'ESC' || lpad(s.i::text, 5, '0'),
        CASE WHEN s.level IS NULL THEN 'administration' ELSE 'entity' END,
        s.level,
        CASE
          WHEN s.level IS NULL THEN ARRAY['public_administration']
          WHEN s.i % 3 = 0 THEN ARRAY[(${FAMILIES}::text[])[1 + s.i % ${int(FAMILIES.length)}], (${FAMILIES}::text[])[1 + (s.i + 1 + (s.i / 7) % ${int(FAMILIES.length - 1)}) % ${int(FAMILIES.length)}]]
          ELSE ARRAY[(${FAMILIES}::text[])[1 + s.i % ${int(FAMILIES.length)}]]
        END,
        CASE WHEN s.level IS NOT NULL AND s.i <= ${int(administrations + representative)} THEN DATE '2022-03-10' END,
        CASE WHEN s.i % 11 = 0 THEN NULL ELSE (${DISTRICTS}::text[])[1 + s.i % ${int(DISTRICTS.length)}] END,
        CASE WHEN s.i % 4 = 0 THEN 'https://escala-' || s.i || '.example.org' END,
        CASE WHEN s.i % 2 = 0 THEN jsonb_build_object(
          'ca', 'Entitat número ' || s.i || ' del directori d''escala, per a les proves de volum.',
          'es', 'Entidad número ' || s.i || ' del directorio de escala, para las pruebas de volumen.',
          'en', 'Organisation number ' || s.i || ' of the scale directory, for volume tests.') END,
        'scale-' || s.i
      FROM (
        SELECT i, CASE
          WHEN i <= ${int(administrations)} THEN NULL
          WHEN i <= ${int(administrations + level3)} THEN 3
          WHEN i <= ${int(administrations + level3 + level2)} THEN 2
          ELSE 1 END::smallint AS level
        FROM generate_series(1, ${int(o)}) AS i
      ) AS s`);
    // Each organisation's number and its rank within its level, for the statements below.
    await exec(sql`
      CREATE TEMP TABLE scale_orgs ON COMMIT DROP AS
      SELECT substr(external_id, 7)::int AS i, id, level, representative_since IS NOT NULL AS representative,
             row_number() OVER (PARTITION BY level ORDER BY id)::int AS n,
             row_number() OVER (PARTITION BY representative_since IS NOT NULL ORDER BY level DESC NULLS LAST, id)::int AS rn
      FROM organisations WHERE external_id LIKE 'scale-%'`);
    // Most organisations belong to a federation, some also to a confederation; federations to a confederation.
    await exec(sql`
      INSERT INTO organisation_links (child_id, parent_id)
      SELECT c.id, p.id FROM scale_orgs c JOIN scale_orgs p ON p.level = 2 AND p.n = 1 + c.n % ${int(level2)}
        WHERE c.level = 1 AND (c.n / ${int(level2)}) % 5 <> 4
      UNION ALL
      SELECT c.id, p.id FROM scale_orgs c JOIN scale_orgs p ON p.level = 3 AND p.n = 1 + c.n % ${int(level3)}
        WHERE c.level = 1 AND c.n % 7 = 0
      UNION ALL
      SELECT c.id, p.id FROM scale_orgs c JOIN scale_orgs p ON p.level = 3 AND p.n = 1 + c.n % ${int(level3)}
        WHERE c.level = 2`);

    // ---- People ----------------------------------------------------------------------------
    await exec(sql`
      INSERT INTO users (email, name, locale, password_hash, roles, status, email_verified_at, gender)
      SELECT
        'scale.person.' || i || '@example.org',
        (${FIRST_NAMES}::text[])[1 + i % ${int(FIRST_NAMES.length)}] || ' ' ||
          (${SURNAMES}::text[])[1 + (i / ${int(FIRST_NAMES.length)}) % ${int(SURNAMES.length)}] || ' ' ||
          (${SURNAMES}::text[])[1 + (13 + i / ${int(FIRST_NAMES.length)} + 7 * (i % ${int(FIRST_NAMES.length)}) + i / ${int(FIRST_NAMES.length * SURNAMES.length)}) % ${int(SURNAMES.length)}],
        (ARRAY['ca', 'ca', 'ca', 'es', 'en'])[1 + i % 5],
        ${SCALE_PASSWORD_HASH},
        '{}',
        'active',
        now(),
        (ARRAY['woman', 'man', 'woman', 'man', 'non_binary', 'prefer_not_to_say', NULL, 'woman', 'man', NULL])[1 + i % 10]
      FROM generate_series(1, ${int(size.people)}) AS i`);
    await exec(sql`
      CREATE TEMP TABLE scale_people ON COMMIT DROP AS
      SELECT split_part(split_part(email, '@', 1), '.', 3)::int AS n, id
      FROM users WHERE email LIKE 'scale.person.%@example.org'`);
    await exec(sql`CREATE UNIQUE INDEX ON scale_people (n)`);

    // ---- Working groups under the plenary, in every state -----------------------------------
    const plenary = await sql<{ id: number }>`SELECT id FROM bodies WHERE slug = 'ambit-participat'`.execute(trx);
    const plenaryId = Number(plenary.rows[0]?.id);
    if (!plenaryId) throw new Error('loadScale needs the plenary of migration 0003.');
    await exec(sql`
      INSERT INTO bodies (slug, kind, parent_id, name, purpose, state, starts_on, sunset_on, charter, open, allowed_levels, report_interval_days, proposed_by, position)
      SELECT
        'escala-' || g, 'working_group', ${plenaryId}::bigint,
        jsonb_build_object('ca', 'Grup de treball d''escala ' || g, 'es', 'Grupo de trabajo de escala ' || g, 'en', 'Scale working group ' || g),
        jsonb_build_object('ca', 'Un grup de les proves de volum.', 'es', 'Un grupo de las pruebas de volumen.', 'en', 'A group of the volume tests.'),
        w.state,
        CASE w.state
          WHEN 'active' THEN current_date - (60 + (g * 37) % 500)
          WHEN 'closing' THEN current_date - 600
          WHEN 'closed' THEN current_date - 900
        END,
        CASE w.state
          WHEN 'active' THEN current_date + CASE WHEN g % 5 = 0 THEN 10 + g % 15 ELSE 40 + (g * 29) % 500 END
          WHEN 'closing' THEN current_date - 1 - g % 20
          WHEN 'closed' THEN current_date - 200
          ELSE current_date + 200 + g
        END,
        jsonb_build_object(
          'objectives', jsonb_build_object('ca', 'Objectius del grup ' || g, 'es', 'Objetivos del grupo ' || g, 'en', 'Objectives of group ' || g),
          'method', jsonb_build_object('ca', 'Sessions obertes.', 'es', 'Sesiones abiertas.', 'en', 'Open sessions.'),
          'cadence', jsonb_build_object('ca', 'Una reunió al mes.', 'es', 'Una reunión al mes.', 'en', 'One meeting a month.'),
          'deliverables', jsonb_build_object('ca', 'Un informe.', 'es', 'Un informe.', 'en', 'A report.')),
        w.state IN ('proposed', 'active'),
        '{1,2,3}', 90,
        (SELECT id FROM scale_people WHERE n = 1 + (g * 13) % ${int(size.people)}),
        100 + g
      FROM (SELECT g, (${STATES}::text[])[1 + g % ${int(STATES.length)}] AS state FROM generate_series(1, ${int(workingGroups)}) AS g) AS w`);
    await exec(sql`
      CREATE TEMP TABLE scale_groups ON COMMIT DROP AS
      SELECT substr(slug, 8)::int AS g, id, state, starts_on, sunset_on, proposed_by
      FROM bodies WHERE slug LIKE 'escala-%' AND kind = 'working_group'`);
    // The decisions each state needs, in order; a third of the active groups were extended once.
    await exec(sql`
      INSERT INTO body_decisions (body_id, action, reason, sunset_before, sunset_after, decided_by, created_at)
      SELECT id, 'proposed', '', NULL::date, NULL::date, proposed_by, (coalesce(starts_on, current_date - 40) - 20)::timestamptz FROM scale_groups
      UNION ALL
      SELECT id, 'approved', '', NULL, NULL, proposed_by, (starts_on - 1)::timestamptz FROM scale_groups WHERE state IN ('active', 'closing', 'closed')
      UNION ALL
      SELECT id, 'declined', 'Se solapa amb un altre grup.', NULL, NULL, proposed_by, (current_date - 30)::timestamptz FROM scale_groups WHERE state = 'declined'
      UNION ALL
      SELECT id, 'extended', 'Cal més temps per acabar.', sunset_on - 120, sunset_on, proposed_by, (current_date - 10)::timestamptz
        FROM scale_groups WHERE state = 'active' AND g % 3 = 0
      UNION ALL
      SELECT id, 'closing', 'Arriba a la data de tancament.', NULL, NULL, proposed_by, (sunset_on - 30)::timestamptz FROM scale_groups WHERE state IN ('closing', 'closed')
      UNION ALL
      SELECT id, 'closed', 'Informe final rebut.', NULL, NULL, proposed_by, (sunset_on + 30)::timestamptz FROM scale_groups WHERE state = 'closed'`);

    // ---- Mandates ----------------------------------------------------------------------------
    // People 1..2R: the representative entities' current delegates; 2R+1..3R: the previous
    // term's; then the council units' members, people with trajectory, non-articulated
    // economies and experts; then the working groups' members and those asking to join.
    const r = representative;
    const individuals = 3 * r + administrations;
    const groupMembersFrom = individuals + 9;
    const requestersFrom = groupMembersFrom + workingGroups * 61 + 100;
    await exec(sql`
      INSERT INTO mandates (body_id, person_id, organisation_id, college, role, starts_on, ends_on, end_reason)
      SELECT ${plenaryId}::bigint, p.id, o.id, 'entity', 'member', DATE '2024-03-20', NULL::date, NULL
        FROM scale_orgs o CROSS JOIN generate_series(0, 1) AS k JOIN scale_people p ON p.n = 2 * o.rn - 1 + k
        WHERE o.representative
      UNION ALL
      SELECT ${plenaryId}::bigint, p.id, o.id, 'entity', 'member', DATE '2022-04-05', DATE '2024-03-20', 'Fi del mandat.'
        FROM scale_orgs o JOIN scale_people p ON p.n = ${int(2 * r)} + o.rn
        WHERE o.representative
      UNION ALL
      SELECT ${plenaryId}::bigint, p.id, o.id, 'council', CASE WHEN o.n = 1 THEN 'secretary' ELSE 'member' END, DATE '2023-07-01', NULL, NULL
        FROM scale_orgs o JOIN scale_people p ON p.n = ${int(3 * r)} + o.n
        WHERE o.level IS NULL
      UNION ALL
      SELECT ${plenaryId}::bigint, p.id, NULL, c.college, 'member', DATE '2024-03-20', NULL, NULL
        FROM (VALUES (1, 'trajectory'), (2, 'trajectory'), (3, 'trajectory'), (4, 'non_articulated'), (5, 'non_articulated'),
                     (6, 'non_articulated'), (7, 'expert'), (8, 'expert')) AS c (k, college)
        JOIN scale_people p ON p.n = ${int(individuals)} + c.k`);
    // The steering group: one delegate of each of the first eight representative entities and
    // the first council unit's member.
    await exec(sql`
      INSERT INTO mandates (body_id, person_id, organisation_id, college, role, starts_on)
      SELECT s.id, p.id, o.id, 'entity', CASE o.rn WHEN 1 THEN 'chair' WHEN 2 THEN 'secretary' ELSE 'member' END, DATE '2024-03-20'
        FROM bodies s CROSS JOIN scale_orgs o JOIN scale_people p ON p.n = 2 * o.rn - 1
        WHERE s.slug = 'grup-motor' AND o.representative AND o.rn <= 8
      UNION ALL
      SELECT s.id, p.id, o.id, 'council', 'council_liaison', DATE '2023-07-01'
        FROM bodies s CROSS JOIN scale_orgs o JOIN scale_people p ON p.n = ${int(3 * r)} + o.n
        WHERE s.slug = 'grup-motor' AND o.level IS NULL AND o.n = 1`);
    // Working groups: 10 to 60 members each, two coordinators, one in four sitting as an
    // individual; every ninth left early; a closed group's mandates ended when it closed.
    await exec(sql`
      INSERT INTO mandates (body_id, person_id, organisation_id, college, role, starts_on, ends_on, end_reason)
      SELECT g.id, p.id,
        CASE WHEN k % 4 = 0 THEN NULL ELSE o.id END,
        CASE WHEN k % 4 = 0 THEN 'trajectory' ELSE 'entity' END,
        CASE WHEN k <= 2 THEN 'coordinator' ELSE 'member' END,
        g.starts_on + k % 30,
        CASE WHEN g.state = 'closed' THEN g.sunset_on + 30 WHEN k % 9 = 0 THEN g.starts_on + k % 30 + 45 END,
        CASE WHEN g.state = 'closed' THEN 'Tancament del grup.' WHEN k % 9 = 0 THEN 'Ha deixat el grup.' END
      FROM scale_groups g
        CROSS JOIN LATERAL generate_series(1, 10 + (g.g * 7) % 51) AS k
        JOIN scale_people p ON p.n = 1 + (${int(groupMembersFrom)} + g.g * 61 + k) % ${int(size.people)}
        JOIN scale_orgs o ON o.level = 1 AND o.n = 1 + (g.g * 53 + k) % ${int(level1)}
      WHERE g.state IN ('active', 'closing', 'closed')`);

    // ---- Reports and join requests ---------------------------------------------------------
    // A report every 90 days up to today or the sunset; one in four groups is a report behind.
    await exec(sql`
      INSERT INTO body_reports (body_id, kind, period_start, period_end, progress, next_steps, blockers, submitted_by, created_at)
      SELECT g.id, 'periodic', g.starts_on + (n - 1) * 90, g.starts_on + n * 90 - 1,
        'Informe ' || n || ' del grup ' || g.g || ': sessions fetes i acords presos.', 'Continuar amb el pla de treball.',
        CASE WHEN n % 3 = 0 THEN 'Falta temps de les entitats.' ELSE '' END,
        g.proposed_by, least((g.starts_on + n * 90 + 5)::timestamptz, now())
      FROM scale_groups g
        CROSS JOIN LATERAL generate_series(1, (least(current_date, g.sunset_on) - g.starts_on) / 90 - CASE WHEN g.g % 4 = 0 THEN 1 ELSE 0 END) AS n
      WHERE g.state IN ('active', 'closing', 'closed')
      UNION ALL
      SELECT g.id, 'final', g.starts_on, g.sunset_on, 'Informe final del grup ' || g.g || '.', '', '', g.proposed_by, (g.sunset_on + 20)::timestamptz
      FROM scale_groups g WHERE g.state = 'closed'`);
    // Active groups: up to 15 pending requests (every other one for an organisation, the others
    // with a statement) and three declined.
    await exec(sql`
      INSERT INTO join_requests (body_id, person_id, organisation_id, statement, state, decided_by, decided_at, decision_reason, created_at)
      SELECT g.id, p.id,
        CASE WHEN j % 2 = 1 THEN o.id END,
        CASE WHEN j % 2 = 1 THEN '' ELSE 'Treballo en aquest àmbit i hi voldria aportar la meva experiència.' END,
        CASE WHEN j <= 3 THEN 'declined' ELSE 'pending' END,
        CASE WHEN j <= 3 THEN g.proposed_by END,
        CASE WHEN j <= 3 THEN (current_date - 20)::timestamptz END,
        CASE WHEN j <= 3 THEN 'El grup és complet ara mateix.' END,
        (current_date - j)::timestamptz
      FROM scale_groups g
        CROSS JOIN LATERAL generate_series(1, 3 + g.g % 16) AS j
        JOIN scale_people p ON p.n = 1 + (${int(requestersFrom)} + g.g * 17 + j) % ${int(size.people)}
        JOIN scale_orgs o ON o.level = 1 AND o.n = 1 + (g.g * 31 + j) % ${int(level1)}
      WHERE g.state = 'active'`);

    // ---- Meetings (issue 4) ----------------------------------------------------------------
    const meetingId = await loadMeetings(trx, size, plenaryId);

    // Statistics as a server's autovacuum would soon gather them after a bulk load (PGlite runs
    // no autovacuum: without this, its planner would guess at every table's size).
    await exec(sql`ANALYZE organisations, organisation_links, users, bodies, mandates, body_reports, body_decisions, join_requests`);
    await exec(sql`ANALYZE meetings, agenda_items, agenda_item_links, dossier_entries, meeting_answers, meeting_attendance, minutes, agreements, action_items`);

    const counts = await sql<{ mandates: number; reports: number; join_requests: number; organisation_id: number; group_id: number; group_slug: string }>`
      SELECT
        (SELECT count(*)::int FROM mandates m JOIN scale_people p ON p.id = m.person_id) AS mandates,
        (SELECT count(*)::int FROM body_reports r JOIN scale_groups g ON g.id = r.body_id) AS reports,
        (SELECT count(*)::int FROM join_requests j JOIN scale_groups g ON g.id = j.body_id) AS join_requests,
        (SELECT id FROM scale_orgs WHERE representative AND level = 2 ORDER BY rn LIMIT 1) AS organisation_id,
        (SELECT id FROM scale_groups WHERE state = 'active' ORDER BY g LIMIT 1) AS group_id,
        (SELECT 'escala-' || g FROM scale_groups WHERE state = 'active' ORDER BY g LIMIT 1) AS group_slug`.execute(trx);
    const row = counts.rows[0];
    if (!row) throw new Error('loadScale could not count what it loaded.');
    return {
      organisations: o,
      representative,
      people: size.people,
      workingGroups,
      mandates: Number(row.mandates),
      reports: Number(row.reports),
      joinRequests: Number(row.join_requests),
      sample: { organisationId: Number(row.organisation_id), groupId: Number(row.group_id), groupSlug: row.group_slug, plenaryId, meetingId },
      agreements: registerSize(size),
    };
  };

  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Agreements in the register: 10,000 at 20,000 people, a hundred times fewer at the small size. */
function registerSize(size: ScaleSize): number {
  return Math.floor(size.people / 2);
}

/**
 * The meetings' part: one held plenary meeting as large as issue 4 measures it (40 agenda items
 * each pointing at a working group, with a dossier link, 200 attendees among the plenary's
 * members, everyone's answer, draft minutes, 30 agreements with an action item each), and the
 * register: past meetings of the plenary and the working groups with 25 agreements each, every
 * fifth with an action item (some overdue). Returns the large meeting's id.
 */
async function loadMeetings(trx: Queryable, size: ScaleSize, plenaryId: number): Promise<number> {
  const exec = (query: ReturnType<typeof sql>) => query.execute(trx);
  const large = size.people >= 10_000;
  const items = large ? 40 : 4;
  const attendees = large ? 200 : 20;
  const agreements = large ? 30 : 3;
  const inserted = await sql<{ id: number }>`
    INSERT INTO meetings (body_id, kind, format, title, description, starts_at, ends_at, place, online_url, state, convened_at, minutes_state)
    VALUES (${plenaryId}::bigint, 'ordinary', 'hybrid',
      ${JSON.stringify({ ca: 'Trobada general d\'escala', es: 'Encuentro general de escala', en: 'Scale general meeting' })}::jsonb,
      'La sessió més gran de les proves de volum.', now() - interval '3 days', now() - interval '3 days' + interval '4 hours',
      'Can Batlló, Barcelona', 'https://meet.example.org/escala', 'held', now() - interval '20 days', 'draft')
    RETURNING id`.execute(trx);
  const meetingId = Number(inserted.rows[0]?.id);
  await exec(sql`
    INSERT INTO agenda_items (meeting_id, position, kind, title, description, presenter, duration_minutes)
    SELECT ${meetingId}::bigint, i, (ARRAY['information', 'deliberation', 'decision'])[1 + i % 3],
      jsonb_build_object('ca', 'Punt ' || i || ' de l''ordre del dia', 'es', 'Punto ' || i || ' del orden del día', 'en', 'Agenda item ' || i),
      'Descripció del punt ' || i || '.', 'Ponent ' || i, 10 + i % 20
    FROM generate_series(1, ${int(items)}) AS i`);
  await exec(sql`
    INSERT INTO agenda_item_links (agenda_item_id, target_type, target_id, position)
    SELECT a.id, 'body', g.id, 0
    FROM agenda_items a JOIN LATERAL (SELECT id FROM bodies WHERE kind = 'working_group' ORDER BY id OFFSET a.position % greatest(1, (SELECT count(*)::int FROM bodies WHERE kind = 'working_group')) LIMIT 1) g ON true
    WHERE a.meeting_id = ${meetingId}::bigint`);
  await exec(sql`
    INSERT INTO dossier_entries (meeting_id, agenda_item_id, title, url)
    SELECT ${meetingId}::bigint, a.id, 'Document del punt ' || a.position, 'https://docs.example.org/escala/' || a.position
    FROM agenda_items a WHERE a.meeting_id = ${meetingId}::bigint`);
  // The plenary's members on the day, in a fixed order: answers from all, attendance from the first ones.
  await exec(sql`
    CREATE TEMP TABLE scale_plenary ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY m.id)::int AS n, m.person_id, m.organisation_id, m.college
    FROM mandates m
    WHERE m.body_id = ${plenaryId}::bigint AND m.role NOT IN ('alternate', 'observer')
      AND m.starts_on <= current_date - 3 AND (m.ends_on IS NULL OR m.ends_on > current_date - 3)`);
  await exec(sql`
    INSERT INTO meeting_answers (meeting_id, person_id, answer, via, answered_at)
    SELECT DISTINCT ON (person_id) ${meetingId}::bigint, person_id, (ARRAY['attending', 'attending', 'attending', 'excused'])[1 + n % 4], 'site', now() - interval '10 days'
    FROM scale_plenary ORDER BY person_id, n`);
  await exec(sql`
    INSERT INTO meeting_attendance (meeting_id, person_id, organisation_id, college)
    SELECT DISTINCT ON (person_id) ${meetingId}::bigint, person_id, organisation_id, college
    FROM scale_plenary WHERE n <= ${int(attendees)} ORDER BY person_id, n`);
  await exec(sql`
    INSERT INTO minutes (meeting_id, state, place, started_at, ended_at, summary, deliberations)
    SELECT ${meetingId}::bigint, 'draft', 'Can Batlló, Barcelona', now() - interval '3 days', now() - interval '3 days' + interval '4 hours',
      'Obertura de la sessió i benvinguda.',
      (SELECT jsonb_object_agg(a.id::text, 'Punts principals del debat del punt ' || a.position || '.') FROM agenda_items a WHERE a.meeting_id = ${meetingId}::bigint)`);
  await exec(sql`
    INSERT INTO agreements (body_id, meeting_id, agenda_item_id, year, number, text, search_text, method, result, adopted_on)
    SELECT ${plenaryId}::bigint, ${meetingId}::bigint, a.id, extract(year FROM (now() - interval '3 days')::date)::int,
      -- after the numbers the plenary already has this year (the demo space's, under the bench)
      k + coalesce((SELECT max(number) FROM agreements WHERE body_id = ${plenaryId}::bigint AND year = extract(year FROM (now() - interval '3 days')::date)::int), 0),
      jsonb_build_object('ca', 'Acord ' || k || ' de la trobada d''escala', 'es', 'Acuerdo ' || k || ' del encuentro de escala', 'en', 'Agreement ' || k || ' of the scale meeting'),
      teixit_fold('Acord ' || k || ' de la trobada d''escala Acuerdo ' || k || ' del encuentro de escala Agreement ' || k || ' of the scale meeting'),
      CASE WHEN k % 2 = 0 THEN 'vote' ELSE 'consensus' END,
      CASE WHEN k % 2 = 0 THEN jsonb_build_object('options', jsonb_build_array(
        jsonb_build_object('label', 'A favor', 'count', 120, 'by_college', jsonb_build_object('entity', 100, 'council', 5, 'trajectory', 15)),
        jsonb_build_object('label', 'En contra', 'count', 10, 'by_college', jsonb_build_object('entity', 10)),
        jsonb_build_object('label', 'Abstencions', 'count', 5, 'by_college', jsonb_build_object('entity', 5)))) END,
      (now() - interval '3 days')::date
    FROM generate_series(1, ${int(agreements)}) AS k
    JOIN agenda_items a ON a.meeting_id = ${meetingId}::bigint AND a.position = 1 + (k - 1) % ${int(items)}`);
  await exec(sql`
    INSERT INTO action_items (agreement_id, body_id, title, owner_person_id, owner_organisation_id, due_on, state)
    SELECT g.id, g.body_id, 'Tasca de l''acord ' || g.number, p.person_id, NULL::bigint, current_date + (g.number % 20) - 5, 'open'
    FROM (SELECT id, body_id, number, row_number() OVER (ORDER BY id)::int AS k FROM agreements WHERE meeting_id = ${meetingId}::bigint) g
      JOIN scale_plenary p ON p.n = g.k`);

  // ---- The register: past meetings with 25 agreements each ----------------------------------
  const perMeeting = 25;
  const registerMeetings = Math.ceil(registerSize(size) / perMeeting);
  await exec(sql`
    CREATE TEMP TABLE scale_register ON COMMIT DROP AS
    SELECT k, (SELECT id FROM bodies WHERE id = ${plenaryId}::bigint OR (kind = 'working_group' AND state IN ('active', 'closing', 'closed'))
               ORDER BY id OFFSET k % greatest(1, (SELECT count(*)::int FROM bodies WHERE id = ${plenaryId}::bigint OR (kind = 'working_group' AND state IN ('active', 'closing', 'closed')))) LIMIT 1) AS body_id,
      (now() - (k * interval '1 day') - interval '10 days') AS starts_at
    FROM generate_series(1, ${int(registerMeetings)}) AS k`);
  await exec(sql`
    INSERT INTO meetings (body_id, kind, format, title, starts_at, ends_at, place, state, convened_at, minutes_state)
    SELECT body_id, 'ordinary', 'in_person', jsonb_build_object('ca', 'Sessió d''escala ' || k), starts_at, starts_at + interval '2 hours',
      'Barcelona', 'held', starts_at - interval '10 days', 'none'
    FROM scale_register`);
  await exec(sql`
    INSERT INTO agenda_items (meeting_id, position, kind, title)
    SELECT m.id, 1, 'decision', jsonb_build_object('ca', 'Acords de la sessió')
    FROM meetings m WHERE m.title->>'ca' LIKE 'Sessió d''escala %'`);
  await exec(sql`
    INSERT INTO agreements (body_id, meeting_id, agenda_item_id, year, number, text, search_text, method, adopted_on)
    SELECT m.body_id, m.id, a.id, extract(year FROM m.starts_at::date)::int,
      -- after the large meeting's and the demo's numbers
      1000 + row_number() OVER (PARTITION BY m.body_id, extract(year FROM m.starts_at::date) ORDER BY m.id, j)::int,
      jsonb_build_object('ca', (ARRAY['Aprovar', 'Encarregar', 'Contrastar', 'Demanar', 'Impulsar'])[1 + j % 5] || ' l''actuació ' || j || ' sobre ' ||
        (ARRAY['cooperatives d''habitatge', 'finances ètiques', 'compra pública responsable', 'economia de cures', 'mercat social'])[1 + (m.id + j) % 5]),
      teixit_fold((ARRAY['Aprovar', 'Encarregar', 'Contrastar', 'Demanar', 'Impulsar'])[1 + j % 5] || ' l''actuació ' || j || ' sobre ' ||
        (ARRAY['cooperatives d''habitatge', 'finances ètiques', 'compra pública responsable', 'economia de cures', 'mercat social'])[1 + (m.id + j) % 5]),
      'consensus', m.starts_at::date
    FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id
      CROSS JOIN generate_series(1, ${int(perMeeting)}) AS j
    WHERE m.title->>'ca' LIKE 'Sessió d''escala %'`);
  await exec(sql`
    INSERT INTO action_items (agreement_id, body_id, title, owner_person_id, due_on, state)
    SELECT g.id, g.body_id, 'Seguiment de l''acord ' || g.number, m.person_id, g.adopted_on + 30, CASE WHEN g.id % 3 = 0 THEN 'done' ELSE 'open' END
    FROM agreements g
      JOIN LATERAL (SELECT person_id FROM mandates WHERE body_id = g.body_id ORDER BY id LIMIT 1) m ON true
    WHERE g.id % 5 = 0 AND g.meeting_id <> ${meetingId}::bigint`);
  return meetingId;
}
