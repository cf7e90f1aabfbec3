import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import {
  type EscalatieBeleid,
  type EscalatieBeleidPerGemeente,
  escalatieBeleidPerGemeente,
  escalatieBeleidVoor,
} from '../domain/beleid';
import {
  type Escalatie,
  escalaties,
  type OpenTaakRegel,
  type TrajectPeilgegevens,
} from '../domain/escalatie';
import { cbsSwiHerinnering } from '../domain/rapportage/kwartaal';
import { isDomainError } from '../domain/shared/fouten';
import type { PlainDate } from '../domain/shared/kalender';
import type { SmtpConfig } from '../platform/config';
import type {
  EscalatieRondeStatus,
  ReconciliatieBevinding,
  ReconciliatieUitkomst,
  RondeFout,
} from '../platform/persistence/escalatieronde.entity';
import { SA } from '../workflows/search-attributes';

/** Rows per query inside a page: a heartbeat (with the cursor) follows each block. */
const BLOK = 500;
/** Parallel describe calls during reconciliation. */
const PARALLEL = 32;
const MAX_FOUTEN_PER_PAGINA = 20;
const MAX_BEVINDINGEN_PER_PAGINA = 50;
const NUL_UUID = '00000000-0000-0000-0000-000000000000';

export interface PaginaOpdracht {
  rondeId: string;
  peildatum: PlainDate;
  /** Keyset cursor: the last traject id of the previous page (null: from the start). */
  naId: string | null;
  grootte: number;
  beleid?: EscalatieBeleidPerGemeente;
}

export interface EscalatiePagina {
  bekeken: number;
  nieuw: number;
  laatsteId: string | null;
  klaar: boolean;
  fouten: RondeFout[];
}

export interface ReconciliatiePagina {
  gecontroleerd: number;
  zonderLopendeWorkflow: number;
  verouderd: number;
  bevindingen: ReconciliatieBevinding[];
  laatsteId: string | null;
  klaar: boolean;
}

export interface RondeStart {
  rondeId: string;
  runId: string;
  peildatum: PlainDate;
  /** Epoch ms (workflow time). */
  gestartOp: number;
  geplandOp: number | null;
}

export interface RondeAfsluiting {
  rondeId: string;
  status: EscalatieRondeStatus;
  afgerondOp: number;
  duurMs: number;
  trajecten: number;
  fouten: RondeFout[];
  reconciliatie: ReconciliatieUitkomst;
  digests: number;
}

export interface RondeTelling {
  nieuw: number;
  aantallen: Record<string, number>;
}

interface TrajectRij {
  id: string;
  workflow_id: string;
  gemeente: string;
  fase: string;
  casemanager: string | null;
  afgesloten: boolean;
  kennisgevingsdatum: string;
  pip_klok_start: string | null;
  pip_uiterlijk: string | null;
  pip_vastgesteld_op: string | null;
  termijn_einde: string | null;
  laatste_contact: string | null;
  ontzorgen_evaluatie_op: string | null;
}

interface Voortgang {
  naId: string | null;
  bekeken: number;
}

function peilgegevens(r: TrajectRij): TrajectPeilgegevens {
  return {
    trajectId: r.id,
    gemeente: r.gemeente,
    fase: r.fase,
    afgesloten: r.afgesloten,
    kennisgevingsdatum: r.kennisgevingsdatum,
    pipKlokStart: r.pip_klok_start,
    pipUiterlijk: r.pip_uiterlijk,
    pipVastgesteldOp: r.pip_vastgesteld_op,
    termijnEinde: r.termijn_einde,
    laatsteContact: r.laatste_contact,
    ontzorgenEvaluatieOp: r.ontzorgen_evaluatie_op,
  };
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function metGrens<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const uit: R[] = new Array(items.length);
  let volgende = 0;
  const werker = async () => {
    while (volgende < items.length) {
      const i = volgende++;
      uit[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, werker));
  return uit;
}

/**
 * Activities of the nightly escalation run. Each page activity walks the open read-model rows in id
 * order and heartbeats its cursor after every block, so a retried attempt resumes where the last one
 * got to. Writes are idempotent (ON CONFLICT DO NOTHING / upserts): a re-run changes nothing twice.
 */
/** Heartbeat when running as an activity (also callable directly, e.g. by an operations script). */
function hartslag(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not inside an activity
  }
}

