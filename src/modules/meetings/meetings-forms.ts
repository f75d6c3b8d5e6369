/** How the meetings' form routes run a form's command, and the values of the meetings' and agenda items' forms as typed. */
import type { AppError } from '../../kernel/errors.js';
import type { AppContext } from '../../kernel/http/env.js';
import { formRefusal } from '../../kernel/http/forms.js';

/**
 * Runs a form's command: on success `run` flashes and names where to go (303); a refusal the
 * person can act on (422/409: see `formRefusal`) is shown by `refused`; anything else is thrown on.
 */
export async function submit(c: AppContext, run: () => Promise<string>, refused: (error: AppError) => Response | Promise<Response>): Promise<Response> {
  let location: string;
  try {
    location = await run();
  } catch (error) {
    const refusal = formRefusal(error);
    if (!refusal) throw error;
    return refused(refusal);
  }
  return c.redirect(location, 303);
}

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
