import type { Request } from 'express';
import { isLoopback } from '../../api/ui/dev-login.controller';
import { UiModule } from '../../api/ui/ui.module';
import { leesUiConfig } from '../../api/ui/ui-config';
import { ConfigError, loadConfig } from '../../platform/config';

const temporal = { uiUrl: 'http://127.0.0.1:8233', namespace: 'default' };
const lokaal = loadConfig({}).auth;
const oidc = loadConfig({
  AUTH_ISSUER: 'https://idp.example/realms/gemeente',
  AUTH_JWKS_URL: 'https://idp.example/realms/gemeente/certs',
  AUTH_AUDIENCE: 'inburgering-api',
}).auth;

describe('UI sign-in settings', () => {
  it('embedded default: the development login is on with the local key, and can be switched off', () => {
    expect(leesUiConfig({}, lokaal, temporal).aanmelding).toEqual({ modus: 'lokaal', devLogin: true });
    expect(leesUiConfig({ DEV_LOGIN: 'uit' }, lokaal, temporal).aanmelding).toEqual({
      modus: 'lokaal',
      devLogin: false,
    });
  });

  it('with an OIDC issuer the UI uses code flow + PKCE and the development login is refused', () => {
    expect(leesUiConfig({ UI_OIDC_CLIENT_ID: 'inburgering-ui' }, oidc, temporal).aanmelding).toEqual({
      modus: 'oidc',
      issuer: 'https://idp.example/realms/gemeente',
      clientId: 'inburgering-ui',
      scope: 'openid',
    });
    expect(() => leesUiConfig({ DEV_LOGIN: 'aan' }, oidc, temporal)).toThrow(ConfigError);
    expect(() => leesUiConfig({ DEV_LOGIN: 'ja' }, lokaal, temporal)).toThrow(/aan of uit/);
    // The API's module refuses to be built, so the server does not start.
    const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), auth: oidc };
    expect(() => UiModule.forRoot(config, { DEV_LOGIN: 'aan' })).toThrow(ConfigError);
    expect(UiModule.forRoot(config, {}).controllers?.map((c) => (c as { name: string }).name)).not.toContain(
      'DevLoginController',
    );
  });

  it('the development token is given only to loopback callers that no proxy forwarded', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
      ({ socket: { remoteAddress }, headers }) as unknown as Request;
    expect(isLoopback(req('127.0.0.1'))).toBe(true);
    expect(isLoopback(req('::1'))).toBe(true);
    expect(isLoopback(req('::ffff:127.0.0.1'))).toBe(true);
    expect(isLoopback(req('10.0.0.7'))).toBe(false);
    expect(isLoopback(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toBe(false);
  });
});
