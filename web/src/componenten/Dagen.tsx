import { dagenTekst, dagenTot, datum } from '../opmaak/datum';

/** A deadline's date with the days left; red (and said in words) when overdue. */
export function DatumMetDagen({ waarde, peildatum }: { waarde: string | null; peildatum?: string }) {
  if (!waarde) return <span>—</span>;
  const dagen = dagenTot(waarde, peildatum);
  return (
    <span className={dagen < 0 ? 'te-laat' : undefined}>
      {datum(waarde)} <span className="dagen">({dagenTekst(dagen)})</span>
    </span>
  );
}
