/**
 * The account page: the person's details and security as summary lists with "Change" links,
 * their open sessions and API tokens with a way to end each, and their data (download, delete).
 */
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonLink, EmptyState, Form, SummaryList, Table, Tag, VisuallyHidden } from '../../../kernel/ui/components.js';
import type { ApiTokenRow, SessionRow, UserRow } from '../../identity/index.js';
import type { AccountOverview } from '../read-account.js';
import { describeDevice } from './device.js';
import { accountCrumbs, LANGUAGE_NAMES } from './shared.js';

function DetailsSection({ ctx, user }: { ctx: ViewContext; user: UserRow }) {
  const t = ctx.t;
  const change = (path: string, context: string) => ({ href: ctx.href(path), label: t('account.change'), context });
  return (
    <section>
      <h2 id="details">{t('account.page.details_title')}</h2>
      <SummaryList
        rows={[
          { key: t('account.fields.name'), value: user.name, action: change('/account/name', t('account.change_context.name')) },
          {
            key: t('account.fields.email'),
            value: (
              <>
                <p class="mt-0">
                  {user.email}{' '}
                  {user.email_verified_at ? <Tag kind="success">{t('account.email.verified')}</Tag> : <Tag kind="warning">{t('account.email.unverified')}</Tag>}
                </p>
                {user.email_verified_at ? null : (
                  <>
                    <p class="text-soft">{t('account.email.unverified_hint')}</p>
                    <Form ctx={ctx} action={ctx.href('/account/verification-email')}>
                      <Button variant="secondary">{t('account.email.send_link')}</Button>
                    </Form>
                  </>
                )}
                <p class="text-soft mb-0">{t('account.email.not_editable')}</p>
              </>
            ),
          },
          { key: t('account.fields.language'), value: <span lang={user.locale}>{LANGUAGE_NAMES[user.locale]}</span>, action: change('/account/language', t('account.change_context.language')) },
          {
            key: t('account.fields.gender'),
            value: (
              <>
                <p class="mt-0">{user.gender ? t(`account.gender.options.${user.gender}`) : t('account.gender.not_given')}</p>
                <p class="text-soft mb-0">{t('account.gender.private_note')}</p>
              </>
            ),
            action: change('/account/gender', t('account.change_context.gender')),
          },
        ]}
      />
    </section>
  );
}

function SecuritySection({ ctx, user }: { ctx: ViewContext; user: UserRow }) {
  const t = ctx.t;
  const twoFactorOn = user.totp_enabled_at !== null;
  return (
    <section>
      <h2 id="security">{t('account.page.security_title')}</h2>
      <SummaryList
        rows={[
          {
            key: t('account.fields.password'),
            value: user.password_hash ? t('account.password.is_set') : t('account.password.not_set'),
            action: { href: ctx.href('/account/password'), label: t('account.change'), context: t('account.change_context.password') },
          },
          {
            key: t('account.fields.two_factor'),
            value: twoFactorOn ? <Tag kind="success">{t('account.status.on')}</Tag> : <Tag kind="warning">{t('account.status.off')}</Tag>,
            action: {
              href: ctx.href('/account/two-factor'),
              label: twoFactorOn ? t('account.two_factor.manage') : t('account.two_factor.turn_on'),
              context: t('account.change_context.two_factor'),
            },
          },
        ]}
      />
    </section>
  );
}

