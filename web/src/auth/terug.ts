/** Only a path inside this application (no other host): `terug` must never become an open redirect. */
export function veiligTerug(terug: string | null): string {
  return terug?.startsWith('/') && !terug.startsWith('//') && !terug.startsWith('/inloggen') ? terug : '/';
}
