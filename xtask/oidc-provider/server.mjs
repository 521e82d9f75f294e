// Local OpenID Provider for the OIDC integration tests.
//
// This runs panva/oidc-provider (an OpenID Certified provider implementation)
// with a test configuration, on plain http on loopback; the only change to its
// behaviour is the optional at_hash claim described below:
//
//   node server.mjs --port P --redirect-uri URI [--redirect-uri URI2 ...]
//                   [--post-logout-redirect-uri URI ...] [--client-public-key PEM_FILE]
//
// --port 0 picks a free port. The issuer is http://127.0.0.1:<port>. When the
// server listens, exactly one line "Ready on http://127.0.0.1:<port>" is
// written to stdout; everything else (provider notices and warnings, errors)
// goes to stderr. SIGTERM / SIGINT stop the server and exit 0.
//
// Clients:
//   oidc-confidential / oidc-confidential-secret-0123456789 (client_secret_basic)
//   oidc-public (token_endpoint_auth_method none)
//   oidc-csjwt / oidc-csjwt-secret-0123456789-0123456789 (client_secret_jwt, HS256)
//   oidc-pkjwt (private_key_jwt, ES256), only with --client-public-key: the
//     public key (PEM, e.g. `openssl pkey -pubout`) becomes the client's JWKS;
//     the private key never reaches this server.
// All: every --redirect-uri, grant types authorization_code + refresh_token,
// response type code, PKCE S256 required; post_logout_redirect_uris are the
// origins of the redirect URIs with path "/" plus every
// --post-logout-redirect-uri.
//
// Accounts: the dev login form accepts any login and any password. For login
// L: sub = L, email = L@example.org, email_verified = true unless L starts
// with "unverified", name = "<L capitalised> Example", preferred_username = L.
// The claims are also put into the ID token (conformIdTokenClaims: false).
//
// FAULT INJECTION (negative tests only). The Koa middleware below sits in
// front of the provider's routers, like a reverse proxy in front of the
// certified provider: the provider itself behaves correctly, the middleware
// rewrites what goes in or comes out. A mode is set with
//   POST /_test/mode  {"mode": "<mode>"}   -> 204
//   GET  /_test/mode                       -> {"mode": "<mode>"}
// and stays in force for every matching request until it is set to "none".
//   none               normal behaviour
//   wrong-nonce        GET /auth: the nonce query parameter is replaced by a
//                      different value before the provider sees it, so the
//                      provider signs an ID token carrying the wrong nonce.
//   tampered-id-token  POST /token: after the provider answers, one character
//                      of the `sub` claim inside the id_token payload is
//                      changed (payload re-encoded as valid base64url JSON,
//                      header and signature untouched) -> the signature no
//                      longer verifies.
//   wrong-at-hash      POST /token: the provider is made to sign an ID token
//                      whose at_hash is that of a different access token
//                      (ID token otherwise valid and correctly signed).
//   foreign-iss        the authorization response (302/303 redirect to a
//                      registered redirect_uri carrying `code`) gets its `iss`
//                      parameter replaced by http://127.0.0.1:1/other-issuer
//                      (RFC 9207 mix-up).
// KEY ROTATION (the client must pick up a new signing key at once):
//   POST /_test/rotate-keys  (loopback callers only) -> 200 {"kid": "<new kid>"}
// replaces the signing key by a fresh RS256 key with a new kid: from then on
// the JWKS lists only the new key and every ID token is signed with it, as
// after a provider's emergency rotation. The provider instance is rebuilt
// around the new key (same issuer, port, clients and fault mode); a sign-in
// in progress at that moment may be lost, so rotate between sign-ins.
// at_hash: oidc-provider only puts at_hash into ID tokens issued from the
// authorization endpoint (hybrid/implicit). Since at_hash is OPTIONAL for ID
// tokens from the token endpoint (OIDC Core 3.1.3.6) but commonly sent (e.g.
// by Google), this server adds it to token-endpoint ID tokens by default (the
// provider computes and signs it); --no-at-hash turns that off.
//
// The middleware also strips the Google Fonts @import from the provider's
// built-in HTML pages so that a browser test makes no request off loopback.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// oidc-provider prints its notices with console.info (stdout); keep stdout for
// the single "Ready on" line.
console.info = (...args) => console.error(...args);

// ESM resolution ignores NODE_PATH; fall back to CommonJS resolution (which
// honours it) so node_modules may live elsewhere, e.g.
//   NODE_PATH=/tmp/oidc-work/node_modules node server.mjs ...
async function loadProvider() {
  try {
    return (await import('oidc-provider')).default;
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    let resolved;
    try {
      resolved = createRequire(import.meta.url).resolve('oidc-provider');
    } catch {
      console.error('error: cannot find the oidc-provider package; run `npm ci` (or `npm install`) '
        + 'next to package.json, or point NODE_PATH at a node_modules folder that has it');
      process.exit(1);
    }
    return (await import(pathToFileURL(resolved).href)).default;
  }
}
const Provider = await loadProvider();

