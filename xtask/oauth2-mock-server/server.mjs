// A plain OAuth 2.0 provider for the generic provider's integration test: npm
// `oauth2-mock-server` (its authorize, token and user-info endpoints) behind a small front that
// also serves an e-mail list, as GitHub- or Bitbucket-like APIs do.
//
// oauth2-mock-server checks PKCE but nothing else about a request. This front remembers who
// signed in: the authorization request's `login_hint` names the user (the client sends it as a
// per-login option), the code carries it to the token, the token to the documents, so every
// document answers for the user who signed in, and an unknown bearer token gets a 401.
//
//   GET  /userinfo          {"data": {"user_id", "login", "profile": {"display_name"}, "teams"}}
//   GET  /api/emails        {"items": [{"address", "primary", "confirmed"}]}
//   POST /_test/teams       {"login", "teams"}: changes a user's teams (the next sign-in sees them)
//
// Usage: node server.mjs --port PORT   (prints "Ready on http://127.0.0.1:PORT")

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

// ESM resolution ignores NODE_PATH (the xtask installs node_modules under target/); look the
// package up there by its package.json's `exports` when a plain import does not find it.
async function loadMockServer() {
  try {
    return await import('oauth2-mock-server');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    for (const dir of (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const root = path.join(dir, 'oauth2-mock-server');
      const manifest = path.join(root, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      const entry = pkg.exports?.['.']?.import?.default ?? pkg.exports?.['.']?.import ?? pkg.module ?? pkg.main;
      return import(pathToFileURL(path.join(root, typeof entry === 'string' ? entry : 'dist/index.mjs')).href);
    }
    console.error('error: cannot find the oauth2-mock-server package; run `npm install` next to '
      + 'package.json, or point NODE_PATH at a node_modules folder that has it');
    process.exit(1);
  }
}
const { Events, OAuth2Issuer, OAuth2Service } = await loadMockServer();

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;

const users = {
  alice: {
    user_id: 1001,
    login: 'alice',
    profile: { display_name: 'Alice Liddell' },
    teams: ['staff', 'research'],
    emails: [
      { address: 'alice.old@example.org', primary: false, confirmed: true },
      { address: 'alice@example.org', primary: true, confirmed: true },
    ],
  },
  bob: {
    user_id: 1002,
    login: 'bob',
    profile: { display_name: 'Bob' },
    teams: [],
    emails: [{ address: 'bob@example.org', primary: true, confirmed: false }],
  },
};

const issuer = new OAuth2Issuer();
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer);

const userOfCode = new Map();
const userOfToken = new Map();

service.on(Events.BeforeAuthorizeRedirect, (redirect, req) => {
  const login = String(req.query.login_hint ?? 'alice');
  const code = redirect.url.searchParams.get('code');
  if (code && users[login]) userOfCode.set(code, login);
});

// The mock signs the same claims within a second into the same JWT; a `jti` makes every
// token its own, so two users' tokens are never one key of `userOfToken`.
service.on(Events.BeforeTokenSigning, (token) => {
  token.payload.jti = randomUUID();
});

service.on(Events.BeforeResponse, (response, req) => {
  const login = userOfCode.get(req.body.code);
  userOfCode.delete(req.body.code);
  if (login && response.body.access_token) userOfToken.set(response.body.access_token, login);
});

function bearerUser(req) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return users[userOfToken.get(token)];
}

service.on(Events.BeforeUserinfo, (response, req) => {
  const user = bearerUser(req);
  if (!user) {
    response.statusCode = 401;
    response.body = { error: 'invalid_token' };
    return;
  }
  const { emails, ...data } = user;
  response.body = { data };
});

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/api/emails') {
    const user = bearerUser(req);
    return user ? json(res, 200, { items: user.emails }) : json(res, 401, { error: 'invalid_token' });
  }
  if (req.method === 'POST' && path === '/_test/teams') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const { login, teams } = JSON.parse(body || '{}');
      if (!users[login] || !Array.isArray(teams)) return json(res, 400, { error: 'unknown user' });
      users[login].teams = teams;
      return json(res, 200, { login, teams });
    });
    return undefined;
  }
  return service.requestHandler(req, res);
});

server.listen(port, '127.0.0.1', () => {
  const { port: bound } = server.address();
  issuer.url = `http://127.0.0.1:${bound}`;
  console.log(`Ready on ${issuer.url}`);
});
