import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { makeTestCertificates, type TestCertificates } from '../../helpers/servers/tls-certs.ts';
import { context, service } from './kit.ts';

const VALID_DAYS = 10;
let certs: TestCertificates;
let valid: HttpFixture;
let expired: HttpFixture;
let selfSigned: HttpFixture;

beforeAll(async () => {
  certs = makeTestCertificates(VALID_DAYS);
  valid = await startHttpFixture({ tls: { key: certs.key, cert: certs.valid } });
  expired = await startHttpFixture({ tls: { key: certs.key, cert: certs.expired } });
  selfSigned = await startHttpFixture({ tls: { key: certs.selfSignedKey, cert: certs.selfSigned } });
});
afterAll(async () => {
  await Promise.all([valid.stop(), expired.stop(), selfSigned.stop()]);
  certs.dispose();
});

describe('https probe', () => {
  it('is ok with a trusted certificate and reports the days until it expires', async () => {
    const result = await runProbe(service({ kind: 'http', url: valid.url, caFile: certs.caFile }), context());
    expect(result.outcome).toBe('ok');
    expect(result.details?.certDaysLeft).toBeGreaterThanOrEqual(VALID_DAYS - 1);
    expect(result.details?.certDaysLeft).toBeLessThanOrEqual(VALID_DAYS);
    // within the warning window, the reason says so
    expect(result.reason).toMatch(/; certificate expires in (9|10) days$/);
  });

  it('counts the days from the injected clock', async () => {
    const clock = new ManualClock(Date.now() + 5 * 86_400_000);
    const result = await runProbe(
      service({ kind: 'http', url: valid.url, caFile: certs.caFile }),
      context({ clock }),
    );
    expect(result.outcome).toBe('ok');
    expect([VALID_DAYS - 6, VALID_DAYS - 5]).toContain(result.details?.certDaysLeft);
  });

  it('names an expired certificate and when it expired', async () => {
    const result = await runProbe(
      service({ kind: 'http', url: expired.url, caFile: certs.caFile }),
      context(),
    );
    expect(result.outcome).toBe('fail');
    expect(result.reason).toMatch(
      new RegExp(`^TLS: certificate has expired \\(${expired.url}, expired \\d+ days ago\\)$`),
    );
    expect(result.details?.certDaysLeft).toBeLessThan(0);
    expect(expired.requests).toHaveLength(0); // nothing was sent to a server we could not trust
  });

  it('names a self-signed certificate', async () => {
    const result = await runProbe(service({ kind: 'http', url: selfSigned.url }), context());
    expect(result.reason).toBe(`TLS: self-signed certificate (not trusted) (${selfSigned.url})`);
  });

  it('names an unknown issuer when the CA is not trusted', async () => {
    const result = await runProbe(service({ kind: 'http', url: valid.url }), context());
    expect(result.reason).toBe(`TLS: certificate issuer is unknown (incomplete chain?) (${valid.url})`);
  });

  it('names a certificate for another host', async () => {
    const url = valid.url.replace('127.0.0.1', 'localhost');
    const other = await runProbe(service({ kind: 'http', url, caFile: certs.caFile }), context());
    expect(other.reason).toMatch(/^TLS: certificate does not match the host name/);
  });

  it('says when the port does not speak TLS', async () => {
    const plain = await startHttpFixture();
    try {
      const result = await runProbe(
        service({ kind: 'http', url: plain.url.replace('http:', 'https:') }),
        context(),
      );
      expect(result.outcome).toBe('fail');
      expect(result.reason).toMatch(/^TLS: /);
    } finally {
      await plain.stop();
    }
  });
});
