import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { NavLink, useSearchParams } from 'react-router';
import { api, query } from '../api/http';
import type { TaakLijstItem } from '../api/typen';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { Fout, Laden } from '../componenten/Status';
import { AfrondFout, TakenTabel, useRondAf } from '../componenten/TakenTabel';

export function Takeninbox() {
  const [params] = useSearchParams();
  const weergave = params.get('weergave') === 'team' ? 'team' : 'mijn';
  const cursor = params.get('cursor') ?? '';
  const zoek = { casemanager: weergave === 'mijn' ? 'ik' : 'alle', limiet: 100, cursor };
  const sleutel = ['taken', zoek];
  const taken = useQuery({
    queryKey: sleutel,
    queryFn: ({ signal }) =>
      api<{ items: TaakLijstItem[]; volgende: string | null }>(`/api/v1/taken${query(zoek)}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const { rondAf, fout } = useRondAf(sleutel, [['trajecten'], ['taken-telling']]);
  return (
    <Pagina titel="Takeninbox">
      <nav aria-label="Welke taken" className="schakelaar">
        <ul>
          <li>
            <NavLink
              to="/taken"
              end
              className={() => `tab${weergave === 'mijn' ? ' active' : ''}`}
              aria-current={weergave === 'mijn' ? 'page' : undefined}
            >
              Mijn taken
            </NavLink>
          </li>
          <li>
            <NavLink
              to="/taken?weergave=team"
              className={() => `tab${weergave === 'team' ? ' active' : ''}`}
              aria-current={weergave === 'team' ? 'page' : undefined}
            >
              Team
            </NavLink>
          </li>
        </ul>
      </nav>
      <AfrondFout fout={fout} />
      {taken.isPending ? <Laden wat="De taken" /> : null}
      {taken.error ? <Fout fout={taken.error} /> : null}
      {taken.data ? (
        <>
          <TakenTabel
            taken={taken.data.items}
            bijschrift={
              weergave === 'mijn'
                ? 'Mijn open taken, eerst vervallend eerst'
                : 'Open taken van het team, eerst vervallend eerst'
            }
            rondAf={rondAf}
          />
          <ButtonGroup>
            {cursor ? (
              <Koppeling
                to={weergave === 'team' ? '/taken?weergave=team' : '/taken'}
                className="utrecht-button-link utrecht-button-link--secondary-action"
              >
                Eerste pagina
              </Koppeling>
            ) : null}
            {taken.data.volgende ? (
              <Koppeling
                to={`/taken${query({ weergave: weergave === 'team' ? 'team' : undefined, cursor: taken.data.volgende })}`}
                className="utrecht-button-link utrecht-button-link--secondary-action"
              >
                Volgende pagina
              </Koppeling>
            ) : null}
          </ButtonGroup>
          <Paragraph className="bijschrift">
            Afronden haalt de taak direct uit de lijst; lukt het niet, dan komt ze terug met de reden.
          </Paragraph>
        </>
      ) : null}
    </Pagina>
  );
}
