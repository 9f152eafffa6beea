import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  /** PEM of the test CA, and a file holding it (for `caFile`). */
  ca: string;
  caFile: string;
  key: string;
  /** Signed by the CA for 127.0.0.1 only (so `localhost` is a name mismatch), valid for `validDays`. */
  valid: string;
  /** Signed by the CA, expired in February 2020. */
  expired: string;
  /** Self-signed, not trusted by anyone. */
  selfSigned: string;
  selfSignedKey: string;
  dispose(): void;
}

const CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
`;

/** Real certificates made with the openssl CLI (OpenSSL 3.0 can backdate only through `openssl ca`). */
export function makeTestCertificates(validDays = 10): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-certs-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '01\n');
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=haltwatch test CA',
    '-days',
    '30',
  );
  const san = 'subjectAltName=IP:127.0.0.1';
  run(
    'req',
    '-new',
    ...ec,
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    san,
  );
  const sign = (out: string, ...dates: string[]) =>
    run(
      'ca',
      '-config',
      'ca.cnf',
      '-batch',
      '-notext',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'leaf.csr',
      '-out',
      out,
      ...dates,
    );
  sign('valid.pem', '-days', String(validDays));
  sign('expired.pem', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z');
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    san,
    '-days',
    '30',
  );
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  return {
    ca: read('ca.pem'),
    caFile: path.join(dir, 'ca.pem'),
    key: read('leaf.key'),
    valid: read('valid.pem'),
    expired: read('expired.pem'),
    selfSigned: read('self.pem'),
    selfSignedKey: read('self.key'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
