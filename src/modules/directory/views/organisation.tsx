/**
 * An organisation's public page: its facts, the federations it belongs to, the organisations
 * that belong to it, and who sits in the space's bodies on its behalf today.
 */
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import { ButtonLink, EmptyState, LocalizedText, SummaryList, Table, Tag } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { OrganisationPage as OrganisationData } from '../directory.js';
import type { DirectoryRow, OrganisationMandate, OrganisationRef } from '../listings.js';
import { directoryCrumbs, districtText, familyText, levelText, organisationPath } from './parts.js';

function Description({ ctx, organisation }: { ctx: ViewContext; organisation: DirectoryRow }) {
  if (!organisation.description) return null;
  const { text, lang } = pickTranslation(organisation.description, ctx.locale);
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return (
    <div class="two-thirds" lang={lang === ctx.locale ? undefined : lang}>
      {paragraphs.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </div>
  );
}

function Facts({ ctx, organisation }: { ctx: ViewContext; organisation: DirectoryRow }) {
  const t = ctx.t;
  const none = <span class="text-soft">{t('directory.organisation.none')}</span>;
  return (
    <SummaryList
      rows={[
        { key: t('directory.organisation.facts.short_name'), value: organisation.short_name },
        { key: t('directory.organisation.facts.level'), value: levelText(ctx, organisation) },
        {
          key: t('directory.organisation.facts.families'),
          value: organisation.families.length > 0 ? organisation.families.map((family) => familyText(ctx, family)).join(', ') : none,
        },
        {
          key: t('directory.organisation.facts.representative'),
          value: organisation.representative_since
            ? // A day in the past, not an appointment: no weekday ("des del 10 de març del 2022").
              t('directory.organisation.facts.representative_since', { date: ctx.formatDate(organisation.representative_since, 'short') })
            : t('directory.organisation.facts.not_representative'),
        },
        { key: t('directory.organisation.facts.district'), value: organisation.district ? districtText(ctx, organisation.district) : none },
        {
          key: t('directory.organisation.facts.website'),
          // Only http(s) addresses are stored (checked on input and by the table), so the link is safe.
          value: organisation.website ? (
            <a href={organisation.website} rel="noopener noreferrer nofollow">
              {organisation.website}
            </a>
          ) : (
            none
          ),
        },
      ]}
    />
  );
}

function OrganisationList({ ctx, organisations }: { ctx: ViewContext; organisations: OrganisationRef[] }) {
  return (
    <ul>
      {organisations.map((o) => (
        <li>
          <a href={ctx.href(organisationPath(o.id))}>{o.name}</a> <span class="text-soft">({levelText(ctx, o)})</span>
        </li>
      ))}
    </ul>
  );
}

function Federations({ ctx, organisation }: { ctx: ViewContext; organisation: DirectoryRow }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="member-of">
      <h2 id="member-of">{t('directory.organisation.member_of.title')}</h2>
      {organisation.parents.length > 0 ? (
        <OrganisationList ctx={ctx} organisations={organisation.parents} />
      ) : (
        <p>{t(organisation.kind === 'administration' ? 'directory.organisation.member_of.council_unit' : 'directory.organisation.member_of.empty')}</p>
      )}
    </section>
  );
}

function Members({ ctx, organisation, members }: { ctx: ViewContext; organisation: DirectoryRow; members: OrganisationRef[] }) {
  const t = ctx.t;
  // Level-1 organisations and council units have no members by the rules: nothing to say.
  if (members.length === 0 && (organisation.kind === 'administration' || organisation.level === 1)) return null;
  return (
    <section aria-labelledby="members">
      <h2 id="members">{t('directory.organisation.members.title')}</h2>
      {members.length > 0 ? (
        <>
          <p>{t('directory.organisation.members.count', { count: members.length })}</p>
          <Table
            ctx={ctx}
            caption={t('directory.organisation.members.caption', { name: organisation.short_name })}
            captionHidden
            rowHeaders
            head={[t('directory.table.name'), t('directory.table.level')]}
            rows={members.map((m) => [<a href={ctx.href(organisationPath(m.id))}>{m.name}</a>, levelText(ctx, m)])}
          />
        </>
      ) : (
        <p>{t('directory.organisation.members.empty')}</p>
      )}
    </section>
  );
}

function Mandates({ ctx, organisation, mandates }: { ctx: ViewContext; organisation: DirectoryRow; mandates: OrganisationMandate[] }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="mandates">
      <h2 id="mandates">{t('directory.organisation.mandates.title')}</h2>
      {mandates.length > 0 ? (
        <Table
          ctx={ctx}
          caption={t('directory.organisation.mandates.caption', { name: organisation.short_name })}
          captionHidden
          rowHeaders
          head={[t('directory.organisation.mandates.person'), t('directory.organisation.mandates.body'), t('directory.organisation.mandates.role'), t('directory.organisation.mandates.college'), t('directory.organisation.mandates.since')]}
          rows={mandates.map((m) => [
            <a href={ctx.href(`/people/${m.person_id}`)}>{m.person_name}</a>,
            <LocalizedText as="a" href={ctx.href(`/bodies/${m.body_slug}`)} value={m.body_name} locale={ctx.locale} />,
            t(`directory.mandates.roles.${m.role}`),
            t(`directory.mandates.colleges.${m.college}`),
            <time datetime={m.starts_on}>{ctx.formatDate(m.starts_on, 'short')}</time>,
          ])}
        />
      ) : (
        <EmptyState title={t('directory.organisation.mandates.empty_title')} level={3}>
          <p>{t('directory.organisation.mandates.empty_body')}</p>
        </EmptyState>
      )}
    </section>
  );
}

/** The organisation's page. `canManage` shows the way to edit it. */
export function OrganisationPage({ ctx, data, canManage }: { ctx: ViewContext; data: OrganisationData; canManage: boolean }) {
  const t = ctx.t;
  const { organisation } = data;
  return (
    <Layout ctx={ctx} title={organisation.name} breadcrumbs={directoryCrumbs(ctx, [{ label: organisation.short_name }])}>
      <p class="caption mb-0">{levelText(ctx, organisation)}</p>
      <h1>{organisation.name}</h1>
      {organisation.representative_since ? (
        <p>
          <Tag kind="info">{t('directory.organisation.representative_tag')}</Tag>
        </p>
      ) : null}
      {canManage ? (
        <p>
          <ButtonLink href={ctx.href(`${organisationPath(organisation.id)}/edit`)} variant="secondary">
            {t('directory.organisation.edit')}
          </ButtonLink>
        </p>
      ) : null}
      <Description ctx={ctx} organisation={organisation} />
      <Facts ctx={ctx} organisation={organisation} />
      <Federations ctx={ctx} organisation={organisation} />
      <Members ctx={ctx} organisation={organisation} members={data.members} />
      <Mandates ctx={ctx} organisation={organisation} mandates={data.mandates} />
    </Layout>
  );
}
