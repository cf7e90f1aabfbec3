import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { isGeldigBsn, isGeldigVnummer } from '../../../domain/persoon';
import { ConfigError, loadConfig } from '../../../platform/config';
import {
  GegevensVernietigd,
  laadSleutelring,
  maakSleutelkluis,
  type PersoonssleutelOpslag,
  SleutelOntbreekt,
  type Sleutelring,
  VersleutelendeCodec,
} from '../../../platform/crypto';

const PERSOON = '5f0c2a9e-3b7d-4e1f-8a6c-2d9b0e4f7a13';
const TRAJECT = '0b8f7c3e-5d2a-4c1b-9e8f-7a6b5c4d3e2f';

function ring(actief: string, sleutels: Record<string, number>): Sleutelring {
  return {
    actief,
    sleutels: new Map(Object.entries(sleutels).map(([id, byte]) => [id, Buffer.alloc(32, byte)])),
    index: Buffer.alloc(32, 1),
    bron: 'test',
  };
}

/** Person keys kept in memory as a repository would (with the traject → person link). */
function opslag(): PersoonssleutelOpslag & {
  rijen: Map<string, { masterSleutelId: string; versleuteld: Buffer | null }>;
} {
  const rijen = new Map<string, { masterSleutelId: string; versleuteld: Buffer | null }>();
  return {
    rijen,
    vind: async (id) => rijen.get(id) ?? null,
    persoonVanTraject: async (t) => (t === TRAJECT ? PERSOON : null),
  };
}

describe('burgerservicenummer', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false], // fails the elfproef
    ['000000000', false], // sum 0 is not a BSN
    ['12345678', false],
    ['12345678a', false],
  ])('%s → %s', (bsn, geldig) => {
    expect(isGeldigBsn(bsn)).toBe(geldig);
  });

  it('V-nummer: ten digits', () => {
    expect(isGeldigVnummer('1234567890')).toBe(true);
    expect(isGeldigVnummer('123456789')).toBe(false);
  });
});

describe('blind index', () => {
  it('equal BSNs give equal indexes, another key or kind another one; the BSN is not in it', () => {
    const a = maakSleutelkluis(ring('k1', { k1: 3 }));
    const b = maakSleutelkluis({ ...ring('k1', { k1: 3 }), index: Buffer.alloc(32, 2) });
    expect(a.index('bsn', '111222333')).toBe(a.index('bsn', '111222333'));
    expect(a.index('bsn', '111222333')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.index('bsn', '111222333')).not.toBe(a.index('bsn', '123456782'));
    expect(a.index('bsn', '111222333')).not.toBe(b.index('bsn', '111222333'));
    expect(a.index('bsn', '1112223330')).not.toBe(a.index('vnummer', '1112223330'));
    expect(a.index('bsn', '111222333')).not.toContain('111222333');
  });
});

describe('envelope encryption and rotation', () => {
  it("a field under the person's key: unreadable without it, bound to its field, carries its key reference", async () => {
    const o = opslag();
    const kluis = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    o.rijen.set(PERSOON, kluis.nieuwePersoonssleutel(PERSOON));
    const geheim = await kluis.versleutelTekst(`p:${PERSOON}`, 'naam', 'Amina Yusuf');
    expect(geheim.startsWith(`p:${PERSOON}|`)).toBe(true);
    expect(geheim).not.toContain('Amina');
    expect(await kluis.ontsleutelTekst('naam', geheim)).toBe('Amina Yusuf');
    // Copied into another column it does not open (the field is associated data).
    await expect(kluis.ontsleutelTekst('bsn', geheim)).rejects.toThrow();
  });

  it('rotation: the old master key still opens what it wrapped, re-wrapping moves it, new keys use the new one', async () => {
    const o = opslag();
    const oud = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    o.rijen.set(PERSOON, oud.nieuwePersoonssleutel(PERSOON));
    const geheim = await oud.versleutelTekst(`p:${PERSOON}`, 'naam', 'Amina Yusuf');

    const nieuw = maakSleutelkluis(ring('k2', { k1: 3, k2: 4 }), o);
    expect(await nieuw.ontsleutelTekst('naam', geheim)).toBe('Amina Yusuf');
    const rij = o.rijen.get(PERSOON)!;
    o.rijen.set(PERSOON, {
      masterSleutelId: 'k2',
      versleuteld: nieuw.herverpak(PERSOON, rij.masterSleutelId, rij.versleuteld!),
    });
    const zonderOud = maakSleutelkluis(ring('k2', { k2: 4 }), o);
    expect(await zonderOud.ontsleutelTekst('naam', geheim)).toBe('Amina Yusuf');
    expect(nieuw.nieuwePersoonssleutel('ander').masterSleutelId).toBe('k2');
    expect(await nieuw.versleutelTekst('m:k2', 'x', 'y')).toMatch(/^m:k2\|/);
  });

  it('a missing key is a loud error, never an empty field', async () => {
    const o = opslag();
    const kluis = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    const geheim = await kluis.versleutelTekst('m:k1', 'x', 'geheim');
    await expect(maakSleutelkluis(ring('k9', { k9: 5 }), o).ontsleutelTekst('x', geheim)).rejects.toThrow(
      SleutelOntbreekt,
    );
  });

  it("crypto-shredding: once the person's key is destroyed, everything under it is gone", async () => {
    const o = opslag();
    const kluis = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    o.rijen.set(PERSOON, kluis.nieuwePersoonssleutel(PERSOON));
    const geheim = await kluis.versleutelTekst(`p:${PERSOON}`, 'naam', 'Amina Yusuf');
    o.rijen.set(PERSOON, { masterSleutelId: 'k1', versleuteld: null });
    const andereProcessen = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    await expect(andereProcessen.ontsleutelTekst('naam', geheim)).rejects.toThrow(GegevensVernietigd);
    kluis.vergeet(PERSOON);
    await expect(kluis.ontsleutelTekst('naam', geheim)).rejects.toThrow(GegevensVernietigd);
  });
});

