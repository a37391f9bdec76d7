// Runs a certified OpenID provider (oidc-provider) over HTTPS on 127.0.0.1
// for the cake-okta test suite.
//
//   node server.mjs --cert FILE --key FILE --signing-key FILE \
//     --client-id ID --redirect-uri URI
//
// --cert and --key are the TLS certificate and key, --signing-key is the
// RSA private key (PEM) that signs ID tokens and is published in the JWKS.
//
// The port is chosen by the operating system. Once the provider is ready the
// script prints one line, `listening https://127.0.0.1:PORT`, on stdout. That
// origin is also the issuer, exactly. The script exits when its stdin closes,
// so a test that dies without killing it does not leave it running.

import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    cert: { type: 'string' },
    key: { type: 'string' },
    'signing-key': { type: 'string' },
    'client-id': { type: 'string' },
    'redirect-uri': { type: 'string' },
  },
});
for (const name of ['cert', 'key', 'signing-key', 'client-id', 'redirect-uri']) {
  if (!args[name]) {
    console.error(`server.mjs: missing --${name}`);
    process.exit(2);
  }
}

// The signing key is read from a file, not generated here, because
// generateKeyPairSync('rsa') in Node.js 20.20 blocked for over a minute in
// 5 of about 50 test runs on a 2-core machine.
const privateKey = createPrivateKey(readFileSync(args['signing-key']));
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

function configuration() {
  return {
    clients: [
      {
        client_id: args['client-id'],
        // A public client, so the provider requires PKCE for it.
        token_endpoint_auth_method: 'none',
        redirect_uris: [args['redirect-uri']],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
  };
}

// The issuer must name the port, which is known only once the server
// listens, so requests are handed to the provider through this variable.
let handle = (request, response) => {
  response.statusCode = 503;
  response.end();
};
const server = createServer(
  { cert: readFileSync(args.cert), key: readFileSync(args.key) },
  (request, response) => handle(request, response),
);

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `https://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration());
  handle = provider.callback();
  process.stdout.write(`listening ${issuer}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
