import { useSyncExternalStore } from 'react';

/** Who is signed in, read from the token for display and menus (the API verifies the token itself). */
export interface Gebruiker {
  medewerker: string;
  rol: 'casemanager' | 'teamleider' | 'operations' | 'admin' | 'feed' | 'privacy';
  gemeente: string | null;
  /** Epoch seconds. */
  verlooptOp: number;
}

const SLEUTEL = 'inburgering.token';
const luisteraars = new Set<() => void>();

function base64url(deel: string): string {
  const b64 = deel.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), '=')), (c) =>
    c.charCodeAt(0),
  );
  return new TextDecoder().decode(bytes);
}

export function gebruikerUitToken(token: string): Gebruiker | null {
  try {
    const claims = JSON.parse(base64url(token.split('.')[1] ?? '')) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.rol !== 'string') return null;
    return {
      medewerker: claims.sub,
      rol: claims.rol as Gebruiker['rol'],
      gemeente: typeof claims.gemeente === 'string' ? claims.gemeente : null,
      verlooptOp: typeof claims.exp === 'number' ? claims.exp : 0,
    };
  } catch {
    return null;
  }
}

let cache: { token: string | null; gebruiker: Gebruiker | null } = { token: null, gebruiker: null };

function lees(): Gebruiker | null {
  const token = sessionStorage.getItem(SLEUTEL);
  if (token !== cache.token) cache = { token, gebruiker: token ? gebruikerUitToken(token) : null };
  if (cache.gebruiker && cache.gebruiker.verlooptOp * 1000 < Date.now()) return null;
  return cache.gebruiker;
}

/** The token lives in sessionStorage: gone when the tab closes, never in a URL or a cookie. */
export const sessie = {
  token(): string | null {
    return lees() ? sessionStorage.getItem(SLEUTEL) : null;
  },
  gebruiker: lees,
  zet(token: string): void {
    sessionStorage.setItem(SLEUTEL, token);
    for (const f of luisteraars) f();
  },
  wis(): void {
    sessionStorage.removeItem(SLEUTEL);
    for (const f of luisteraars) f();
  },
};

function abonneer(f: () => void): () => void {
  luisteraars.add(f);
  return () => luisteraars.delete(f);
}

export function useGebruiker(): Gebruiker | null {
  return useSyncExternalStore(abonneer, lees);
}
