import { parseArgs } from 'node:util';
import { type Gebruiker, gebruikerUitClaims, ROLLEN, tekenLokaalToken } from '../platform/auth';
import { type AppConfig, ConfigError, ENV, loadConfig } from '../platform/config';

export const GEBRUIK = `Gebruik: npm run -s token -- --rol <${ROLLEN.join('|')}> --gemeente GM0518 [--bron duo] [--sub u123] [--uur 8] [--organisatie taalschool-a]
  Drukt een token af dat de API in de lokale stand (${ENV.AUTH_MODUS}=lokaal, zoals npm start) accepteert.
  --gemeente  CBS-code, of een lijst (GM0398,GM0405: regionale uitvoering), of '*' (landelijk: alleen
              operations en admin); zonder: operations en admin zien niets
  --bron      alleen voor feed (verplicht): duo, coa of brp; de client mag alleen die feeds aanroepen
  --sub       gebruikers-id (standaard lokaal-<rol>); nooit een naam, e-mail of BSN
  --uur       geldigheid in uren, hoogstens 24 (standaard 8)
  --organisatie  organisatie-id, verplicht voor de rol taalaanbieder`;

export class OpdrachtFout extends Error {}

export interface TokenOpdracht {
  gebruiker: Gebruiker;
  uur: number;
}

/** `--rol casemanager --gemeente GM0518 --sub u123 --uur 8` → what to sign, or a Dutch error. */
export function leesTokenOpdracht(argv: string[]): TokenOpdracht {
  let values: {
    rol?: string;
    gemeente?: string;
    bron?: string;
    sub?: string;
    uur?: string;
    organisatie?: string;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rol: { type: 'string' },
        gemeente: { type: 'string' },
        bron: { type: 'string' },
        sub: { type: 'string' },
        uur: { type: 'string' },
        organisatie: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new OpdrachtFout(err instanceof Error ? err.message : String(err));
  }
  if (!values.rol) throw new OpdrachtFout('--rol ontbreekt');
  const uur = values.uur === undefined ? 8 : Number(values.uur);
  if (!Number.isFinite(uur) || uur <= 0 || uur > 24) {
    throw new OpdrachtFout(`--uur moet een getal groter dan 0 en hoogstens 24 zijn, niet '${values.uur}'`);
  }
  const gemeente = values.gemeente?.includes(',') ? values.gemeente.split(',') : values.gemeente;
  const gebruiker = gebruikerUitClaims({
    sub: values.sub ?? `lokaal-${values.rol}`,
    rol: values.rol,
    gemeente,
    ...(values.bron !== undefined ? { bron: values.bron } : {}),
    organisatie: values.organisatie,
  });
  if ('fout' in gebruiker) throw new OpdrachtFout(gebruiker.fout);
  return { gebruiker, uur };
}

/**
 * Signs with the local private key whose public half the API verifies with (platform/auth.ts). The
 * token CLI is the local mode's signer, so it uses that mode unless OIDC is configured (and never
 * under NODE_ENV=production).
 */
export async function maakToken(config: AppConfig, opdracht: TokenOpdracht): Promise<string> {
  if (config.auth.modus === 'oidc') {
    throw new ConfigError(
      `${ENV.AUTH_ISSUER} is gezet: tokens komen dan van de identity provider, niet van npm run token`,
    );
  }
  const auth =
    config.auth.modus === 'lokaal' ? config.auth : loadConfig({ ...process.env, AUTH_MODUS: 'lokaal' }).auth;
  if (auth.modus !== 'lokaal') throw new ConfigError('npm run token werkt alleen met de lokale sleutel');
  return tekenLokaalToken(auth, opdracht.gebruiker, {
    geldigSeconden: Math.round(opdracht.uur * 3600),
  });
}
