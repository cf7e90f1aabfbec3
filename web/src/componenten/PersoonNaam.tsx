/** The traject id's first block: enough to tell trajecten apart in a list, never personal data. */
export function kortId(trajectId: string): string {
  return trajectId.slice(0, 8);
}

/**
 * ▶ PLAATS VOOR DE NAAM (persoonsregister) ◀
 * The person's name goes here once the person register exists (its own issue): this is the one place
 * every screen uses to show who a traject belongs to. Until then it shows the traject id's short form.
 */
export function PersoonNaam({ trajectId }: { trajectId: string }) {
  return (
    <span className="persoon-naam" data-persoon-naam="nog-geen-persoonsregister">
      Traject {kortId(trajectId)}
    </span>
  );
}
