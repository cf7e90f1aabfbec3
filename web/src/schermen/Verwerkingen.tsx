import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { LIJKT_OP_BSN } from '../../../domain/shared/gemeente';
import { ApiFout, api, query } from '../api/http';
import type { Verwerking } from '../api/typen';
import { useGebruiker } from '../auth/sessie';
import { Koppeling } from '../componenten/Koppeling';
import { Pagina } from '../componenten/Pagina';
import { kortId } from '../componenten/PersoonNaam';
import { Fout, Laden } from '../componenten/Status';
import { Veld } from '../componenten/Veld';
import { tijdstipSeconden } from '../opmaak/datum';

type Regel = Verwerking & { id: string; tijdstip: string };
const LIMIET = 50;

const ROL: Record<string, string> = {
  casemanager: 'casemanager',
  teamleider: 'teamleider',
  operations: 'functioneel beheer',
  admin: 'beheerder',
  feed: 'koppeling (DUO/COA)',
  privacy: 'privacyfunctionaris',
};

const HANDELING: Record<Verwerking['handeling'], string> = {
  lezen: 'inzien',
  zoeken: 'zoeken',
  wijzigen: 'wijzigen',
  toevoegen: 'vastleggen',
  ontsleutelen: 'ontsleutelen',
  exporteren: 'exporteren',
  vernietigen: 'vernietigen',
};

const SOORT: Record<string, string> = {
  bsn: 'BSN',
  naam: 'naam',
  geboortedatum: 'geboortedatum',
  contact: 'contactgegevens',
  payload: 'procesgegevens',
  bijzonder: 'gezondheid (bijzonder persoonsgegeven)',
  voornamen: 'voornamen',
  voorvoegsel: 'voorvoegsel',
  achternaam: 'achternaam',
  taal: 'taal',
  tolkNodig: 'tolk nodig',
  telefoon: 'telefoonnummer',
  email: 'e-mailadres',
};

/**
 * The processing log for the privacy officer (FG): everything the gemeente did with one person's data,
 * to answer an inzageverzoek (AVG art. 15). The person is looked up by the register's id (no BSN in a URL);
 * paging is keyset on the time (`volgende`).
 */
