export * from './database';
export * from './environment';
export * from './harness';
export * from './jwks-server';
export * from './kafka';
export * from './ports';
export * from './sidecar';
export * from './tokens';
export { waitFor } from '@daybook/substrate';
