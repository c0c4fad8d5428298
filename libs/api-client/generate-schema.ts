import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

export const DOCUMENT = new URL('../../docs/openapi.json', import.meta.url);
export const SCHEMA_FILE = new URL('./src/schema.ts', import.meta.url);

const HEADER = `/**
 * Generated from docs/openapi.json by \`npm run client:generate\` (openapi-typescript, default
 * options). Do not edit: libs/api-client/generate-schema.spec.ts fails when it drifts.
 */

`;

/**
 * The client's types for the committed document, exactly as SCHEMA_FILE should hold them.
 * Default options on purpose: a frontend team generating its own types gets the same ones.
 */
export async function generateSchema(): Promise<string> {
  const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(document, { silent: true }));
}
