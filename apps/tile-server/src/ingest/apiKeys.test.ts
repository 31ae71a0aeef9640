import { describe, expect, it } from 'vitest';
import { createApiKeyCheck } from './apiKeys.js';

const check = createApiKeyCheck(
  new Map([
    ['city-brain', 'k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['gateway', 'k2-bbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
  ]),
);

describe('API keys', () => {
  it('names the data source of a configured key', () => {
    expect(check.sourceOf('Bearer k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe('city-brain');
    expect(check.sourceOf('bearer  k2-bbbbbbbbbbbbbbbbbbbbbbbbbbbb')).toBe('gateway');
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Bearer k1-aaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Bearer k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Bearer k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaa extra'])(
    'refuses %j',
    (header) => {
      expect(check.sourceOf(header)).toBeUndefined();
    },
  );

  it('refuses everything when no key is configured', () => {
    expect(createApiKeyCheck(new Map()).sourceOf('Bearer anything-at-all-0123456789')).toBeUndefined();
  });
});
