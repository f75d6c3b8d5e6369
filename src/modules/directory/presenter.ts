/**
 * The organisation as the JSON API shows it (API.md, Directory): ids as strings, dates as
 * `YYYY-MM-DD`, timestamps as RFC 3339, the description translatable. The schema documents it
 * in the OpenAPI document; `presentOrganisation` is the only way a row becomes JSON.
 */
import { z } from '@hono/zod-openapi';
import type { Locale } from '../../kernel/i18n/index.js';
import type { DirectoryRow } from './listings.js';
import { DISTRICTS, FAMILIES, ORGANISATION_KINDS } from './schema.js';

const DescriptionSchema = z
  .object({
    ca: z.string().openapi({ example: "Cooperativa de serveis financers ètics i solidaris." }),
    es: z.string().optional().openapi({ example: 'Cooperativa de servicios financieros éticos y solidarios.' }),
    en: z.string().optional().openapi({ example: 'A co-operative of ethical, solidarity-based financial services.' }),
  })
  .openapi({ description: 'Translatable: Catalan always, Spanish and English when translated.' });

export const OrganisationSchema = z
  .object({
    id: z.string().openapi({ example: '20' }),
    name: z.string().openapi({ example: 'Coop57 SCCL' }),
    short_name: z.string().openapi({ description: 'How the sector names it; unique.', example: 'Coop57' }),
    kind: z.enum(ORGANISATION_KINDS).openapi({ description: '`entity`, or `administration` for a council unit.' }),
    level: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Entities only: 1 an organisation, 2 a federation or network, 3 a confederation, 4 a platform. Null for council units.', example: 1 }),
    families: z.array(z.enum(FAMILIES)).openapi({ description: 'Sector families.', example: ['ethical_finance', 'cooperative'] }),
    member_of: z.array(z.string()).openapi({ description: 'Ids of the organisations it is a direct member of, all of a higher level.', example: ['8'] }),
    representative_since: z
      .string()
      .nullable()
      .openapi({ format: 'date', description: 'Recognised as a representative entity of the space since that day; null when not.', example: null }),
    representative: z.boolean().openapi({ description: 'Whether it is a representative entity now (`representative_since` is set).', example: false }),
    district: z.enum(DISTRICTS).nullable().openapi({ description: "Barcelona's district, or null.", example: 'sant_marti' }),
    website: z.string().nullable().openapi({ format: 'uri', example: 'https://coop57.coop' }),
    description: DescriptionSchema.nullable(),
    external_id: z.string().nullable().openapi({ description: 'Its id in the registry it was imported from (CSV import), if any.', example: null }),
    url: z.string().openapi({ description: "The organisation's public page.", example: '/ca/organisations/20' }),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Organisation');

export type OrganisationJson = z.infer<typeof OrganisationSchema>;

/** An organisation as the API answers it. Never the row as it is. */
export function presentOrganisation(row: DirectoryRow, locale: Locale): OrganisationJson {
  return {
    id: String(row.id),
    name: row.name,
    short_name: row.short_name,
    kind: row.kind,
    level: row.level,
    families: row.families as OrganisationJson['families'],
    member_of: row.member_of.map(String),
    representative_since: row.representative_since,
    representative: row.representative_since !== null,
    district: row.district as OrganisationJson['district'],
    website: row.website,
    description: row.description ? { ca: row.description.ca, ...(row.description.es ? { es: row.description.es } : {}), ...(row.description.en ? { en: row.description.en } : {}) } : null,
    external_id: row.external_id,
    url: `/${locale}/organisations/${row.id}`,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
