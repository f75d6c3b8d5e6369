import { describe, expect, it } from 'vitest';
import { instantInSpace, wallDateAndTime } from './time.js';

describe('meeting times on Barcelona’s clock', () => {
  it('reads winter and summer times with their own offsets', () => {
    expect(instantInSpace('2026-01-15', '18:00')?.toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(instantInSpace('2026-07-15', '18:00')?.toISOString()).toBe('2026-07-15T16:00:00.000Z');
  });

  it('refuses a time the clocks skip, an impossible date and malformed input', () => {
    expect(instantInSpace('2026-03-29', '02:30')).toBeNull();
    expect(instantInSpace('2026-02-30', '10:00')).toBeNull();
    expect(instantInSpace('2026-02-10', '25:00')).toBeNull();
    expect(instantInSpace('10/02/2026', '10:00')).toBeNull();
  });

  it('takes the first of a repeated hour, and shows a stored instant back as typed', () => {
    expect(instantInSpace('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(wallDateAndTime(new Date('2026-07-15T16:05:00Z'))).toEqual({ date: '2026-07-15', time: '18:05' });
  });
});
