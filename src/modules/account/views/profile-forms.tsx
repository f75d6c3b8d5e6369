/** The one-question pages behind the account page's "Change" links: name, language, gender. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { Button, ButtonGroup, ErrorSummary, Form, Radios, TextField } from '../../../kernel/ui/components.js';
import { LOCALES } from '../../../kernel/i18n/index.js';
import { GENDERS } from '../update-profile.js';
import { accountCrumbs, BackToAccount, LANGUAGE_NAMES } from './shared.js';

interface FormPageProps {
  ctx: ViewContext;
  /** What the form shows: what the person typed when sent back, or what is stored. */
  value: string | null;
  errors?: FieldErrors | undefined;
}

export function NamePage({ ctx, value, errors }: FormPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.name.title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.name.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={ctx.href('/account/name')}>
        <TextField
          name="name"
          label={t('account.name.title')}
          pageHeading
          hint={t('account.name.hint')}
          autocomplete="name"
          spellcheck={false}
          maxlength={200}
          value={value}
          error={errors?.name}
          required
        />
        <ButtonGroup>
          <Button>{t('account.save')}</Button>
          <BackToAccount ctx={ctx} />
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

export function LanguagePage({ ctx, value, errors }: FormPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.language.title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.language.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={ctx.href('/account/language')}>
        <Radios
          name="locale"
          legend={t('account.language.title')}
          pageHeading
          hint={t('account.language.hint')}
          options={LOCALES.map((locale) => ({ value: locale, label: <span lang={locale}>{LANGUAGE_NAMES[locale]}</span> }))}
          value={value}
          error={errors?.locale}
        />
        <ButtonGroup>
          <Button>{t('account.save')}</Button>
          <BackToAccount ctx={ctx} />
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

export function GenderPage({ ctx, value, errors }: FormPageProps) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('account.gender.title')} hasErrors={!!errors} breadcrumbs={accountCrumbs(ctx, t('account.gender.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={ctx.href('/account/gender')}>
        <Radios
          name="gender"
          legend={t('account.gender.title')}
          pageHeading
          hint={t('account.gender.hint')}
          options={GENDERS.map((gender) => ({ value: gender, label: t(`account.gender.options.${gender}`) }))}
          value={value}
          error={errors?.gender}
        />
        <ButtonGroup>
          <Button>{t('account.save')}</Button>
          <BackToAccount ctx={ctx} />
        </ButtonGroup>
      </Form>
    </Layout>
  );
}
