export * from './common.js';
export * from './post.js';
export * from './config.js';
export * from './plans.js';
export * from './dates.js';