/** The e-mail address of a digest's recipient, from the configured template. */
export function digestAdres(
  sjabloon: string,
  n: { rol: string; ontvanger: string; gemeente: string },
): string {
  return sjabloon
    .replaceAll('{ontvanger}', n.ontvanger)
    .replaceAll('{gemeente}', n.gemeente.toLowerCase())
    .replaceAll('{rol}', n.rol);
}

export function createEscalatieRondeActivities(
  dataSource: DataSource,
  opties: { smtp?: SmtpConfig | null } = {},
) {
  let transport: Transporter | undefined;
  const leesBlok = (naId: string | null, n: number): Promise<TrajectRij[]> =>
    dataSource.query(
      `SELECT id, workflow_id, gemeente, fase, casemanager, afgesloten, kennisgevingsdatum, pip_klok_start,
              pip_uiterlijk, pip_vastgesteld_op, termijn_einde, laatste_contact, ontzorgen_evaluatie_op
         FROM traject
        WHERE NOT afgesloten AND id > $1
        ORDER BY id
        LIMIT $2`,
      [naId ?? NUL_UUID, n],
    );

  /** Pages through `grootte` open rows from the cursor (resumed from the last heartbeat on a retry). */
  async function perBlok(
    o: { naId: string | null; grootte: number },
    verwerk: (rijen: TrajectRij[]) => Promise<void>,
    extra: () => object = () => ({}),
  ): Promise<{ laatsteId: string | null; bekeken: number; klaar: boolean }> {
    const ctx = Context.current();
    const hervat = ctx.info.heartbeatDetails as Voortgang | undefined;
    let naId = hervat?.naId ?? o.naId;
    let bekeken = hervat?.bekeken ?? 0;
    let klaar = false;
    while (bekeken < o.grootte) {
      const n = Math.min(BLOK, o.grootte - bekeken);
      const rijen = await leesBlok(naId, n);
      if (rijen.length > 0) {
        await verwerk(rijen);
        naId = rijen[rijen.length - 1].id;
        bekeken += rijen.length;
      }
      ctx.heartbeat({ naId, bekeken, ...extra() });
      if (rijen.length < n) {
        klaar = true;
        break;
      }
    }
    return { laatsteId: naId, bekeken, klaar };
  }

  return {
    /** Applies the ladder to one page of open trajecten and stores new escalations in `taak`. */
    async escaleerPagina(o: PaginaOpdracht): Promise<EscalatiePagina> {
      const perGemeente = escalatieBeleidPerGemeente(o.beleid ?? {});
      const standaard = escalatieBeleidVoor();
      const beleidVan = (gemeente: string): EscalatieBeleid => perGemeente[gemeente] ?? standaard;
      const hervat = Context.current().info.heartbeatDetails as { nieuw?: number } | undefined;
      let nieuw = hervat?.nieuw ?? 0;
      const fouten: RondeFout[] = [];

      const voortgang = await perBlok(
        o,
        async (rijen) => {
          const taken: { id: string; traject_id: string; soort: string; vervaldatum: string }[] =
            await dataSource.query(
              `SELECT id, traject_id, soort, vervaldatum FROM taak
                WHERE traject_id = ANY($1::uuid[]) AND status = 'open' AND sleutel NOT LIKE 'ronde:%'`,
              [rijen.map((r) => r.id)],
            );
          const takenPerTraject = new Map<string, OpenTaakRegel[]>();
          for (const t of taken) {
            const lijst = takenPerTraject.get(t.traject_id) ?? [];
            lijst.push({ taakId: t.id, soort: t.soort, vervaldatum: t.vervaldatum });
            takenPerTraject.set(t.traject_id, lijst);
          }
          const nieuwe: { rij: TrajectRij; e: Escalatie }[] = [];
          for (const rij of rijen) {
            try {
              const lijst = escalaties(
                peilgegevens(rij),
                takenPerTraject.get(rij.id) ?? [],
                o.peildatum,
                beleidVan(rij.gemeente),
              );
              for (const e of lijst) nieuwe.push({ rij, e });
            } catch (err) {
              // One traject with a broken fact must not stop the night: record it and go on.
              if (fouten.length < MAX_FOUTEN_PER_PAGINA) {
                fouten.push({
                  fase: 'traject',
                  trajectId: rij.id,
                  code: isDomainError(err) ? err.code : 'ONVERWACHT',
                  melding: isDomainError(err) ? err.detail : 'Onverwachte fout in de escalatieladder',
                });
              }
            }
          }
          if (nieuwe.length === 0) return;
          const [{ aantal }]: { aantal: number }[] = await dataSource.query(
            `WITH nieuw AS (
               INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum,
                                 omschrijving, casemanager, ontvanger, ronde_id)
               SELECT u.*, $12::varchar FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[],
                 $5::varchar[], $6::varchar[], $7::int[], $8::date[], $9::text[], $10::varchar[], $11::varchar[]) AS u
               ON CONFLICT DO NOTHING
               RETURNING 1)
             SELECT count(*)::int AS aantal FROM nieuw`,
            [
              nieuwe.map(({ rij }) => rij.id),
              nieuwe.map(({ rij }) => rij.gemeente),
              nieuwe.map(({ e }) => e.soort),
              nieuwe.map(({ e }) => e.actie),
              nieuwe.map(({ e }) => e.regel),
              nieuwe.map(({ e }) => e.sleutel),
              nieuwe.map(({ e }) => e.niveau),
              nieuwe.map(({ e }) => e.peildatum),
              nieuwe.map(({ e }) => e.omschrijving),
              nieuwe.map(({ rij }) => rij.casemanager),
              nieuwe.map(({ e }) => e.ontvanger),
              o.rondeId,
            ],
          );
          nieuw += aantal;
        },
        () => ({ nieuw }),
      );
      return { ...voortgang, bekeken: voortgang.bekeken, nieuw, fouten };
    },

    /**
     * Reconciliation: every open read-model row must have a running workflow, and the workflow's
     * search attributes (upserted in the same workflow task as the read-model write) must agree with
     * the row; otherwise the row lags behind (its write failed or is still pending).
     */
    async reconcilieerPagina(o: { naId: string | null; grootte: number }): Promise<ReconciliatiePagina> {
      const client = Context.current().client;
      const hervat = Context.current().info.heartbeatDetails as Partial<ReconciliatiePagina> | undefined;
      let zonder = hervat?.zonderLopendeWorkflow ?? 0;
      let verouderd = hervat?.verouderd ?? 0;
      const bevindingen: ReconciliatieBevinding[] = [];
      const vind = (b: ReconciliatieBevinding) => {
        if (b.soort === 'verouderd') verouderd += 1;
        else zonder += 1;
        if (bevindingen.length < MAX_BEVINDINGEN_PER_PAGINA) bevindingen.push(b);
      };
      const voortgang = await perBlok(
        o,
        async (rijen) => {
          await metGrens(rijen, PARALLEL, async (rij) => {
            try {
              const d = await client.workflow.getHandle(rij.workflow_id).describe();
              const status = d.status.name;
              if (status !== 'RUNNING') {
                vind({ trajectId: rij.id, soort: 'zonder-lopende-workflow', workflowStatus: status });
                return;
              }
              const sa = d.typedSearchAttributes;
              const fase = sa.get(SA.Fase);
              const casemanager = sa.get(SA.Casemanager) ?? null;
              if (fase !== undefined && fase !== rij.fase) {
                vind({ trajectId: rij.id, soort: 'verouderd', workflowStatus: status, veld: 'fase' });
              } else if (casemanager !== rij.casemanager) {
                vind({ trajectId: rij.id, soort: 'verouderd', workflowStatus: status, veld: 'casemanager' });
              }
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              vind({ trajectId: rij.id, soort: 'zonder-lopende-workflow', workflowStatus: 'NOT_FOUND' });
            }
          });
        },
        () => ({ zonderLopendeWorkflow: zonder, verouderd }),
      );
      return {
        gecontroleerd: voortgang.bekeken,
        zonderLopendeWorkflow: zonder,
        verouderd,
        bevindingen,
        laatsteId: voortgang.laatsteId,
        klaar: voortgang.klaar,
      };
    },

    /** Marks the run as started (idempotent: a retry or re-run of the same id resets it to `bezig`). */
    async startRonde(s: RondeStart): Promise<void> {
      await dataSource.query(
        `INSERT INTO escalatieronde (id, run_id, gepland_op, peildatum, status, gestart_op)
         VALUES ($1, $2, $3, $4, 'bezig', $5)
         ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, peildatum = EXCLUDED.peildatum,
           status = 'bezig', gestart_op = EXCLUDED.gestart_op, afgerond_op = NULL, bijgewerkt_op = now()`,
        [
          s.rondeId,
          s.runId,
          s.geplandOp === null ? null : new Date(s.geplandOp),
          s.peildatum,
          new Date(s.gestartOp),
        ],
      );
    },

    /**
     * Digests: per casemanager and per gemeente's teamleider one outbox row summarising the escalations
     * this run created (counts per soort and the first trajecten). Trajecten without a casemanager go to
     * the teamleider. Idempotent: unique on run + recipient.
     */
    async maakCbsHerinneringen(o: {
      rondeId: string;
      peildatum: PlainDate;
    }): Promise<{ aangemaakt: number }> {
      const { kwartaal, vervaldatum } = cbsSwiHerinnering(o.peildatum);
      // One task per gemeente and quarter (unique on gemeente + soort + sleutel for gemeente tasks).
      // No ronde_id: it is a reminder, not an escalation, so the night's counts and digests leave it out.
      const rijen: unknown[] = await dataSource.query(
        `INSERT INTO taak (traject_id, gemeente, soort, actie, regel, sleutel, niveau, vervaldatum, omschrijving,
                           ontvanger)
         SELECT NULL, g.gemeente, 'cbs-swi', 'taak', 'CBS-SWI', $1, NULL, $2::date, $3, 'teamleider'
           FROM (SELECT DISTINCT gemeente FROM traject) g
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          `cbs-swi:${kwartaal}`,
          vervaldatum,
          `Lever de Statistiek Wet Inburgering over ${kwartaal} aan het CBS (export: /api/v1/rapportage/cbs-swi?kwartaal=${kwartaal}), uiterlijk ${vervaldatum}.`,
        ],
      );
      return { aangemaakt: rijen.length };
    },

    /**
     * Sends the waiting digests of the outbox by e-mail when SMTP is configured (otherwise they stay
     * in the outbox: the embedded default). Also older ones that failed before. At-least-once: a
     * crash between sending and marking can send one mail twice; nothing is ever lost.
     */
    async verstuurDigests(): Promise<{ verzonden: number; mislukt: number; wachtend: number }> {
      const wachtend: {
        id: string;
        ontvanger_rol: string;
        ontvanger: string;
        gemeente: string;
        onderwerp: string;
        inhoud: string;
      }[] = await dataSource.query(
        `SELECT id, ontvanger_rol, ontvanger, gemeente, onderwerp, inhoud FROM notificatie
            WHERE status = 'wachtend' AND kanaal = 'email' ORDER BY aangemaakt_op LIMIT 5000`,
      );
      if (!opties.smtp || wachtend.length === 0)
        return { verzonden: 0, mislukt: 0, wachtend: wachtend.length };
      const smtp = opties.smtp;
      transport ??= createTransport(smtp.url);
      let verzonden = 0;
      let mislukt = 0;
      for (const n of wachtend) {
        try {
          await transport.sendMail({
            from: smtp.afzender,
            to: digestAdres(smtp.adresSjabloon, {
              rol: n.ontvanger_rol,
              ontvanger: n.ontvanger,
              gemeente: n.gemeente,
            }),
            subject: n.onderwerp,
            text: n.inhoud,
          });
          await dataSource.query(
            `UPDATE notificatie SET status = 'verzonden', verzonden_op = now() WHERE id = $1 AND status = 'wachtend'`,
            [n.id],
          );
          verzonden += 1;
        } catch {
          // Stays 'wachtend': the next night tries again. No address or server reply in the record.
          mislukt += 1;
        }
        hartslag({ verzonden, mislukt });
      }
      return { verzonden, mislukt, wachtend: wachtend.length - verzonden };
    },

    async maakDigests(o: { rondeId: string; peildatum: PlainDate }): Promise<{ notificaties: number }> {
      const nieuw = `
        SELECT 'casemanager' AS rol, casemanager AS ontvanger, gemeente, soort, niveau, traject_id, omschrijving
          FROM taak WHERE ronde_id = $1 AND casemanager IS NOT NULL
        UNION ALL
        SELECT 'teamleider', gemeente, gemeente, soort, niveau, traject_id, omschrijving
          FROM taak WHERE ronde_id = $1 AND (ontvanger = 'teamleider' OR casemanager IS NULL)`;
      const tellingen: { rol: string; ontvanger: string; gemeente: string; soort: string; aantal: number }[] =
        await dataSource.query(
          `SELECT rol, ontvanger, gemeente, soort, count(*)::int AS aantal FROM (${nieuw}) n
            GROUP BY rol, ontvanger, gemeente, soort ORDER BY rol, ontvanger, gemeente, soort`,
          [o.rondeId],
        );
      const voorbeelden: { rol: string; ontvanger: string; gemeente: string; regel: string }[] =
        await dataSource.query(
          `SELECT rol, ontvanger, gemeente, regel FROM (
             SELECT rol, ontvanger, gemeente,
                    '- traject ' || traject_id || ': ' || omschrijving AS regel,
                    row_number() OVER (PARTITION BY rol, ontvanger, gemeente ORDER BY soort, niveau DESC, traject_id) AS nr
               FROM (${nieuw}) n) v
            WHERE nr <= 20 ORDER BY rol, ontvanger, gemeente, nr`,
          [o.rondeId],
        );
      const digests = new Map<
        string,
        {
          rol: string;
          ontvanger: string;
          gemeente: string;
          aantal: number;
          soorten: string[];
          regels: string[];
        }
      >();
      const sleutel = (r: { rol: string; ontvanger: string; gemeente: string }) =>
        `${r.rol}|${r.ontvanger}|${r.gemeente}`;
      for (const t of tellingen) {
        const d = digests.get(sleutel(t)) ?? { ...t, aantal: 0, soorten: [], regels: [] };
        d.aantal += t.aantal;
        d.soorten.push(`${t.soort}: ${t.aantal}`);
        digests.set(sleutel(t), d);
      }
      for (const v of voorbeelden) digests.get(sleutel(v))?.regels.push(v.regel);
      const lijst = [...digests.values()];
      if (lijst.length === 0) return { notificaties: 0 };
      const [{ aantal }]: { aantal: number }[] = await dataSource.query(
        `WITH nieuw AS (
           INSERT INTO notificatie (ronde_id, ontvanger_rol, ontvanger, gemeente, onderwerp, inhoud, aantal)
           SELECT $1::varchar, u.* FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::text[],
             $6::text[], $7::int[]) AS u
           ON CONFLICT ON CONSTRAINT notificatie_uniek DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS aantal FROM nieuw`,
        [
          o.rondeId,
          lijst.map((d) => d.rol),
          lijst.map((d) => d.ontvanger),
          lijst.map((d) => d.gemeente),
          lijst.map((d) => `Nachtelijke escalaties ${o.peildatum}: ${d.aantal} nieuw (${d.gemeente})`),
          lijst.map((d) =>
            [
              `Nieuwe escalaties en waarschuwingen van de nachtelijke ronde op ${o.peildatum}:`,
              ...d.soorten.map((s) => `  ${s}`),
              '',
              ...d.regels,
              ...(d.aantal > d.regels.length
                ? [`… en ${d.aantal - d.regels.length} meer in de takenlijst.`]
                : []),
            ].join('\n'),
          ),
          lijst.map((d) => d.aantal),
        ],
      );
      return { notificaties: aantal };
    },

    /** Records the night's result; counts are taken from `taak`, so a re-run of the same id stays exact. */
    async registreerRonde(r: RondeAfsluiting): Promise<RondeTelling> {
      const rijen: { soort: string; niveau: number; aantal: number }[] = await dataSource.query(
        `SELECT soort, niveau, count(*)::int AS aantal FROM taak WHERE ronde_id = $1
          GROUP BY soort, niveau ORDER BY soort, niveau`,
        [r.rondeId],
      );
      const aantallen = Object.fromEntries(rijen.map((x) => [`${x.soort}:${x.niveau}`, x.aantal]));
      const nieuw = rijen.reduce((som, x) => som + x.aantal, 0);
      await dataSource.query(
        `UPDATE escalatieronde SET status = $2, afgerond_op = $3, duur_ms = $4, trajecten = $5, nieuw = $6,
           aantallen = $7, fouten = $8, reconciliatie = $9, digests = $10, bijgewerkt_op = now()
         WHERE id = $1`,
        [
          r.rondeId,
          r.status,
          new Date(r.afgerondOp),
          Math.round(r.duurMs),
          r.trajecten,
          nieuw,
          JSON.stringify(aantallen),
          JSON.stringify(r.fouten),
          JSON.stringify(r.reconciliatie),
          r.digests,
        ],
      );
      return { nieuw, aantallen };
    },
  };
}

export type EscalatieRondeActivities = ReturnType<typeof createEscalatieRondeActivities>;
