/**
 * Meeting times as people type and read them: a date and a time on Barcelona's wall clock,
 * stored as an instant. A form's `2026-03-29` + `02:30` (a time that does not exist when the
 * clocks go forward) is refused; one that exists twice (the hour repeated in October) is the
 * first of the two.
 */
import { wallClockInSpace } from '../../kernel/i18n/index.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant at which Barcelona's clocks read `date` `time`, or null when they never do (or the input is not a date and a time). */
export function instantInSpace(date: string, time: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Barcelona is UTC+1 or UTC+2: try the earlier instant first, so a repeated hour is its first.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    const clock = wallClockInSpace(candidate);
    if (Number(clock.year) === year && Number(clock.month) === month && Number(clock.day) === day && Number(clock.hour) === hour && Number(clock.minute) === minute) {
      return candidate;
    }
  }
  return null;
}

/** The date (`YYYY-MM-DD`) and time (`HH:MM`) Barcelona's clocks read at `instant`: what a form shows back. */
export function wallDateAndTime(instant: Date): { date: string; time: string } {
  const clock = wallClockInSpace(instant);
  return { date: `${clock.year}-${clock.month}-${clock.day}`, time: `${clock.hour}:${clock.minute}` };
}

/** The calendar day `days` after `day` (both `YYYY-MM-DD`; negative goes back). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
