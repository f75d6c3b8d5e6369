/** Route paths as patterns: how an upload route's own body limit finds its requests. */
import { describe, expect, it } from 'vitest';
import { pathPattern } from '../src/app.js';

describe('pathPattern', () => {
  it('matches the locale and a constrained id, and nothing beside them', () => {
    const pattern = pathPattern('/:locale{(?:ca|es|en)}/organisations/:id{[0-9]{1,15}}/edit');
    expect(pattern.test('/ca/organisations/12/edit')).toBe(true);
    expect(pattern.test('/en/organisations/12/edit/')).toBe(true);
    expect(pattern.test('/fr/organisations/12/edit')).toBe(false);
    expect(pattern.test('/ca/organisations/import/edit')).toBe(false);
    expect(pattern.test('/ca/organisations/12/edit/more')).toBe(false);
  });

  it('takes plain and API-style parameters as one segment, and dots literally', () => {
    expect(pathPattern('/bodies/{id}/reports').test('/bodies/grup-motor/reports')).toBe(true);
    expect(pathPattern('/bodies/:slug').test('/bodies/a/b')).toBe(false);
    expect(pathPattern('/organisations/export.csv').test('/organisations/exportxcsv')).toBe(false);
  });
});
