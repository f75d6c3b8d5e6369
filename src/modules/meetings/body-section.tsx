/**
 * A body's meetings and agreements on its page (the bodies module's page sections): the next
 * meetings, the last ones held with the state of their minutes, the latest agreements, and the
 * ways to the body's meeting list, calendar, feed and register. Two queries whatever the body's
 * history. A body whose meetings are for its members shows them to its members only. On the
 * steering group's page, those who follow the working groups up also see each group's overdue
 * action items (one more query).
 */
import type { Queryable } from '../../db/types.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { allows, type Actor } from '../../kernel/policy.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import { latestAgreementsOf, meetingsAroundNow, type AgreementLine, type MeetingLine } from './overview-store.js';
import { ButtonLink, EmptyState, LocalizedText, Tag, type TagKind } from '../../kernel/ui/components.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { BodyPageSection, BodyRow, Standing } from '../bodies/index.js';
import { viewFollowUp } from '../workgroups/index.js';
import { overdueActionsByGroup, type OverdueGroup } from './agreements-store.js';
import { manageMeetings, viewMeeting } from './policies.js';
import { OverdueActionsByGroup } from './views/action-overdue.js';
import { meetingRules } from './rules.js';
import type { MeetingState, MinutesState } from './tables.js';

/** How many of each list the page shows; the rest is one link away. */
const SHOWN = 3;
const SHOWN_AGREEMENTS = 5;

export interface BodyMeetingsData {
  visible: boolean;
  public: boolean;
  manages: boolean;
  meetings: MeetingLine[];
  agreements: AgreementLine[];
  /** On the steering group's page, for those who follow the working groups up: each group's overdue action items. */
  overdue: OverdueGroup[] | null;
}

async function load(db: Queryable, body: BodyRow, actor: Actor | null, standing: Standing): Promise<BodyMeetingsData> {
  const rules = meetingRules(body);
  const resource = { standing, body: { id: body.id }, public: rules.public };
  const visible = allows(viewMeeting, actor, resource);
  const manages = allows(manageMeetings, actor, resource);
  // Working groups' items may be private: only those who follow the groups up see them.
  const overdue = body.kind === 'steering' && allows(viewFollowUp, actor, standing) ? await overdueActionsByGroup(db, todayInSpace()) : null;
  if (!visible) return { visible, public: rules.public, manages, meetings: [], agreements: [], overdue };
  const meetings = await meetingsAroundNow(db, body.id, manages, SHOWN);
  const agreements = await latestAgreementsOf(db, body.id, SHOWN_AGREEMENTS);
  return {
    visible,
    public: rules.public,
    manages,
    meetings,
    agreements,
    overdue,
  };
}

const STATE_TAG: Record<MeetingState, TagKind> = { draft: 'neutral', convened: 'info', held: 'success', cancelled: 'danger' };
const MINUTES_TAG: Record<MinutesState, TagKind> = { none: 'neutral', draft: 'neutral', circulated: 'warning', approved: 'success' };

function MeetingItem({ ctx, meeting }: { ctx: ViewContext; meeting: MeetingLine }) {
  const t = ctx.t;
  return (
    <li>
      <a href={ctx.href(`/meetings/${meeting.id}`)}>
        <LocalizedText value={meeting.title} locale={ctx.locale} />
      </a>{' '}
      — <time datetime={meeting.starts_at.toISOString()}>{ctx.formatDate(meeting.starts_at, 'longTime')}</time>{' '}
      {meeting.upcoming ? (
        <Tag kind={STATE_TAG[meeting.state]}>{t(`meetings_module.body.state.${meeting.state}`)}</Tag>
      ) : (
        <Tag kind={MINUTES_TAG[meeting.minutes_state]}>{t(`meetings_module.body.minutes.${meeting.minutes_state}`)}</Tag>
      )}
    </li>
  );
}

