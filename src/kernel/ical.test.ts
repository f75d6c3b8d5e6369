import { describe, expect, it } from 'vitest';
import { CALENDAR_CONTENT_TYPE, renderCalendar, type CalendarEvent } from './ical.js';

// No iCalendar parser among the dependencies: this reads back what a calendar app would, just
// enough to check round trips (unfold, split name;params:value, unescape TEXT).
interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

function unfold(ics: string): string[] {
  return ics.replace(/\r\n$/, '').split('\r\n').reduce<string[]>((lines, line) => {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
    return lines;
  }, []);
}

function parse(ics: string): Property[] {
  return unfold(ics).map((line) => {
    const colon = line.indexOf(':');
    const [name = '', ...params] = line.slice(0, colon).split(';');
    return {
      name,
      params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
      value: line.slice(colon + 1),
    };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The properties of each component with this name, e.g. every VEVENT. */
function components(ics: string, kind: string): Property[][] {
  const found: Property[][] = [];
  let current: Property[] | undefined;
  for (const property of parse(ics)) {
    if (property.name === 'BEGIN' && property.value === kind) current = [];
    else if (property.name === 'END' && property.value === kind && current) {
      found.push(current);
      current = undefined;
    } else current?.push(property);
  }
  return found;
}

function get(properties: Property[], name: string): Property {
  const property = properties.find((p) => p.name === name);
  if (!property) throw new Error(`no ${name} in ${JSON.stringify(properties)}`);
  return property;
}

function onlyEvent(ics: string): Property[] {
  const events = components(ics, 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0] ?? [];
}

const stamp = new Date('2025-06-01T08:00:00Z');
const meeting: CalendarEvent = {
  uid: 'meeting-42@teixit.example',
  start: new Date('2025-07-10T16:00:00Z'),
  end: new Date('2025-07-10T18:00:00Z'),
  summary: 'Trobada general',
};

/** Madrid's UTC offset as Intl reports it, e.g. `+0200`: an independent check of the VTIMEZONE. */
function intlOffset(date: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return (name ?? '').replace('GMT', '').replace(':', '');
}

describe('iCalendar for meetings', () => {
  it('writes a feed a calendar app can subscribe to', () => {
    const ics = renderCalendar({
      name: 'Grup motor',
      stamp,
      events: [{
        ...meeting,
        description: 'Ordre del dia a la convocatòria',
        location: 'Sala de plens',
        url: 'https://teixit.example/meetings/42',
        status: 'TENTATIVE',
      }],
    });
    const calendar = parse(ics);
    expect(calendar[0]).toEqual({ name: 'BEGIN', params: {}, value: 'VCALENDAR' });
    expect(calendar.at(-1)).toEqual({ name: 'END', params: {}, value: 'VCALENDAR' });
    expect(get(calendar, 'PRODID').value).toBe('-//Teixit//Teixit//CA');
    expect(get(calendar, 'VERSION').value).toBe('2.0');
    expect(get(calendar, 'CALSCALE').value).toBe('GREGORIAN');
    expect(get(calendar, 'METHOD').value).toBe('PUBLISH');
    expect(get(calendar, 'X-WR-CALNAME').value).toBe('Grup motor');

    const event = onlyEvent(ics);
    expect(get(event, 'UID').value).toBe('meeting-42@teixit.example');
    expect(get(event, 'DTSTAMP').value).toBe('20250601T080000Z');
    expect(get(event, 'DTSTART')).toEqual({ name: 'DTSTART', params: { TZID: 'Europe/Madrid' }, value: '20250710T180000' });
    expect(get(event, 'DTEND')).toEqual({ name: 'DTEND', params: { TZID: 'Europe/Madrid' }, value: '20250710T200000' });
    expect(get(event, 'SUMMARY').value).toBe('Trobada general');
    expect(unescapeText(get(event, 'DESCRIPTION').value)).toBe('Ordre del dia a la convocatòria');
    expect(get(event, 'LOCATION').value).toBe('Sala de plens');
    expect(get(event, 'URL').value).toBe('https://teixit.example/meetings/42');
    expect(get(event, 'SEQUENCE').value).toBe('0');
    expect(get(event, 'STATUS').value).toBe('TENTATIVE');
    expect(CALENDAR_CONTENT_TYPE).toBe('text/calendar; charset=utf-8');
  });

  it('escapes semicolons, commas, backslashes and line breaks in text', () => {
    const summary = 'Acord 3; punt 2, esmenes';
    const description = 'Lloc: C:\\Sala; 2a planta, porta B\nPunts:\r\n1. Acta\r2. Pressupost';
    const location = 'Carrer de la Llacuna, 162; Barcelona';
    const ics = renderCalendar({ stamp, events: [{ ...meeting, summary, description, location }] });

    expect(ics).toContain('SUMMARY:Acord 3\\; punt 2\\, esmenes\r\n');
    expect(ics).toContain('LOCATION:Carrer de la Llacuna\\, 162\\; Barcelona\r\n');
    const event = onlyEvent(ics);
    expect(get(event, 'DESCRIPTION').value).toBe(
      'Lloc: C:\\\\Sala\\; 2a planta\\, porta B\\nPunts:\\n1. Acta\\n2. Pressupost',
    );
    expect(unescapeText(get(event, 'SUMMARY').value)).toBe(summary);
    expect(unescapeText(get(event, 'DESCRIPTION').value)).toBe('Lloc: C:\\Sala; 2a planta, porta B\nPunts:\n1. Acta\n2. Pressupost');
    expect(unescapeText(get(event, 'LOCATION').value)).toBe(location);
  });

  it('folds long lines at 75 octets without breaking a character, and unfolds to the original', () => {
    const description =
      "Convocatòria de la trobada general de l'Àmbit Participat d'Economia Social i Solidària. " +
      'Ordre del dia: aprovació de l’acta, seguiment del Pla d’Impuls (línia 3: contractació pública ' +
      'responsable, clàusules socials), retorn de les aportacions, torn obert de paraules — ' +
      'cal confirmar assistència; hi haurà servei d’acollida per a infants. Çà i là: ñ, ü, ï, ŀl, €, 🧶.';
    // Only two- and four-octet characters: a cut by octet count alone would land inside one.
    const accentsOnly = 'àèéíòóú'.repeat(20) + '🧶'.repeat(30);
    const decoder = new TextDecoder('utf-8', { fatal: true });

    for (const text of [description, accentsOnly]) {
      const ics = renderCalendar({ stamp, events: [{ ...meeting, description: text }] });
      const bytes = Buffer.from(ics, 'utf8');
      const physicalLines = bytes.toString('latin1').split('\r\n').slice(0, -1);
      for (const line of physicalLines) {
        const lineBytes = Buffer.from(line, 'latin1');
        expect(lineBytes.length).toBeLessThanOrEqual(75);
        // A character cut in two would make this physical line invalid UTF-8 on its own.
        expect(() => decoder.decode(lineBytes)).not.toThrow();
      }
      expect(physicalLines.filter((line) => line.startsWith(' ')).length).toBeGreaterThanOrEqual(4);
      // Read back from the octets, as an app receiving the file would.
      expect(unescapeText(get(onlyEvent(decoder.decode(bytes)), 'DESCRIPTION').value)).toBe(text);
    }
  });

  it('writes the Madrid wall time, in summer and in winter, from the right UTC instants', () => {
    const at = (iso: string) =>
      get(onlyEvent(renderCalendar({ stamp, events: [{ ...meeting, start: new Date(iso), end: undefined }] })), 'DTSTART');

    expect(at('2025-07-10T16:00:00Z')).toEqual({ name: 'DTSTART', params: { TZID: 'Europe/Madrid' }, value: '20250710T180000' });
    expect(at('2026-01-15T17:00:00Z').value).toBe('20260115T180000');
    // The days the clocks change (30 March and 26 October 2025) and the days before.
    expect(at('2025-03-29T17:00:00Z').value).toBe('20250329T180000');
    expect(at('2025-03-30T16:00:00Z').value).toBe('20250330T180000');
    expect(at('2025-03-30T00:59:59Z').value).toBe('20250330T015959');
    expect(at('2025-03-30T01:00:00Z').value).toBe('20250330T030000');
    expect(at('2025-10-25T16:00:00Z').value).toBe('20251025T180000');
    expect(at('2025-10-26T17:00:00Z').value).toBe('20251026T180000');
    // 02:30 happens twice on 26 October: the first one is written as local time…
    expect(at('2025-10-26T00:30:00Z')).toEqual({ name: 'DTSTART', params: { TZID: 'Europe/Madrid' }, value: '20251026T023000' });
    // …the second one would be read as the first, an hour early, so it is written in UTC.
    expect(at('2025-10-26T01:30:00Z')).toEqual({ name: 'DTSTART', params: {}, value: '20251026T013000Z' });
    expect(at('2025-10-26T02:00:00Z').value).toBe('20251026T030000');
    // A meeting ending in that second 02:30 has both ends in UTC, so they read alike.
    const overnight = onlyEvent(renderCalendar({
      stamp,
      events: [{ ...meeting, start: new Date('2025-10-25T22:00:00Z'), end: new Date('2025-10-26T01:30:00Z') }],
    }));
    expect(get(overnight, 'DTSTART').value).toBe('20251025T220000Z');
    expect(get(overnight, 'DTEND').value).toBe('20251026T013000Z');
  });

  it('describes Madrid summer time with the EU rules, matching the zone database', () => {
    const ics = renderCalendar({ stamp, events: [meeting] });
    const zones = components(ics, 'VTIMEZONE');
    expect(zones).toHaveLength(1);
    expect(get(zones[0] ?? [], 'TZID').value).toBe('Europe/Madrid');
    const [daylight = []] = components(ics, 'DAYLIGHT');
    const [standard = []] = components(ics, 'STANDARD');
    expect(get(daylight, 'TZNAME').value).toBe('CEST');
    expect(get(daylight, 'RRULE').value).toBe('FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(get(standard, 'TZNAME').value).toBe('CET');
    expect(get(standard, 'RRULE').value).toBe('FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');

    // Expand both rules the way a calendar app would and check each change against Intl.
    for (const rule of [daylight, standard]) {
      const from = get(rule, 'TZOFFSETFROM').value;
      const to = get(rule, 'TZOFFSETTO').value;
      const dtstart = get(rule, 'DTSTART').value;
      const month = Number(get(rule, 'RRULE').value.match(/BYMONTH=(\d+)/)?.[1]);
      const [hour, minute] = [Number(dtstart.slice(9, 11)), Number(dtstart.slice(11, 13))];
      const fromMinutes = (from.startsWith('-') ? -1 : 1) * (Number(from.slice(1, 3)) * 60 + Number(from.slice(3, 5)));
      for (let year = Number(dtstart.slice(0, 4)); year <= 2040; year++) {
        const lastDay = new Date(Date.UTC(year, month, 0));
        const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
        const change = new Date(Date.UTC(year, month - 1, lastSunday, hour, minute) - fromMinutes * 60_000);
        expect(intlOffset(new Date(change.getTime() - 1000)), `${year} before`).toBe(from);
        expect(intlOffset(change), `${year} after`).toBe(to);
      }
    }
  });

  it('sends a cancellation with a raised sequence', () => {
    const ics = renderCalendar({ method: 'CANCEL', stamp, events: [{ ...meeting, status: 'CANCELLED', sequence: 3 }] });
    expect(get(parse(ics), 'METHOD').value).toBe('CANCEL');
    const event = onlyEvent(ics);
    expect(get(event, 'UID').value).toBe('meeting-42@teixit.example');
    expect(get(event, 'STATUS').value).toBe('CANCELLED');
    expect(get(event, 'SEQUENCE').value).toBe('3');

    const request = renderCalendar({ method: 'REQUEST', stamp, events: [{ ...meeting, sequence: 1 }] });
    expect(get(parse(request), 'METHOD').value).toBe('REQUEST');
    expect(get(onlyEvent(request), 'STATUS').value).toBe('CONFIRMED');
  });

  it('uses CRLF for every line break and ends with one', () => {
    const ics = renderCalendar({
      name: 'Comissió, seguiment',
      stamp,
      events: [meeting, { ...meeting, uid: 'meeting-43@teixit.example', description: 'u\ndos\r\ntres '.repeat(20) }],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(components(ics, 'VEVENT')).toHaveLength(2);
  });

  it('keeps an empty calendar valid: the time zone is always there, events are not', () => {
    const ics = renderCalendar({ name: 'Grup de treball de compra pública', stamp, events: [] });
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR', 'PRODID:-//Teixit//Teixit//CA', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
        'X-WR-CALNAME:Grup de treball de compra pública',
        'BEGIN:VTIMEZONE', 'TZID:Europe/Madrid',
        'BEGIN:DAYLIGHT', 'TZNAME:CEST', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'DTSTART:19960331T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
        'BEGIN:STANDARD', 'TZNAME:CET', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'DTSTART:19961027T030000',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
        'END:VTIMEZONE', 'END:VCALENDAR', '',
      ].join('\r\n'),
    );
  });

  it('writes a meeting without an end (or ending as it starts) as a point in time', () => {
    expect(get(onlyEvent(renderCalendar({ stamp, events: [{ ...meeting, end: undefined }] })), 'DTSTART').value)
      .toBe('20250710T180000');
    const sameInstant = onlyEvent(renderCalendar({ stamp, events: [{ ...meeting, end: meeting.start }] }));
    expect(sameInstant.some((p) => p.name === 'DTEND')).toBe(false);
  });

  it('refuses events no calendar could hold', () => {
    const render = (event: Partial<CalendarEvent>, method?: 'CANCEL') =>
      () => renderCalendar({ method, stamp, events: [{ ...meeting, ...event }] });
    expect(render({ end: new Date('2025-07-10T15:00:00Z') })).toThrow(/ends before it starts/);
    expect(render({ start: new Date('not a date') })).toThrow(/Invalid date/);
    expect(render({ sequence: -1 })).toThrow(/SEQUENCE/);
    expect(render({ sequence: 1.5 })).toThrow(/SEQUENCE/);
    expect(render({ url: 'javascript:alert(1)' })).toThrow(/http/);
    expect(render({ url: '/meetings/42' })).toThrow(/absolute/);
    expect(render({ uid: ' ' })).toThrow(/UID/);
    expect(render({ status: 'CONFIRMED' }, 'CANCEL')).toThrow(/CANCELLED/);
  });
});
