/** The steering group's decision on a proposed working group: the proposal in full, then approve or decline. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, Form, Radios, SummaryList, TextArea } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { GroupRow } from '../store.js';
import { CharterList, GroupPage, Paragraphs, StateTag } from './parts.js';

export interface ProposalFacts {
  group: GroupRow;
  proposerName: string | null;
  organisationName: string | null;
}

/** Who proposed the group, for whom, until when, and who may join it. */
export function ProposalSummary({ ctx, facts }: { ctx: ViewContext; facts: ProposalFacts }) {
  const t = ctx.t;
  const { group } = facts;
  const levels = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(group.allowed_levels.map((level) => t(`workgroups.levels.${level}`)));
  return (
    <SummaryList
      rows={[
        { key: t('workgroups.decision.facts.state'), value: <StateTag ctx={ctx} state={group.state} /> },
        {
          key: t('workgroups.decision.facts.proposer'),
          value: facts.proposerName
            ? facts.organisationName
              ? t('workgroups.decision.facts.proposer_for', { name: facts.proposerName, organisation: facts.organisationName })
              : t('workgroups.decision.facts.proposer_individual', { name: facts.proposerName })
            : t('workgroups.decision.facts.proposer_unknown'),
        },
        { key: t('workgroups.decision.facts.purpose'), value: group.purpose ? <Paragraphs ctx={ctx} value={group.purpose} /> : '—' },
        { key: t('workgroups.decision.facts.sunset'), value: group.sunset_on ? ctx.formatDate(group.sunset_on, 'long') : '—' },
        { key: t('workgroups.decision.facts.levels'), value: group.allowed_levels.length > 0 ? levels : t('workgroups.decision.facts.any_level') },
        { key: t('workgroups.decision.facts.interval'), value: t('workgroups.decision.facts.interval_days', { count: group.report_interval_days ?? 0 }) },
      ]}
    />
  );
}

export interface DecisionPageProps {
  ctx: ViewContext;
  facts: ProposalFacts;
  values?: { decision: string; reason: string };
  errors?: FieldErrors | undefined;
}

/** The proposal, then the decision form: approve, or decline with a reason. */
export function DecisionPage({ ctx, facts, values, errors }: DecisionPageProps) {
  const t = ctx.t;
  const { group } = facts;
  const title = t('workgroups.decision.title');
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={errors}>
      <p class="lead">{t('workgroups.decision.lead')}</p>
      <ProposalSummary ctx={ctx} facts={facts} />
      <h2>{t('workgroups.charter.title')}</h2>
      <CharterList ctx={ctx} charter={group.charter} />
      <h2>{t('workgroups.decision.form_title')}</h2>
      <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/decision`)}>
        <Radios
          name="decision"
          legend={t('workgroups.decision.fields.decision')}
          options={[
            { value: 'approve', label: t('workgroups.decision.approve'), hint: t('workgroups.decision.approve_hint') },
            { value: 'decline', label: t('workgroups.decision.decline'), hint: t('workgroups.decision.decline_hint') },
          ]}
          value={values?.decision}
          error={errors?.decision}
        />
        <TextArea
          name="reason"
          label={t('workgroups.decision.fields.reason')}
          hint={t('workgroups.decision.hints.reason')}
          value={values?.reason}
          error={errors?.reason}
          rows={4}
          maxlength={2000}
        />
        <ButtonGroup>
          <Button>{t('workgroups.decision.submit')}</Button>
          <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.cancel')}</a>
        </ButtonGroup>
      </Form>
    </GroupPage>
  );
}