export function Verwerkingen() {
  const gebruiker = useGebruiker();
  const [params, setParams] = useSearchParams();
  const inburgeraar = params.get('inburgeraar') ?? '';
  const voor = params.get('voor') ?? '';
  const zoek = { inburgeraar, limiet: LIMIET, voor: voor || undefined };
  const lijst = useQuery({
    queryKey: ['verwerkingen', zoek],
    queryFn: ({ signal }) =>
      api<{ items: Regel[]; volgende: string | null }>(`/api/v1/verwerkingen${query(zoek)}`, { signal }),
    enabled: inburgeraar !== '',
    placeholderData: keepPreviousData,
  });
  const veldFout =
    lijst.error instanceof ApiFout
      ? lijst.error.veldFouten.find((f) => f.veld === 'inburgeraar')?.melding
      : undefined;

  return (
    <Pagina titel="Verwerkingen">
      <Paragraph>
        Wat de gemeente {gebruiker?.gemeente} met de persoonsgegevens van één inburgeraar deed: wie, in welke
        rol, wat, op welke grondslag en wanneer. Daarmee beantwoordt u een inzageverzoek (AVG artikel 15).
      </Paragraph>
      <Zoeken
        key={inburgeraar}
        begin={inburgeraar}
        fout={veldFout}
        zoek={(id) => setParams(id ? { inburgeraar: id } : {})}
      />
      {inburgeraar && lijst.isPending ? <Laden wat="De verwerkingen" /> : null}
      {lijst.error && !veldFout ? (
        <Fout fout={lijst.error} titel="De verwerkingen konden niet worden geladen" />
      ) : null}
      {inburgeraar && lijst.data && !lijst.error ? (
        <>
          <Table className="tabel verwerkingen" data-testid="verwerkingen">
            <TableCaption>
              Verwerkingen van inburgeraar {kortId(inburgeraar)}, nieuwste eerst:{' '}
              {lijst.data.items.length === 0
                ? 'geen'
                : lijst.data.items.length === 1
                  ? '1 verwerking'
                  : `${lijst.data.items.length} verwerkingen`}
              {voor ? ' (vervolgpagina)' : ' op deze pagina'}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                <TableHeaderCell scope="col">Wie</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                <TableHeaderCell scope="col">Wat</TableHeaderCell>
                <TableHeaderCell scope="col">Welke gegevens</TableHeaderCell>
                <TableHeaderCell scope="col">Grondslag</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lijst.data.items.map((v) => (
                <TableRow key={v.id} data-verwerking={v.handeling}>
                  <TableCell>{tijdstipSeconden(v.tijdstip)}</TableCell>
                  <TableCell>{v.gebruiker}</TableCell>
                  <TableCell>{ROL[v.rol] ?? v.rol}</TableCell>
                  <TableCell>
                    <strong>{HANDELING[v.handeling] ?? v.handeling}</strong>
                    <span className="bijschrift">
                      {v.actieNaam}
                      {v.trajectId ? ` · traject ${kortId(v.trajectId)}` : ''}
                    </span>
                  </TableCell>
                  <TableCell>
                    {v.soortenGegevens.map((s) => SOORT[s] ?? s).join(', ') || '—'}
                    {v.vertrouwelijkheid === 'vertrouwelijk' ? (
                      <>
                        {' '}
                        <StatusBadge status="warning">vertrouwelijk</StatusBadge>
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {v.grondslag}
                    <span className="bijschrift">{v.verwerkingsactiviteit}</span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav aria-label="Pagina's" className="bladeren">
            <ButtonGroup>
              {voor ? (
                <Koppeling
                  to={{ search: new URLSearchParams({ inburgeraar }).toString() }}
                  className="utrecht-button-link utrecht-button-link--secondary-action"
                >
                  Eerste pagina
                </Koppeling>
              ) : null}
              {lijst.data.volgende ? (
                <Koppeling
                  to={{ search: new URLSearchParams({ inburgeraar, voor: lijst.data.volgende }).toString() }}
                  className="utrecht-button-link utrecht-button-link--secondary-action"
                >
                  Volgende pagina
                </Koppeling>
              ) : null}
            </ButtonGroup>
          </nav>
          <Paragraph className="bijschrift">
            Alleen verwerkingen namens uw gemeente. Het inzien van procesgeschiedenissen door landelijk
            functioneel beheer staat ook in het logboek, maar niet onder uw gemeente.
          </Paragraph>
        </>
      ) : null}
    </Pagina>
  );
}

/** Only an id goes into the URL: anything else (a BSN typed by habit) stays in the field, with a message. */
const idSchema = z.uuid();

function Zoeken({ begin, fout, zoek }: { begin: string; fout?: string; zoek: (id: string) => void }) {
  const [id, setId] = useState(begin);
  const [eigenFout, setEigenFout] = useState<string | undefined>();
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    const schoon = id.trim().toLowerCase();
    if (!idSchema.safeParse(schoon).success) {
      setEigenFout(
        LIJKT_OP_BSN.test(schoon)
          ? 'Dit lijkt een BSN. Zoek met het inburgeraar-id van de persoonspagina: een BSN mag niet in een webadres.'
          : 'Vul een inburgeraar-id in, zoals op de persoonspagina (bijv. 3f2a9c1b-…).',
      );
      return;
    }
    setEigenFout(undefined);
    zoek(schoon);
  };
  return (
    <form
      onSubmit={verstuur}
      className="formulier verwerkingen-zoeken"
      aria-label="Inburgeraar opzoeken"
      noValidate
    >
      <Veld
        id="veld-inburgeraar"
        label="Inburgeraar-id"
        beschrijving="Het id staat op de persoonspagina van de inburgeraar (vraag het de casemanager). Een BSN hoort niet in dit veld: het zou in het webadres komen."
        fout={eigenFout ?? fout}
        verplicht
      >
        {({ invalid, ...aria }) => (
          <Textbox
            {...aria}
            invalid={invalid}
            value={id}
            onChange={(e) => setId(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="mono"
          />
        )}
      </Veld>
      <Button appearance="primary-action-button" type="submit">
        Verwerkingen tonen
      </Button>
    </form>
  );
}