function SessionsSection({ ctx, sessions, currentSessionId }: { ctx: ViewContext; sessions: SessionRow[]; currentSessionId: number | null }) {
  const t = ctx.t;
  const others = sessions.filter((s) => s.id !== currentSessionId);
  const rows = sessions.map((session) => {
    const device = describeDevice(session.user_agent, t);
    const isCurrent = session.id === currentSessionId;
    return [
      <>
        {device} {isCurrent ? <Tag kind="info">{t('account.sessions.this_device')}</Tag> : null}
      </>,
      session.ip ?? t('account.sessions.ip_unknown'),
      ctx.formatDate(session.last_seen_at, 'shortTime'),
      isCurrent ? (
        t('account.sessions.current_hint')
      ) : (
        <Form ctx={ctx} action={ctx.href(`/account/sessions/${session.id}/revoke`)}>
          <Button variant="secondary">
            {t('account.sessions.revoke')}
            <VisuallyHidden> {t('account.sessions.revoke_context', { device })}</VisuallyHidden>
          </Button>
        </Form>
      ),
    ];
  });
  return (
    <section>
      <h2 id="sessions">{t('account.sessions.title')}</h2>
      <p>{t('account.sessions.lead')}</p>
      <Table
        ctx={ctx}
        caption={t('account.sessions.title')}
        captionHidden
        rowHeaders
        head={[t('account.sessions.device_column'), t('account.sessions.ip_column'), t('account.sessions.last_seen_column'), t('account.sessions.action_column')]}
        rows={rows}
      />
      {others.length > 0 ? (
        <Form ctx={ctx} action={ctx.href('/account/sessions/sign-out-others')}>
          <Button variant="secondary">{t('account.sessions.sign_out_others')}</Button>
        </Form>
      ) : null}
    </section>
  );
}

function TokensSection({ ctx, tokens }: { ctx: ViewContext; tokens: ApiTokenRow[] }) {
  const t = ctx.t;
  return (
    <section>
      <h2 id="tokens">{t('account.tokens.title')}</h2>
      <p>{t('account.tokens.lead')}</p>
      {tokens.length === 0 ? (
        <EmptyState level={3} title={t('account.tokens.empty')} />
      ) : (
        <Table
          ctx={ctx}
          caption={t('account.tokens.title')}
          captionHidden
          rowHeaders
          head={[t('account.tokens.name_column'), t('account.tokens.created_column'), t('account.tokens.last_used_column'), t('account.tokens.action_column')]}
          rows={tokens.map((token) => [
            token.name,
            ctx.formatDate(token.created_at, 'short'),
            token.last_used_at ? ctx.formatDate(token.last_used_at, 'shortTime') : t('account.tokens.never_used'),
            <Form ctx={ctx} action={ctx.href(`/account/tokens/${token.id}/revoke`)}>
              <Button variant="secondary">
                {t('account.tokens.revoke')}
                <VisuallyHidden> {t('account.tokens.revoke_context', { name: token.name })}</VisuallyHidden>
              </Button>
            </Form>,
          ])}
        />
      )}
      <ButtonLink href={ctx.href('/account/tokens/new')} variant="secondary">
        {t('account.tokens.create')}
      </ButtonLink>
    </section>
  );
}

/** The "download my data" button: a form, so the download is a recorded action. */
export function DownloadForm({ ctx }: { ctx: ViewContext }) {
  return (
    <Form ctx={ctx} action={ctx.href('/account/data')}>
      <Button variant="secondary">{ctx.t('account.data.download')}</Button>
    </Form>
  );
}

function DataSection({ ctx }: { ctx: ViewContext }) {
  const t = ctx.t;
  return (
    <section>
      <h2 id="data">{t('account.data.title')}</h2>
      <p>{t('account.data.lead')}</p>
      <DownloadForm ctx={ctx} />
      <h3>{t('account.delete.title')}</h3>
      <p>{t('account.delete.lead')}</p>
      <ButtonLink href={ctx.href('/account/delete')} variant="warning">
        {t('account.delete.start')}
      </ButtonLink>
    </section>
  );
}

export function AccountPage(props: { ctx: ViewContext; overview: AccountOverview; currentSessionId: number | null }) {
  const { ctx, overview } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.page.title')} breadcrumbs={accountCrumbs(ctx)}>
      <h1>{t('account.page.title')}</h1>
      <DetailsSection ctx={ctx} user={overview.user} />
      <SecuritySection ctx={ctx} user={overview.user} />
      <SessionsSection ctx={ctx} sessions={overview.sessions} currentSessionId={props.currentSessionId} />
      <TokensSection ctx={ctx} tokens={overview.tokens} />
      <DataSection ctx={ctx} />
    </Layout>
  );
}
