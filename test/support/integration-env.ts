import { inject } from 'vitest';

// Point the SDK's standard variables at the emulators before any test module builds a client.
Object.assign(process.env, inject('localEnv'), { NODE_NO_WARNINGS: '1' });
