export * from './diff';
export * from './hash';
export * from './state';
export * from './text';
export * from './config';
export * from './status';
export * from './permission-query';
