import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (AppFunction aliases it).
 * Lambda hands a function its role's credentials in environment variables, the first link of the
 * SDK's default chain, which is the only link that ever answers there. The rest of the chain (SSO,
 * profile files, processes, web identity, containers, instance metadata) and the STS and SSO clients
 * it brings are about 100 KB in every bundle and a slower cold start for nothing.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
