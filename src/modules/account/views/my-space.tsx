/**
 * "My space": the signed-in person's start page. It says how their account stands (what to fix,
 * with a link), what they can do here, and then the blocks the modules contribute.
 */
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { ButtonLink, SummaryList, TaskList, type Task } from '../../../kernel/ui/components.js';
import type { SessionAccount } from '../../../kernel/http/env.js';
import type { MySpaceBlock } from '../my-space.js';

function securityTasks(ctx: ViewContext, user: SessionAccount, twoFactorRequired: boolean): Task[] {
  const t = ctx.t;
  const verified = user.email_verified_at !== null;
  const twoFactorOn = user.totp_enabled_at !== null;
  return [
    {
      title: t('account.my_space.verify_email'),
      href: verified ? undefined : `${ctx.href('/account')}#details`,
      hint: verified ? t('account.my_space.verify_email_done', { email: user.email ?? '' }) : t('account.my_space.verify_email_todo'),
      status: verified ? { kind: 'success', label: t('account.status.done') } : { kind: 'warning', label: t('account.status.to_do') },
    },
    {
      title: t('account.my_space.two_factor'),
      href: ctx.href('/account/two-factor'),
      hint: twoFactorOn ? t('account.my_space.two_factor_on') : twoFactorRequired ? t('account.my_space.two_factor_required') : t('account.my_space.two_factor_off'),
      status: twoFactorOn
        ? { kind: 'success', label: t('account.status.on') }
        : twoFactorRequired
          ? { kind: 'danger', label: t('account.status.required') }
          : { kind: 'info', label: t('account.status.recommended') },
    },
  ];
}

export function MySpacePage(props: { ctx: ViewContext; user: SessionAccount; twoFactorRequired: boolean; blocks: MySpaceBlock[] }) {
  const { ctx, user, blocks } = props;
  const t = ctx.t;
  const roles = user.roles.length > 0 ? user.roles : (['participant'] as const);
  return (
    <Layout ctx={ctx} title={t('account.my_space.title')}>
      <h1>{t('account.my_space.greeting', { name: user.name })}</h1>
      <p class="lead">{t('account.my_space.lead')}</p>

      <section>
        <h2>{t('account.my_space.account_title')}</h2>
        <TaskList id="account-tasks" items={securityTasks(ctx, user, props.twoFactorRequired)} />
      </section>

      <section>
        <h2>{t('account.my_space.roles_title')}</h2>
        <SummaryList bordered={false} rows={roles.map((role) => ({ key: t(`account.roles.${role}.name`), value: t(`account.roles.${role}.description`) }))} />
      </section>

      {blocks.map((block) => (
        <section>
          <h2>{block.title}</h2>
          {block.body}
          {block.more ? (
            <p>
              <a href={block.more.href}>{block.more.label}</a>
            </p>
          ) : null}
        </section>
      ))}

      <ButtonLink href={ctx.href('/account')} variant="secondary">
        {t('account.my_space.manage_account')}
      </ButtonLink>
    </Layout>
  );
}
