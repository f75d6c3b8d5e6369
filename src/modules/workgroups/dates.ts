/**
 * Calendar dates of a working group's life (`YYYY-MM-DD` strings, as both engines return them):
 * the sunset window, days to sunset, when a report falls due. Pure arithmetic on the calendar,
 * in UTC so that no time zone or daylight-saving change moves a day.
 */
import { z } from 'zod';

const DAY_MS = 24 * 3600 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The longest a working group may be set to last: its sunset at most this many months ahead. */
export const MAX_SUNSET_MONTHS = 24;
/** How many days before its sunset a group's coordinators and the steering group are reminded. */
export const SUNSET_REMINDER_DAYS = 30;

/**
 * True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30), from the year 1000 on
 * (PostgreSQL has no year 0, and no working group predates the space).
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value < '1000-01-01') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A zod schema for a `YYYY-MM-DD` calendar date; `message` is a catalog key. */
export function isoDateSchema(message: string) {
  return z.string({ error: message }).trim().refine(isIsoDate, { error: message });
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return new Date(toUtc(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `date` plus `months`, on the same day of the month or, when that month is shorter, its last
 * day: 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(date: string, months: number): string {
  const start = toUtc(date);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** The latest sunset date a group may be given today: 24 months ahead. */
export function latestSunset(today: string): string {
  return addMonths(today, MAX_SUNSET_MONTHS);
}
