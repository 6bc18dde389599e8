export * from './types';
export * from './filters';
export * from './endpoints';
export * from './bodies';
export * from './identities';
export * from './links';