const FAULT_MODES = new Set(['none', 'wrong-nonce', 'tampered-id-token', 'wrong-at-hash', 'foreign-iss']);
const FOREIGN_ISSUER = 'http://127.0.0.1:1/other-issuer';

function usage(message) {
  if (message) console.error(`error: ${message}`);
  console.error('usage: node server.mjs --port P --redirect-uri URI [--redirect-uri URI ...] '
    + '[--post-logout-redirect-uri URI ...] [--client-public-key PEM_FILE] [--no-at-hash]');
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      'no-at-hash': { type: 'boolean', default: false },
      'client-public-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  usage(err.message);
}
if (args.help) usage();
if (args.port === undefined || !/^\d+$/.test(args.port) || Number(args.port) > 65535) {
  usage('--port must be a number between 0 and 65535');
}
const redirectUris = args['redirect-uri'] ?? [];
if (redirectUris.length === 0) usage('at least one --redirect-uri is required');
for (const uri of [...redirectUris, ...(args['post-logout-redirect-uri'] ?? [])]) {
  try {
    new URL(uri); // eslint-disable-line no-new
  } catch {
    usage(`not an absolute URL: ${uri}`);
  }
}
// The private_key_jwt client's public key, as a JWK (RFC 7517).
let clientJwk;
if (args['client-public-key'] !== undefined) {
  try {
    const pem = fs.readFileSync(args['client-public-key'], 'utf8');
    clientJwk = { ...crypto.createPublicKey(pem).export({ format: 'jwk' }), use: 'sig', alg: 'ES256' };
  } catch (err) {
    usage(`--client-public-key: ${err.message}`);
  }
}
const postLogoutRedirectUris = [...new Set([
  ...redirectUris.map((uri) => `${new URL(uri).origin}/`),
  ...(args['post-logout-redirect-uri'] ?? []),
])];

// Listen first so that port 0 can be resolved before the issuer is fixed.
const server = http.createServer();
try {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(args.port), '127.0.0.1', resolve);
  });
} catch (err) {
  console.error(`error: cannot listen on 127.0.0.1:${args.port}: ${err.message}`);
  process.exit(1);
}
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

// A fresh signing key (RS256, the default ID token algorithm) per run, and per
// key rotation (POST /_test/rotate-keys).
function newSigningKey() {
  return {
    ...crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: `test-rsa-${crypto.randomBytes(4).toString('hex')}`,
    use: 'sig',
    alg: 'RS256',
  };
}
const cookieKey = crypto.randomBytes(32).toString('base64url');

function capitalise(login) {
  return login.charAt(0).toUpperCase() + login.slice(1);
}

function accountClaims(login) {
  return {
    sub: login,
    email: `${login}@example.org`,
    email_verified: !login.startsWith('unverified'),
    name: `${capitalise(login)} Example`,
    preferred_username: login,
  };
}

const commonClient = {
  redirect_uris: redirectUris,
  post_logout_redirect_uris: postLogoutRedirectUris,
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
};

const configuration = (signingKey) => ({
  clients: [
    {
      ...commonClient,
      client_id: 'oidc-confidential',
      client_secret: 'oidc-confidential-secret-0123456789',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      ...commonClient,
      client_id: 'oidc-public',
      token_endpoint_auth_method: 'none',
    },
    {
      ...commonClient,
      client_id: 'oidc-csjwt',
      client_secret: 'oidc-csjwt-secret-0123456789-0123456789',
      token_endpoint_auth_method: 'client_secret_jwt',
      token_endpoint_auth_signing_alg: 'HS256',
    },
    ...(clientJwk ? [{
      ...commonClient,
      client_id: 'oidc-pkjwt',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [clientJwk] },
    }] : []),
  ],
  clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt',
    'private_key_jwt'],
  jwks: { keys: [signingKey] },
  cookies: { keys: [cookieKey] },
  responseTypes: ['code'],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  conformIdTokenClaims: false,
  // Refresh tokens for every client allowed the refresh_token grant, with or
  // without offline_access (without it the refresh token ends with the
  // provider session).
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => accountClaims(sub),
  }),
  features: {
    devInteractions: { enabled: true },
    userinfo: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 600,
    IdToken: 3600,
    RefreshToken: 24 * 3600,
    Interaction: 3600,
    Session: 24 * 3600,
    Grant: 24 * 3600,
  },
});

// ---- fault injection (see the header comment) ------------------------------

