/** Inviting a person by e-mail, and the invitations not yet accepted. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { LOCALES } from '../../../kernel/i18n/index.js';
import { Button, Checkboxes, EmptyState, ErrorSummary, Form, Radios, Table, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { PendingInvitation } from '../invitations.js';
import { GLOBAL_ROLES } from '../people.js';
import { adminCrumbs, LANGUAGE_NAMES, RoleTags, When } from './parts.js';

/** What the form shows again after a mistake. */
export interface InvitationValues {
  email: string;
  name: string;
  roles: string[];
  locale: string;
}

export interface InvitationsPageProps {
  ctx: ViewContext;
  pending: PendingInvitation[];
  smtpConfigured: boolean;
  values?: InvitationValues;
  errors?: FieldErrors;
}

/** The invitation form above the pending invitations. */
export function InvitationsPage({ ctx, pending, smtpConfigured, values, errors }: InvitationsPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('admin.invitations.title')} wide hasErrors={!!errors} breadcrumbs={adminCrumbs(ctx, [{ label: t('admin.invitations.title') }])}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('admin.invitations.title')}</h1>
      <div class="two-thirds">
        <p>{t('admin.invitations.lead')}</p>
        {smtpConfigured ? null : (
          <p>
            {t('admin.invitations.no_smtp')} <a href={ctx.href('/admin/outbox?status=held')}>{t('admin.invitations.no_smtp_link')}</a>
          </p>
        )}
        <Form ctx={ctx} action={ctx.href('/admin/invitations')}>
          <TextField name="email" type="email" label={t('admin.invitations.fields.email')} value={values?.email} error={errors?.email} autocomplete="off" spellcheck={false} required />
          <TextField name="name" label={t('admin.invitations.fields.name')} hint={t('admin.invitations.fields.name_hint')} value={values?.name} error={errors?.name} autocomplete="off" required />
          <Checkboxes
            name="roles"
            legend={t('admin.invitations.fields.roles')}
            hint={t('admin.invitations.fields.roles_hint')}
            options={GLOBAL_ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`), hint: t(`admin.roles.${role}_hint`) }))}
            values={values?.roles ?? []}
            error={errors?.roles}
            optional
          />
          <Radios
            name="locale"
            legend={t('admin.invitations.fields.locale')}
            hint={t('admin.invitations.fields.locale_hint')}
            options={LOCALES.map((locale) => ({ value: locale, label: <span lang={locale}>{LANGUAGE_NAMES[locale]}</span> }))}
            value={values?.locale ?? ctx.locale}
            error={errors?.locale}
            inline
          />
          <Button>{t('admin.invitations.submit')}</Button>
        </Form>
      </div>
      <h2>{t('admin.invitations.pending.title')}</h2>
      <PendingList ctx={ctx} pending={pending} />
    </Layout>
  );
}

function PendingList({ ctx, pending }: { ctx: ViewContext; pending: PendingInvitation[] }) {
  const t = ctx.t;
  if (pending.length === 0) {
    return (
      <EmptyState level={3} title={t('admin.invitations.pending.empty_title')}>
        <p>{t('admin.invitations.pending.empty_body')}</p>
      </EmptyState>
    );
  }
  const rows = pending.map((invitation) => [
    <a href={ctx.href(`/admin/people/${invitation.userId}`)}>{invitation.name}</a>,
    invitation.email,
    <RoleTags ctx={ctx} roles={invitation.roles} />,
    LANGUAGE_NAMES[invitation.locale] ?? invitation.locale,
    invitation.invitedBy ?? t('admin.invitations.pending.unknown_inviter'),
    <When ctx={ctx} at={invitation.invitedAt} />,
    <When ctx={ctx} at={invitation.expiresAt} />,
  ]);
  return (
    <Table
      ctx={ctx}
      caption={t('admin.invitations.pending.caption')}
      captionHidden
      rowHeaders
      head={[
        t('admin.invitations.pending.name'),
        t('admin.invitations.pending.email'),
        t('admin.invitations.pending.roles'),
        t('admin.invitations.pending.language'),
        t('admin.invitations.pending.invited_by'),
        t('admin.invitations.pending.invited_at'),
        t('admin.invitations.pending.expires_at'),
      ]}
      rows={rows}
    />
  );
}
