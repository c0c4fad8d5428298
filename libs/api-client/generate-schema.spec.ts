import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { generateSchema, SCHEMA_FILE } from './generate-schema.js';

describe('the generated client', () => {
  it('matches docs/openapi.json (after changing the document: npm run client:generate)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateSchema());
  });
});
