/** The traject id's first block: enough to tell trajecten apart in a list, never personal data. */
export function kortId(trajectId: string): string {
  return trajectId.slice(0, 8);
}

/**
 * Who a traject belongs to, the one place every screen uses: the person's name from the register where
 * the API gives it (it does only to those who may see the person, and logs each name it shows), else the
 * traject id's short form. Never a made-up stand-in that could be mistaken for a name.
 */
export function PersoonNaam({ trajectId, naam }: { trajectId: string; naam?: string | null }) {
  if (naam) {
    return (
      <span className="persoon-naam" data-persoon-naam="naam">
        {naam}
      </span>
    );
  }
  return (
    <span className="persoon-naam" data-persoon-naam="traject-id">
      Traject {kortId(trajectId)}
    </span>
  );
}