function render({ ctx, body, data }: { ctx: ViewContext; body: BodyRow; data: BodyMeetingsData }) {
  const t = ctx.t;
  const upcoming = data.meetings.filter((m) => m.upcoming);
  const past = data.meetings.filter((m) => !m.upcoming);
  return (
    <>
      <section aria-labelledby="meetings">
        <h2 id="meetings">{t('meetings_module.body.title')}</h2>
        {!data.visible ? (
          <p>{t('meetings_module.body.members_only')}</p>
        ) : (
          <>
            {data.manages ? (
              <p>
                <ButtonLink href={ctx.href(`/bodies/${body.slug}/meetings/new`)}>{t('meetings_module.body.new')}</ButtonLink>{' '}
                <a href={ctx.href(`/bodies/${body.slug}/meeting-rules`)}>{t('meetings_module.body.rules')}</a>
              </p>
            ) : null}
            {data.meetings.length === 0 ? (
              <EmptyState title={t('meetings_module.body.none')} level={3}>
                <p>{t('meetings_module.body.none_body')}</p>
              </EmptyState>
            ) : (
              <>
                <h3>{t('meetings_module.body.upcoming')}</h3>
                {upcoming.length === 0 ? <p>{t('meetings_module.body.no_upcoming')}</p> : <ul>{upcoming.map((m) => <MeetingItem ctx={ctx} meeting={m} />)}</ul>}
                <h3>{t('meetings_module.body.past')}</h3>
                {past.length === 0 ? <p>{t('meetings_module.body.no_past')}</p> : <ul>{past.map((m) => <MeetingItem ctx={ctx} meeting={m} />)}</ul>}
              </>
            )}
            <ul class="links">
              <li>
                <a href={ctx.href(`/bodies/${body.slug}/meetings`)}>{t('meetings_module.body.all')}</a>
              </li>
              <li>
                <a href={ctx.href(`/bodies/${body.slug}/calendar`)}>{t('meetings_module.body.calendar')}</a>
              </li>
              {data.public ? (
                <li>
                  <a href={`/bodies/${body.id}/calendar.ics${ctx.locale === 'ca' ? '' : `?lang=${ctx.locale}`}`}>{t('meetings_module.body.feed')}</a>
                </li>
              ) : null}
            </ul>
          </>
        )}
      </section>
      {data.visible ? (
        <section aria-labelledby="agreements">
          <h2 id="agreements">{t('meetings_module.body.agreements')}</h2>
          {data.agreements.length === 0 ? (
            <p>{t('meetings_module.body.no_agreements')}</p>
          ) : (
            <ul>
              {data.agreements.map((a) => (
                <li>
                  <a href={ctx.href(`/agreements/${a.id}`)}>{t('meetings_module.body.agreement_number', { year: a.year, number: a.number })}</a>{' '}
                  ({ctx.formatDate(a.adopted_on, 'short')}): <Excerpt ctx={ctx} text={a.text} />
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={ctx.href(`/bodies/${body.slug}/agreements`)}>{t('meetings_module.body.register')}</a>
          </p>
        </section>
      ) : null}
      {data.overdue ? (
        <section aria-labelledby="overdue-actions">
          <h2 id="overdue-actions">{t('meetings_module.body.overdue')}</h2>
          <OverdueActionsByGroup ctx={ctx} groups={data.overdue} />
        </section>
      ) : null}
    </>
  );
}

/** The first words of an agreement, for a list, marked with its language when it is not the page's. */
function Excerpt({ ctx, text, max = 160 }: { ctx: ViewContext; text: Translatable; max?: number }) {
  const picked = pickTranslation(text, ctx.locale);
  const clean = picked.text.replace(/\s+/g, ' ').trim();
  return <span lang={picked.lang === ctx.locale ? undefined : picked.lang}>{clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`}</span>;
}

export const bodyMeetingsSection: BodyPageSection<BodyMeetingsData> = { id: 'meetings', load, render };
