/** One person as the administration sees them: their facts, their global roles, their account's state. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonLink, Checkboxes, ErrorSummary, Form, NotificationBanner, SummaryList } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { requiresTwoFactor } from '../../identity/index.js';
import { GLOBAL_ROLES, type PersonOverview } from '../people.js';
import { AccountStatusTag, adminCrumbs, LANGUAGE_NAMES, queryString, RoleTags, TwoFactorTag, When } from './parts.js';

export interface PersonPageProps {
  ctx: ViewContext;
  overview: PersonOverview;
  /** The roles as sent back with an error, so the boxes show what was ticked. */
  roles?: string[];
  errors?: FieldErrors;
}

/** The person's page. */
export function PersonPage({ ctx, overview, roles, errors }: PersonPageProps) {
  const t = ctx.t;
  const { person } = overview;
  const isSelf = ctx.user?.id === person.id;
  return (
    <Layout
      ctx={ctx}
      title={person.name}
      hasErrors={!!errors}
      breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.people.title'), href: ctx.href('/admin/people') }, { label: person.name }])}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption">{t('admin.person.caption')}</span>
      <h1>{person.name}</h1>
      {overview.owesTwoFactor ? (
        <NotificationBanner kind="warning" title={t('admin.person.two_factor_owed.title')}>
          <p>{t('admin.person.two_factor_owed.body', { name: person.name })}</p>
        </NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: t('admin.person.fields.name'), value: person.name },
          { key: t('admin.person.fields.email'), value: person.email ?? t('admin.person.no_email') },
          { key: t('admin.person.fields.language'), value: LANGUAGE_NAMES[person.locale] ?? person.locale },
          { key: t('admin.person.fields.roles'), value: <RoleTags ctx={ctx} roles={person.roles} /> },
          { key: t('admin.person.fields.status'), value: <AccountStatusTag ctx={ctx} status={person.status} invitationPending={overview.invitationPending} /> },
          {
            key: t('admin.person.fields.two_factor'),
            value: <TwoFactorTag ctx={ctx} enabled={person.totp_enabled_at !== null} required={requiresTwoFactor(person)} />,
          },
          {
            key: t('admin.person.fields.email_verified'),
            value: person.email_verified_at ? <When ctx={ctx} at={person.email_verified_at} style="short" /> : t('admin.person.not_verified'),
          },
          { key: t('admin.person.fields.created'), value: <When ctx={ctx} at={person.created_at} style="short" /> },
          { key: t('admin.person.fields.sessions'), value: t('admin.person.sessions_count', { count: overview.liveSessions }) },
        ]}
      />
      {person.status === 'deleted' ? (
        <p>{t('admin.person.deleted')}</p>
      ) : (
        <>
          <RolesForm ctx={ctx} overview={overview} roles={roles} error={errors?.roles} />
          <h2>{t('admin.person.account.title')}</h2>
          {person.status === 'active' ? (
            isSelf ? (
              <p>{t('admin.person.account.self')}</p>
            ) : (
              <>
                <p>{t('admin.person.account.disable_lead')}</p>
                <ButtonLink variant="warning" href={ctx.href(`/admin/people/${person.id}/disable`)}>
                  {t('admin.person.disable.button')}
                </ButtonLink>
              </>
            )
          ) : (
            <>
              <p>{t('admin.person.account.disabled_lead')}</p>
              <ButtonLink variant="secondary" href={ctx.href(`/admin/people/${person.id}/enable`)}>
                {t('admin.person.enable.button')}
              </ButtonLink>
            </>
          )}
        </>
      )}
      <h2>{t('admin.person.audit.title')}</h2>
      <ul>
        <li>
          <a href={ctx.href(`/admin/audit${queryString({ subject_type: 'user', subject_id: person.id })}`)}>{t('admin.person.audit.changes')}</a>
        </li>
        <li>
          <a href={ctx.href(`/admin/audit${queryString({ actor: person.id })}`)}>{t('admin.person.audit.actions')}</a>
        </li>
      </ul>
    </Layout>
  );
}

function RolesForm({ ctx, overview, roles, error }: { ctx: ViewContext; overview: PersonOverview; roles: string[] | undefined; error: string | undefined }) {
  const t = ctx.t;
  const { person } = overview;
  return (
    <>
      <h2>{t('admin.person.roles.title')}</h2>
      <Form ctx={ctx} action={ctx.href(`/admin/people/${person.id}/roles`)}>
        <Checkboxes
          name="roles"
          legend={t('admin.person.roles.legend', { name: person.name })}
          hint={t('admin.person.roles.hint')}
          options={GLOBAL_ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`), hint: t(`admin.roles.${role}_hint`) }))}
          values={roles ?? person.roles}
          error={error}
        />
        <Button>{t('admin.person.roles.submit')}</Button>
      </Form>
    </>
  );
}

export interface StatusConfirmProps {
  ctx: ViewContext;
  overview: PersonOverview;
  change: 'disable' | 'enable';
  /** Why the change was refused, when it was. */
  refusal?: string;
}

/** "Check before you do it": what disabling (or enabling) this account will do, and the button. */
export function StatusConfirmPage({ ctx, overview, change, refusal }: StatusConfirmProps) {
  const t = ctx.t;
  const { person } = overview;
  const title = t(`admin.person.${change}.title`, { name: person.name });
  const back = ctx.href(`/admin/people/${person.id}`);
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={!!refusal}
      breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.people.title'), href: ctx.href('/admin/people') }, { label: person.name, href: back }, { label: title }])}
    >
      {refusal ? (
        <NotificationBanner kind="error" title={t('admin.person.refused')} live>
          <p>{refusal}</p>
        </NotificationBanner>
      ) : null}
      <h1>{title}</h1>
      {change === 'disable' ? (
        <ul>
          <li>{t('admin.person.disable.sessions', { count: overview.liveSessions })}</li>
          <li>{t('admin.person.disable.tokens')}</li>
          <li>{t('admin.person.disable.content')}</li>
          <li>{t('admin.person.disable.reversible')}</li>
        </ul>
      ) : (
        <ul>
          <li>{t('admin.person.enable.sign_in')}</li>
          <li>{t('admin.person.enable.tokens')}</li>
        </ul>
      )}
      {refusal ? null : (
        <Form ctx={ctx} action={ctx.href(`/admin/people/${person.id}/${change}`)}>
          <Button variant={change === 'disable' ? 'warning' : 'primary'}>{t(`admin.person.${change}.confirm`)}</Button>
        </Form>
      )}
      <p>
        <a href={back}>{t('admin.person.back', { name: person.name })}</a>
      </p>
    </Layout>
  );
}
