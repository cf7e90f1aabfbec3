// Webpack loader for the replay test: bundles domain/wet.ts with the PIP term (T1) at 12 weeks
// instead of 10, as an unversioned rule change would. Fails loudly if the rule is not found.
module.exports = function wetGewijzigd(bron) {
  const nieuw = bron.replace(
    /(pipTermijnWeken:\s*enkel\([^,]+,\s*)10(\s*\))/,
    (_, voor, na) => `${voor}12${na}`,
  );
  if (nieuw === bron)
    throw new Error('wet-gewijzigd.loader: pipTermijnWeken (10) niet gevonden in domain/wet.ts');
  return nieuw;
};
