import { Heading2 } from '@utrecht/component-library-react';
import { trajectSleutels, useTrajectTaken } from '../../api/traject';
import { Fout, Laden } from '../../componenten/Status';
import { AfrondFout, TakenTabel, useRondAf } from '../../componenten/TakenTabel';
import { useDossier } from './context';

export function TrajectTaken() {
  const { id } = useDossier();
  const taken = useTrajectTaken(id);
  const { rondAf, fout } = useRondAf(trajectSleutels.taken(id), [trajectSleutels.traject(id)]);
  return (
    <section aria-labelledby="taken-kop">
      <Heading2 id="taken-kop">Open taken van dit traject</Heading2>
      <AfrondFout fout={fout} />
      {taken.isPending ? <Laden wat="De taken" /> : null}
      {taken.error ? <Fout fout={taken.error} /> : null}
      {taken.data ? (
        <TakenTabel
          taken={taken.data.items}
          bijschrift="Open taken, eerst vervallend eerst"
          rondAf={rondAf}
          toonTraject={false}
        />
      ) : null}
    </section>
  );
}
