/**
 * The meetings' part of the demo space (after the bodies' people, mandates and working groups):
 * past general meetings of the plenary with attendance, agreements, action items and approved
 * minutes, a steering-group meeting with circulated minutes and an objection, working-group
 * meetings, the next general meeting convened with members' answers, and a draft. The content
 * is in `seed-data.ts`; dates are relative to the day it is loaded (Barcelona's clock).
 *
 * Written straight in the tables, as the commands would leave them: agreements numbered per
 * body and year, vote results counted per college from the recorded attendance, action items'
 * owners sitting in the body, approved minutes frozen with the acta the app builds
 * (`buildMinutesDocument`) and its hash, an audit entry for every meeting and every approval.
 *
 * Idempotent: when the plenary already has meetings, nothing is added (the dates are relative
 * to the day it was loaded, so a second run on another day would otherwise add a second history).
 */
import { sql } from 'kysely';
import type { Trx } from '../../db/types.js';
import { appendAudit } from '../../kernel/audit/index.js';
import type { DemoContext } from '../../kernel/http/module.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { Services } from '../../kernel/services.js';
import type { College } from '../bodies/tables.js';
import { buildMinutesDocument, minutesHash } from './minutes-content.js';
import { currentMinutes } from './minutes-store.js';
import { findMeeting } from './store.js';
import { DEMO_MEETINGS, GENERAL_MEETING, type DemoAction, type DemoAgreement, type DemoMeeting } from './seed-data.js';
import type { VoteResult } from './tables.js';
import { addDays, instantInSpace } from './time.js';

const PLENARY_SLUG = 'ambit-participat';
const SEEDER = { actorId: null, actorName: 'demo seed', requestId: null } as const;
const DAY_MS = 86_400_000;
const VOTE_LABELS = ['A favor', 'En contra', 'Abstenció'] as const;

/** The day within three days of `day` that falls on `weekday` (1 Monday … 7 Sunday). */
export function onWeekday(day: string, weekday: number): string {
  const current = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  let shift = (weekday - current + 7) % 7;
  if (shift > 3) shift -= 7;
  return addDays(day, shift);
}

