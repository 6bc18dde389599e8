export * from './types';
export * from './filters';
export * from './endpoints';
