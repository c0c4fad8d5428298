export * from './app-config.js';
export * from './load-config.js';
export * from './package-info.js';
