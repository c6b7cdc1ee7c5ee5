/** The sync protocol between a station and the central system: see README.md in this folder. */
export * from './version';
export * from './common';
export * from './errors';
export * from './uploads';
export * from './policy';
export * from './ops';
export * from './changes';
export * from './push';
export * from './pull';
export * from './stations';
export * from './health';
export * from './admin';
export * from './bundle';
export * from './audit';
export * from './front';
export * from './visits';
export * from './tls';
