/** The values of the meetings' and agenda items' forms as typed. */

/** The values of a meeting's form, as typed. */
export interface MeetingFormValues {
  title_ca: string;
  title_es: string;
  title_en: string;
  kind: string;
  format: string;
  place: string;
  online_url: string;
  date: string;
  start_time: string;
  end_time: string;
  description: string;
}

/** The values of an agenda item's form, as typed. */
export interface AgendaItemFormValues {
  title_ca: string;
  title_es: string;
  title_en: string;
  kind: string;
  presenter: string;
  duration_minutes: string;
  description: string;
}

/** A form's translatable field as the schema takes it (empty translations left out). */
export function translatableFrom(ca: string, es: string, en: string): { ca: string; es?: string; en?: string } {
  return { ca, ...(es.trim() ? { es } : {}), ...(en.trim() ? { en } : {}) };
}
