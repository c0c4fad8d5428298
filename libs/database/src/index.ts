export * from './database.js';
export * from './database.errors.js';
export * from './database.module.js';
export * from './database-server.js';
export * from './embedded-postgres.js';
export * from './gate.js';
export * from './migrator.js';
export * from './pg-unit-of-work.js';