describe('PayloadCodec', () => {
  const payload = (waarde: unknown) => ({
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify(waarde)),
  });

  it("round trip under the traject's person key; the ciphertext shows nothing of the content", async () => {
    const o = opslag();
    const kluis = maakSleutelkluis(ring('k1', { k1: 3 }), o);
    o.rijen.set(PERSOON, kluis.nieuwePersoonssleutel(PERSOON));
    const codec = new VersleutelendeCodec(kluis);
    const origineel = payload({
      samenvatting: 'Amina wil verpleegkundige worden',
      geboortedatum: '1990-04-01',
    });
    const [geheim] = await codec.encode([origineel], {
      type: 'workflow',
      namespace: 'default',
      workflowId: `traject-${TRAJECT}`,
    });
    expect(Buffer.from(geheim.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(geheim.metadata!['encryption-key-id']!).toString()).toBe(`p:${PERSOON}`);
    expect(Buffer.from(geheim.data!).toString('latin1')).not.toMatch(/Amina|1990-04-01|samenvatting/);
    const [terug] = await codec.decode([geheim]);
    expect(temporal.api.common.v1.Payload.encode(terug).finish()).toEqual(
      temporal.api.common.v1.Payload.encode(origineel).finish(),
    );
  });

  it('system workflows under the master key; unencrypted payloads (old histories) pass through', async () => {
    const codec = new VersleutelendeCodec(maakSleutelkluis(ring('k1', { k1: 3 }), opslag()));
    const [geheim] = await codec.encode([payload({ a: 1 })], {
      type: 'workflow',
      namespace: 'default',
      workflowId: 'nachtelijke-escalaties-2026',
    });
    expect(Buffer.from(geheim.metadata!['encryption-key-id']!).toString()).toBe('m:k1');
    const oud = payload({ oud: true });
    expect(await codec.decode([oud])).toEqual([oud]);
  });
});

describe('key configuration', () => {
  it('the embedded default creates a local key file once, mode 0600, and reads the same keys back', () => {
    const bestand = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sleutels-')), 'sub', 'sleutels.json');
    const a = laadSleutelring({ modus: 'lokaal', bestand });
    const b = laadSleutelring({ modus: 'lokaal', bestand });
    expect(fs.statSync(bestand).mode & 0o777).toBe(0o600);
    expect(b.sleutels.get(b.actief)).toEqual(a.sleutels.get(a.actief));
  });

  it('SLEUTELS from configuration; wrong shapes are refused with a Dutch message; production needs real keys', () => {
    const k = Buffer.alloc(32, 8).toString('base64');
    const goed = {
      SLEUTELS: JSON.stringify({ k2026: k }),
      ACTIEVE_SLEUTEL: 'k2026',
      BLINDE_INDEX_SLEUTEL: k,
    };
    const ring2 = laadSleutelring(loadConfig(goed).sleutels);
    expect(ring2.actief).toBe('k2026');
    expect(() => laadSleutelring(loadConfig({ ...goed, ACTIEVE_SLEUTEL: 'k1' }).sleutels)).toThrow(
      /actieve sleutel/,
    );
    expect(() =>
      laadSleutelring(loadConfig({ ...goed, SLEUTELS: '{"k":"kort"}', ACTIEVE_SLEUTEL: 'k' }).sleutels),
    ).toThrow(/32 bytes/);
    expect(() => loadConfig({ SLEUTELS: 'geen json' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/alleen voor ontwikkeling/);
  });
});
