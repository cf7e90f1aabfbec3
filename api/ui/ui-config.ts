import type { AuthConfig } from '../../platform/config';
import { ConfigError } from '../../platform/config';

/**
 * Environment of the web UI the API serves. Kept beside the UI module (platform/config.ts holds the
 * process-wide settings; these only matter when the UI is served).
 */
export const UI_ENV = {
  /** `aan`/`uit`: the development sign-in (dev token endpoint). Default: on with the local key, off with OIDC. */
  DEV_LOGIN: 'DEV_LOGIN',
  /** OIDC client id of the UI (a public client: authorization code flow with PKCE). */
  UI_OIDC_CLIENT_ID: 'UI_OIDC_CLIENT_ID',
  /** Scopes the UI asks for; default `openid`. */
  UI_OIDC_SCOPE: 'UI_OIDC_SCOPE',
} as const;

export type UiAanmelding =
  | { modus: 'lokaal'; devLogin: boolean }
  | { modus: 'oidc'; issuer: string; clientId: string | null; scope: string };

/** What the browser may know before signing in (GET /api/v1/ui/config). No secrets. */
export interface UiConfig {
  aanmelding: UiAanmelding;
  /** Temporal Web UI, for the operations link per workflow. */
  temporalUiUrl: string;
  temporalNamespace: string;
}

type Env = Record<string, string | undefined>;

/**
 * The UI's sign-in settings. The development login exists only with the local signing key: asking for it
 * while an OIDC issuer is configured is a configuration error, so the API refuses to start.
 */
export function leesUiConfig(
  env: Env,
  auth: AuthConfig,
  temporal: { uiUrl: string; namespace: string },
): UiConfig {
  const dev = env[UI_ENV.DEV_LOGIN];
  if (dev !== undefined && dev !== '' && dev !== 'aan' && dev !== 'uit') {
    throw new ConfigError(`${UI_ENV.DEV_LOGIN} is aan of uit, niet '${dev}'`);
  }
  if (auth.modus === 'oidc') {
    if (dev === 'aan') {
      throw new ConfigError(
        `${UI_ENV.DEV_LOGIN}=aan kan niet samen met AUTH_ISSUER: de ontwikkel-aanmelding bestaat alleen met de lokale sleutel`,
      );
    }
    return {
      aanmelding: {
        modus: 'oidc',
        issuer: auth.issuer,
        clientId: env[UI_ENV.UI_OIDC_CLIENT_ID] || null,
        scope: env[UI_ENV.UI_OIDC_SCOPE] || 'openid',
      },
      temporalUiUrl: temporal.uiUrl,
      temporalNamespace: temporal.namespace,
    };
  }
  return {
    aanmelding: { modus: 'lokaal', devLogin: dev !== 'uit' },
    temporalUiUrl: temporal.uiUrl,
    temporalNamespace: temporal.namespace,
  };
}
