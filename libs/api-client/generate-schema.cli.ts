import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateSchema, SCHEMA_FILE } from './generate-schema.js';

writeFileSync(SCHEMA_FILE, await generateSchema());
console.log(`wrote ${fileURLToPath(SCHEMA_FILE)}`);
