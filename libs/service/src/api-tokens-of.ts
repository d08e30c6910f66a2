import { ApiTokens, apiTokenConfigSchema } from '@prizedraw/http-api';
import { parseConfig } from './config';

/** The settings a service with an HTTP API reads its token secret from. */
export interface ApiTokenSettings {
  readonly API_TOKEN_SECRET?: string | undefined;
  readonly API_TOKEN_SECRET_FILE?: string | undefined;
}

/**
 * The API tokens of a service: the secret from `API_TOKEN_SECRET` or the file `API_TOKEN_SECRET_FILE` names,
 * checked now, so a service made with a bad one stops start-up naming the variable. Never printed.
 */
export function apiTokensOf(config: ApiTokenSettings): ApiTokens {
  const { apiTokenSecret } = parseConfig(apiTokenConfigSchema, {
    API_TOKEN_SECRET: config.API_TOKEN_SECRET,
    API_TOKEN_SECRET_FILE: config.API_TOKEN_SECRET_FILE,
  });
  return new ApiTokens(apiTokenSecret);
}