/** A `date` column as `YYYY-MM-DD`, however the driver hands it back. */
function dateOnly(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

const SEASONS: ReadonlyArray<{ months: number[]; name: Translatable }> = [
  { months: [12, 1, 2], name: { ca: 'hivern', es: 'invierno', en: 'winter' } },
  { months: [3, 4, 5], name: { ca: 'primavera', es: 'primavera', en: 'spring' } },
  { months: [6, 7, 8], name: { ca: 'estiu', es: 'verano', en: 'summer' } },
  { months: [9, 10, 11], name: { ca: 'tardor', es: 'otoño', en: 'autumn' } },
];

/** "Trobada general de tardor 2025", from the meeting's date. */
export function generalMeetingTitle(day: string): Translatable {
  const month = Number(day.slice(5, 7));
  const year = day.slice(0, 4);
  const season = SEASONS.find((s) => s.months.includes(month))!.name;
  return {
    ca: `Trobada general ${/^[aeiouh]/.test(season.ca) ? `d'${season.ca}` : `de ${season.ca}`} ${year}`,
    es: `Encuentro general de ${season.es} ${year}`,
    en: `${season.en![0]!.toUpperCase()}${season.en!.slice(1)} ${year} general meeting`,
  };
}

function approvalTitle(meeting: Translatable): Translatable {
  const lower = (s: string | undefined) => (s ? `${s[0]!.toLowerCase()}${s.slice(1)}` : '');
  return {
    ca: `Aprovació de l'acta de la ${lower(meeting.ca)}`,
    es: `Aprobación del acta del ${lower(meeting.es)}`,
    en: `Approval of the minutes of the ${lower(meeting.en)}`,
  };
}

interface MandateRow {
  body_id: number;
  person_id: number;
  organisation_id: number | null;
  college: College;
  role: string;
  starts_on: string;
  ends_on: string | null;
}

interface Planned {
  spec: DemoMeeting;
  id: number;
  bodyId: number;
  day: string;
  title: Translatable;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  convenedAt: Date | null;
  /** Who writes the body's records: the secretary, or a working group's coordinator. */
  clerk: number;
  publicBody: boolean;
}

/** Loads the meetings' demo. */
export async function seedMeetingsDemo(services: Services, demo: DemoContext): Promise<void> {
  const today = todayInSpace();
  const now = new Date();
  /** A moment no later than now (a seed never writes the future as done). */
  const past = (moment: Date): Date => (moment.getTime() > now.getTime() - 60_000 ? new Date(now.getTime() - 60_000) : moment);
  const at = (day: string, time: string): Date => {
    const moment = instantInSpace(day, time);
    if (!moment) throw new Error(`The meetings' demo asks for ${day} ${time}, a time Barcelona's clocks skip.`);
    return moment;
  };
  const person = (key: string): number => need(demo, `user:${key}`, "the bodies' demo people");
  const organisation = (shortName: string): number => need(demo, `org:${shortName}`, "the directory's demo organisations");

  await services.database.db.transaction().execute(async (trx) => {
    const slugs = [...new Set(DEMO_MEETINGS.map((m) => m.body))];
    const bodies = await trx.selectFrom('bodies').select(['id', 'slug', 'kind', 'notice_days', 'meetings_public']).where('slug', 'in', slugs).execute();
    const bodyOf = new Map(bodies.map((b) => [b.slug, { id: Number(b.id), kind: b.kind, noticeDays: b.notice_days, public: b.meetings_public }]));
    const plenary = bodyOf.get(PLENARY_SLUG);
    if (!plenary || bodyOf.size !== slugs.length) throw new Error("The meetings' demo needs the plenary, the steering group and the working groups: load the bodies' demo first.");
    const held = await trx.selectFrom('meetings').select('id').where('body_id', '=', plenary.id).limit(1).executeTakeFirst();
    if (held) return;

    const bodyIds = [...bodyOf.values()].map((b) => b.id);
    const mandates: MandateRow[] = (
      await trx.selectFrom('mandates').select(['body_id', 'person_id', 'organisation_id', 'college', 'role', 'starts_on', 'ends_on']).where('body_id', 'in', bodyIds).execute()
    ).map((m) => ({
      body_id: Number(m.body_id),
      person_id: Number(m.person_id),
      organisation_id: m.organisation_id === null ? null : Number(m.organisation_id),
      college: m.college,
      role: m.role,
      starts_on: dateOnly(m.starts_on),
      ends_on: m.ends_on === null ? null : dateOnly(m.ends_on),
    }));
    const sitting = (bodyId: number, day: string): MandateRow[] =>
      mandates.filter((m) => m.body_id === bodyId && m.starts_on <= day && (m.ends_on === null || day < m.ends_on));
    const reports = (
      await trx.selectFrom('body_reports').select(['id', 'body_id', 'created_at']).where('body_id', 'in', bodyIds).orderBy('created_at').execute()
    ).map((r) => ({ id: Number(r.id), bodyId: Number(r.body_id), filed: new Date(r.created_at) }));

    // ---- The meetings themselves, oldest first ---------------------------------------------
    const planned = new Map<string, Planned>();
    const ordered = [...DEMO_MEETINGS].sort((a, b) => a.day - b.day);
    for (const spec of ordered) {
      const body = bodyOf.get(spec.body)!;
      const day = onWeekday(addDays(today, spec.day), spec.weekday);
      const title = spec.title === GENERAL_MEETING ? generalMeetingTitle(day) : spec.title;
      const startsAt = at(day, spec.start);
      const endsAt = at(day, spec.end);
      let convenedAt: Date | null = null;
      if (spec.state !== 'draft') {
        const convenedDay = spec.convenedOn !== undefined ? addDays(today, spec.convenedOn) : addDays(day, -(spec.convenedBefore ?? 0));
        convenedAt = past(at(convenedDay, '12:00'));
        const notice = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${convenedDay}T00:00:00Z`)) / DAY_MS);
        const needed = body.noticeDays ?? ({ plenary: 10, steering: 5, working_group: 3 } as const)[body.kind];
        if (notice < needed) throw new Error(`The demo meeting ${spec.key} is convened ${notice} days ahead; its body asks for ${needed}.`);
      }
      const createdAt = past(new Date((convenedAt ?? now).getTime() - spec.createdBefore * DAY_MS - 2 * 3600_000));
      const publicBody = body.public ?? body.kind !== 'working_group';
      const row = await trx
        .insertInto('meetings')
        .values({
          body_id: body.id,
          kind: spec.kind,
          format: spec.format,
          title: JSON.stringify(title),
          description: spec.description,
          starts_at: startsAt,
          ends_at: endsAt,
          place: spec.place,
          online_url: spec.onlineUrl,
          state: spec.state,
          convened_at: convenedAt,
          sequence: 0,
          reminded_for: spec.state === 'held' ? startsAt : null,
          minutes_state: 'none',
          created_by: person(spec.createdBy),
          created_at: createdAt,
          updated_at: spec.state === 'held' ? past(endsAt) : (convenedAt ?? createdAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      planned.set(spec.key, { spec, id, bodyId: body.id, day, title, startsAt, endsAt, createdAt, convenedAt, clerk: person(spec.createdBy), publicBody });
      await appendAudit(
        trx,
        {
          action: 'meetings.load_demo',
          subjectType: 'meeting',
          subjectId: id,
          after: { body_id: body.id, title, state: spec.state, starts_at: startsAt, ends_at: endsAt, format: spec.format, place: spec.place, online_url: spec.onlineUrl, convened_at: convenedAt },
          visibility: publicBody ? 'public' : 'internal',
        },
        SEEDER,
      );
    }

    // ---- Agenda, dossier, answers, attendance, agreements ------------------------------------
    const nextNumber = new Map<string, number>();
    for (const spec of ordered) {
      const meeting = planned.get(spec.key)!;
      const itemIds = await addAgenda(trx, meeting);
      await addDossier(trx, meeting, itemIds);
      await addAnswers(trx, meeting);
      const voters = await addAttendance(trx, meeting);
      for (const [index, item] of spec.items.entries()) {
        for (const agreement of item.agreements ?? []) await addAgreement(trx, meeting, itemIds[index]!, agreement, voters, nextNumber);
      }
    }

    // ---- Minutes, once every meeting's agreements are there -----------------------------------
    for (const spec of ordered) {
      if (spec.minutes) await addMinutes(trx, planned.get(spec.key)!);
    }

    async function addAgenda(trx: Trx, meeting: Planned): Promise<number[]> {
      const ids: number[] = [];
      for (const [index, item] of meeting.spec.items.entries()) {
        const approved = item.approves === undefined ? undefined : planned.get(item.approves);
        if (item.approves !== undefined && !approved) throw new Error(`The demo meeting ${meeting.spec.key} approves the minutes of ${item.approves}, which is not in the demo.`);
        const row = await trx
          .insertInto('agenda_items')
          .values({
            meeting_id: meeting.id,
            position: index + 1,
            kind: item.kind,
            title: JSON.stringify(approved ? approvalTitle(approved.title) : item.title),
            description: item.description,
            presenter: item.presenter,
            duration_minutes: item.minutes,
            created_at: meeting.createdAt,
            updated_at: meeting.createdAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const itemId = Number(row.id);
        ids.push(itemId);
        const links = (item.links ?? []).map((link, position) => {
          const bodyId = need(demo, `body:${link.slug}`, "the bodies' demo working groups");
          if (link.type === 'body') return { agenda_item_id: itemId, target_type: 'body', target_id: bodyId, position };
          const report = reports.filter((r) => r.bodyId === bodyId && r.filed.getTime() < meeting.createdAt.getTime()).at(-1);
          if (!report) throw new Error(`The demo meeting ${meeting.spec.key} links a report of ${link.slug} filed before it; there is none.`);
          return { agenda_item_id: itemId, target_type: 'body_report', target_id: report.id, position };
        });
        if (links.length) await trx.insertInto('agenda_item_links').values(links).execute();
      }
      return ids;
    }

    async function addDossier(trx: Trx, meeting: Planned, itemIds: number[]): Promise<void> {
      const entries = meeting.spec.dossier ?? [];
      if (!entries.length) return;
      await trx
        .insertInto('dossier_entries')
        .values(entries.map((entry) => ({
          meeting_id: meeting.id,
          agenda_item_id: entry.item === undefined ? null : itemIds[entry.item]!,
          title: entry.title,
          url: entry.url,
          added_by: meeting.clerk,
          created_at: meeting.convenedAt ?? meeting.createdAt,
        })))
        .execute();
    }

    async function addAnswers(trx: Trx, meeting: Planned): Promise<void> {
      const answers = meeting.spec.answers ?? [];
      if (!answers.length) return;
      const members = sitting(meeting.bodyId, meeting.day);
      const rows = answers.map((answer) => {
        const personId = person(answer.person);
        if (!members.some((m) => m.person_id === personId && m.role !== 'alternate' && m.role !== 'observer')) {
          throw new Error(`${answer.person} answers the demo meeting ${meeting.spec.key} but is not a member of its body.`);
        }
        return {
          meeting_id: meeting.id,
          person_id: personId,
          answer: answer.answer,
          alternate_id: answer.alternate === undefined ? null : person(answer.alternate),
          via: answer.via,
          answered_at: past(new Date(meeting.convenedAt!.getTime() + answer.hoursAfterNotice * 3600_000)),
        };
      });
      await trx.insertInto('meeting_answers').values(rows).execute();
    }

    /** Records who attended a held meeting; returns the people who could vote, with their college. */
    async function addAttendance(trx: Trx, meeting: Planned): Promise<Map<number, College>> {
      const voters = new Map<number, College>();
      const attendance = meeting.spec.attendance;
      if (!attendance) return voters;
      const onDay = sitting(meeting.bodyId, meeting.day);
      const members = onDay.filter((m) => m.role !== 'alternate' && m.role !== 'observer');
      const absent = new Set(attendance.absent.map((key) => {
        const id = person(key);
        if (!members.some((m) => m.person_id === id)) throw new Error(`${key} is absent from the demo meeting ${meeting.spec.key} but is not a member of its body.`);
        return id;
      }));
      const recordedAt = past(new Date(meeting.endsAt.getTime() + 3600_000));
      const rows: Array<{ meeting_id: number; person_id: number; organisation_id: number | null; college: College; on_behalf_of: number | null; guest: boolean; recorded_by: number; recorded_at: Date }> = [];
      const seen = new Set<number>();
      for (const m of members) {
        if (absent.has(m.person_id) || seen.has(m.person_id)) continue;
        seen.add(m.person_id);
        rows.push({ meeting_id: meeting.id, person_id: m.person_id, organisation_id: m.organisation_id, college: m.college, on_behalf_of: null, guest: false, recorded_by: meeting.clerk, recorded_at: recordedAt });
        voters.set(m.person_id, m.college);
      }
      for (const { member, alternate } of attendance.alternates ?? []) {
        const memberId = person(member);
        const alternateId = person(alternate);
        const own = onDay.find((m) => m.person_id === alternateId && m.role === 'alternate');
        const stoodFor = members.find((m) => m.person_id === memberId);
        if (!own || !stoodFor || !absent.has(memberId) || own.organisation_id !== stoodFor.organisation_id) {
          throw new Error(`${alternate} cannot stand in for ${member} at the demo meeting ${meeting.spec.key}.`);
        }
        rows.push({ meeting_id: meeting.id, person_id: alternateId, organisation_id: own.organisation_id, college: own.college, on_behalf_of: memberId, guest: false, recorded_by: meeting.clerk, recorded_at: recordedAt });
        voters.set(alternateId, own.college);
      }
      for (const guest of attendance.guests ?? []) {
        rows.push({
          meeting_id: meeting.id,
          person_id: person(guest.person),
          organisation_id: guest.org === null ? null : organisation(guest.org),
          college: guest.college,
          on_behalf_of: null,
          guest: true,
          recorded_by: meeting.clerk,
          recorded_at: recordedAt,
        });
      }
      await trx.insertInto('meeting_attendance').values(rows).execute();
      return voters;
    }

    async function addAgreement(trx: Trx, meeting: Planned, agendaItemId: number, agreement: DemoAgreement, voters: Map<number, College>, numbers: Map<string, number>): Promise<void> {
      const year = Number(meeting.day.slice(0, 4));
      const key = `${meeting.bodyId}|${year}`;
      let number = numbers.get(key);
      if (number === undefined) {
        const last = await trx.selectFrom('agreements').select((eb) => eb.fn.max('number').as('max')).where('body_id', '=', meeting.bodyId).where('year', '=', year).executeTakeFirst();
        number = Number(last?.max ?? 0);
      }
      number += 1;
      numbers.set(key, number);
      const result = agreement.method === 'vote' ? voteResult(meeting, agreement, voters) : null;
      const adoptedAt = past(meeting.endsAt);
      const row = await trx
        .insertInto('agreements')
        .values({
          body_id: meeting.bodyId,
          meeting_id: meeting.id,
          agenda_item_id: agendaItemId,
          year,
          number,
          text: JSON.stringify(agreement.text),
          search_text: sql<string>`teixit_fold(${[agreement.text.ca, agreement.text.es ?? '', agreement.text.en ?? ''].filter((t) => t !== '').join('\n')})`,
          method: agreement.method,
          result: result === null ? null : JSON.stringify(result),
          adopted_on: meeting.day,
          created_by: meeting.clerk,
          created_at: adoptedAt,
          updated_at: adoptedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const agreementId = Number(row.id);
      const owners = sitting(meeting.bodyId, meeting.day);
      if (agreement.actions.length) {
        await trx
          .insertInto('action_items')
          .values(agreement.actions.map((action) => actionRow(meeting, agreementId, action, owners)))
          .execute();
      }
    }

    function actionRow(meeting: Planned, agreementId: number, action: DemoAction, owners: MandateRow[]) {
      const ownerPerson = action.person === undefined ? null : person(action.person);
      const ownerOrganisation = action.org === undefined ? null : organisation(action.org);
      if ((ownerPerson === null) === (ownerOrganisation === null)) throw new Error(`The action "${action.title}" needs one owner, a person or an organisation.`);
      if (ownerPerson !== null && !owners.some((m) => m.person_id === ownerPerson)) throw new Error(`${action.person} owns "${action.title}" but does not sit in the body.`);
      if (ownerOrganisation !== null && !owners.some((m) => m.organisation_id === ownerOrganisation)) throw new Error(`${action.org} owns "${action.title}" but is not represented in the body.`);
      const due = addDays(today, action.due);
      const done = action.state === 'done' ? addDays(today, action.doneOn ?? action.due) : null;
      if (due < meeting.day || (done !== null && done < meeting.day)) throw new Error(`The action "${action.title}" is due or done before its meeting.`);
      // Reminders the app would have sent by now (or by the day it was done): a week before, and on the day.
      const by = done ?? today;
      const reminded = [...(addDays(due, -7) <= by ? ['week'] : []), ...(due <= by ? ['due'] : [])];
      // Last touched: when done, a week after the meeting when under way, else when it was written.
      const touched = done ?? (action.state === 'open' ? null : addDays(meeting.day, 7));
      const updated = touched === null ? meeting.endsAt : past(at(touched, '19:00'));
      return {
        agreement_id: agreementId,
        body_id: meeting.bodyId,
        title: action.title,
        owner_person_id: ownerPerson,
        owner_organisation_id: ownerOrganisation,
        due_on: due,
        state: action.state,
        done_on: done,
        reminded,
        created_by: meeting.clerk,
        created_at: past(meeting.endsAt),
        updated_at: updated.getTime() < meeting.endsAt.getTime() ? past(meeting.endsAt) : updated,
      };
    }

    function voteResult(meeting: Planned, agreement: DemoAgreement, voters: Map<number, College>): VoteResult {
      if (voters.size === 0) throw new Error(`The demo meeting ${meeting.spec.key} votes with nobody present.`);
      const against = new Set((agreement.against ?? []).map(person));
      const abstained = new Set((agreement.abstained ?? []).map(person));
      for (const id of [...against, ...abstained]) if (!voters.has(id)) throw new Error(`A demo voter at ${meeting.spec.key} (user ${id}) was not there.`);
      const options = VOTE_LABELS.map((label) => ({ label, count: 0, by_college: {} as Partial<Record<College, number>> }));
      for (const [id, college] of voters) {
        const option = options[against.has(id) ? 1 : abstained.has(id) ? 2 : 0]!;
        option.count += 1;
        option.by_college[college] = (option.by_college[college] ?? 0) + 1;
      }
      return { options };
    }

    async function addMinutes(trx: Trx, meeting: Planned): Promise<void> {
      const spec = meeting.spec.minutes!;
      const deliberations: Record<string, string> = {};
      const items = await trx.selectFrom('agenda_items').select(['id', 'position']).where('meeting_id', '=', meeting.id).orderBy('position').execute();
      for (const item of items) {
        const text = meeting.spec.items[Number(item.position) - 1]?.deliberation;
        if (text) deliberations[String(item.id)] = text;
      }
      const circulatedDay = spec.circulatedAfter === undefined ? null : addDays(meeting.day, spec.circulatedAfter);
      const objectionsUntil =
        spec.objectionsFromToday !== undefined ? addDays(today, spec.objectionsFromToday) : spec.objectionsAfter !== undefined ? addDays(meeting.day, spec.objectionsAfter) : null;
      const circulatedAt = circulatedDay === null || spec.state === 'draft' ? null : past(at(circulatedDay, '13:00'));
      const createdAt = past(new Date(meeting.endsAt.getTime() + DAY_MS));
      const row = await trx
        .insertInto('minutes')
        .values({
          meeting_id: meeting.id,
          state: spec.state === 'approved' ? 'circulated' : spec.state,
          place: meeting.spec.place ?? 'En línia',
          started_at: at(meeting.day, spec.started),
          ended_at: at(meeting.day, spec.ended),
          summary: spec.summary,
          deliberations: JSON.stringify(deliberations),
          objections_until: spec.state === 'draft' ? null : objectionsUntil,
          circulated_at: circulatedAt,
          created_by: meeting.clerk,
          created_at: createdAt,
          updated_at: circulatedAt ?? createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const minutesId = Number(row.id);
      for (const objection of spec.objections ?? []) {
        await trx
          .insertInto('minutes_objections')
          .values({ minutes_id: minutesId, person_id: person(objection.person), text: objection.text, created_at: past(at(addDays(today, -objection.daysAgo), '16:30')) })
          .execute();
      }
      await trx.updateTable('meetings').set({ minutes_state: spec.state === 'approved' ? 'circulated' : spec.state }).where('id', '=', meeting.id).execute();
      const visibility = meeting.publicBody ? 'public' : 'internal';
      await appendAudit(
        trx,
        { action: 'meetings.load_demo', subjectType: 'minutes', subjectId: minutesId, after: { meeting_id: meeting.id, state: spec.state === 'approved' ? 'circulated' : spec.state, objections_until: objectionsUntil, objections: spec.objections?.length ?? 0 }, visibility },
        SEEDER,
      );
      if (spec.state !== 'approved') return;

      // Approved at a later session: frozen exactly as the app freezes them.
      const approving = planned.get(spec.approvedIn ?? '');
      if (!approving || approving.bodyId !== meeting.bodyId || approving.startsAt <= meeting.startsAt) throw new Error(`The minutes of ${meeting.spec.key} must be approved at a later session of the same body.`);
      const found = await findMeeting(trx, meeting.id);
      const current = await currentMinutes(trx, meeting.id);
      if (!found || !current) throw new Error(`The demo meeting ${meeting.spec.key} has no minutes to approve.`);
      const content = await buildMinutesDocument(trx, found, current);
      const contentHash = minutesHash(content);
      const approvedAt = past(new Date(approving.startsAt.getTime() + 15 * 60_000));
      await trx
        .updateTable('minutes')
        .set({ state: 'approved', approved_in: approving.id, approved_at: approvedAt, content: JSON.stringify(content), content_hash: contentHash, updated_at: approvedAt })
        .where('id', '=', minutesId)
        .execute();
      await trx.updateTable('meetings').set({ minutes_state: 'approved', updated_at: approvedAt }).where('id', '=', meeting.id).execute();
      await appendAudit(
        trx,
        {
          action: 'meetings.minutes.approve',
          subjectType: 'minutes',
          subjectId: minutesId,
          before: { state: 'circulated' },
          after: { state: 'approved', meeting_id: meeting.id, approved_in: approving.id, corrects_id: null, content_hash: contentHash, demo: true },
          visibility,
        },
        SEEDER,
      );
    }
  });
}

/** An id an earlier seed recorded; a clear error when the seeds ran out of order. */
function need(demo: DemoContext, key: string, what: string): number {
  const id = demo.ids.get(key);
  if (id === undefined) throw new Error(`The meetings' demo needs ${key}: load ${what} first.`);
  return id;
}