let faultMode = 'none';

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 4096) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isAuthorizationResponse(location) {
  let url;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  if (!url.searchParams.has('code')) return null;
  const target = `${url.origin}${url.pathname}`;
  const registered = redirectUris.some((uri) => {
    const r = new URL(uri);
    return `${r.origin}${r.pathname}` === target;
  });
  return registered ? url : null;
}

function tamperIdToken(idToken) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const sub = String(claims.sub);
  const last = sub.slice(-1);
  claims.sub = sub.slice(0, -1) + (last === 'x' ? 'y' : 'x');
  const tampered = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return [header, tampered, signature].join('.');
}

// One provider per signing key: a key rotation replaces the provider (same
// issuer, port, clients and fault mode; in-flight interactions are lost).
function createProvider(signingKey) {
  const provider = new Provider(issuer, configuration(signingKey));

  for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error',
    'userinfo.error', 'revocation.error', 'introspection.error']) {
    provider.on(event, (ctx, err) => {
      console.error(`[oidc-provider] ${event}: ${err?.name ?? ''} ${err?.message ?? err}`
        + `${err?.error_description ? ` (${err.error_description})` : ''}`
        + `${err?.error_detail ? ` [${err.error_detail}]` : ''}`);
    });
  }

  // at_hash for ID tokens issued by the token endpoint (see the header comment).
  // The IdToken model hashes the raw value given here with the hash matching the
  // signing alg. Opaque access tokens: the token value is the model's jti.
  {
    const { IdToken } = provider;
    const issue = IdToken.prototype.issue;
    IdToken.prototype.issue = function issueWithAtHash(options) {
      const oidc = this.ctx?.oidc;
      if (options?.use === 'idtoken' && oidc?.route === 'token' && this.extra.at_hash === undefined) {
        const accessToken = oidc.entities.AccessToken?.jti;
        if (faultMode === 'wrong-at-hash') {
          this.set('at_hash', `not-${accessToken ?? 'the-access-token'}`);
        } else if (accessToken && !args['no-at-hash']) {
          this.set('at_hash', accessToken);
        }
      }
      return issue.call(this, options);
    };
  }

  provider.use(async (ctx, next) => {
    if (ctx.path === '/_test/mode') {
      if (ctx.method === 'GET') {
        ctx.body = { mode: faultMode };
        return;
      }
      if (ctx.method === 'POST') {
        let mode;
        try {
          ({ mode } = JSON.parse(await readBody(ctx.req)));
        } catch {
          ctx.status = 400;
          ctx.body = { error: 'expected JSON {"mode": "..."}' };
          return;
        }
        if (!FAULT_MODES.has(mode)) {
          ctx.status = 400;
          ctx.body = { error: `unknown mode, expected one of: ${[...FAULT_MODES].join(', ')}` };
          return;
        }
        faultMode = mode;
        console.error(`[fault-injection] mode = ${mode}`);
        ctx.status = 204;
        return;
      }
      ctx.status = 405;
      return;
    }

    if (faultMode === 'wrong-nonce' && ctx.method === 'GET' && ctx.path === '/auth') {
      const params = new URLSearchParams(ctx.querystring);
      if (params.has('nonce')) {
        params.set('nonce', `wrong-${crypto.randomBytes(8).toString('hex')}`);
        ctx.querystring = params.toString();
      }
    }

    await next();

    if (faultMode === 'tampered-id-token' && ctx.method === 'POST' && ctx.path === '/token'
        && ctx.status === 200 && ctx.body && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, id_token: tamperIdToken(ctx.body.id_token) };
    }

    if (faultMode === 'foreign-iss' && (ctx.status === 302 || ctx.status === 303)) {
      const url = isAuthorizationResponse(ctx.response.get('Location'));
      if (url) {
        url.searchParams.set('iss', FOREIGN_ISSUER);
        ctx.set('Location', url.href);
        ctx.type = 'text';
        ctx.body = `Redirecting to ${url.href}.`;
      }
    }

    // No request off loopback from the built-in pages.
    if (typeof ctx.body === 'string' && ctx.response.is('html')) {
      ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
    }
  });

  return provider;
}

let currentKid;
let handleRequest;
function rotateKeys() {
  const signingKey = newSigningKey();
  handleRequest = createProvider(signingKey).callback();
  currentKid = signingKey.kid;
  console.error(`[keys] signing with ${currentKid}`);
}
rotateKeys();

function isLoopback(address) {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

server.on('request', (req, res) => {
  if (req.url === '/_test/rotate-keys') {
    if (!isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403).end();
    } else if (req.method === 'POST') {
      rotateKeys();
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ kid: currentKid }));
    } else {
      res.writeHead(405).end();
    }
    return;
  }
  handleRequest(req, res);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

process.stdout.write(`Ready on ${issuer}\n`);
