'use strict';
// The official Alibaba Cloud Node.js SDK against tests/emulator/server.py.
//   node tests/sdk/sdk_test.js          (needs `npm ci` in tests/sdk first)
// Last line: "RESULT <passed> <failed>"; exit status 1 on any failure.
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');

const OpenApi = require('@alicloud/openapi-client');
const Util = require('@alicloud/tea-util');
const RPCClient = require('@alicloud/pop-core').RPCClient;

const SERVER = path.join(__dirname, '..', 'emulator', 'server.py');
// run_tests.sh passes the real interpreter (a `python3` wrapper script could swallow signals)
const PYTHON = process.env.EMU_PYTHON || 'python3';
const AK = 'sdkak', SK = 'sdksecret';
const STS_AK = 'STS.sdk', STS_SK = 'stssecret', STS_TOKEN = 'CAIS+sdk/token==';
let passed = 0, failed = 0;
const children = [];

function killAll() {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try { process.kill(c.spawnargs[0] === process.execPath ? c.pid : -c.pid, 'SIGTERM'); } catch (e) {
        try { c.kill('SIGTERM'); } catch (e2) { /* gone */ }
      }
    }
  }
}
process.on('exit', killAll);
process.on('SIGINT', () => { killAll(); process.exit(130); });
process.on('SIGTERM', () => { killAll(); process.exit(143); });

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log('ok   ' + name);
  } catch (e) {
    failed++;
    console.log('FAIL ' + name + ': ' + ((e && e.stack) || e));
  }
}

function assert(cond, msg) { if (!cond) throw new Error(msg || 'assertion failed'); }

function startEmu(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, [SERVER, '--port', '0',
      '--access-key', `${AK}:${SK}`, '--sts', `${STS_AK}:${STS_SK}:${STS_TOKEN}`].concat(args),
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true });  // own process group
    children.push(p);
    let out = '', err = '';
    const timer = setTimeout(() => reject(new Error('emulator did not start: ' + err)), 30000);
    p.stderr.on('data', (d) => { if (err.length < 100000) err += d; });
    p.stdout.on('data', (d) => {
      out += d;
      const i = out.indexOf('\n');
      if (i >= 0 && !p.info) {
        clearTimeout(timer);
        p.info = JSON.parse(out.slice(0, i));
        resolve(p);
      }
    });
    p.on('exit', (code) => { clearTimeout(timer); if (!p.info) reject(new Error('emulator exited ' + code + ': ' + err)); });
  });
}

function stopEmu(p) {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve(p.exitCode);
    p.on('exit', (code) => resolve(code));
    p.kill('SIGTERM');
  });
}

function ctl(info, method, sub, body) {
  const mod = info.scheme === 'https' ? https : http;
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = mod.request({
      host: '127.0.0.1', servername: 'localhost', port: info.port, method, path: '/__emulator__' + sub,
      headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
      ca: info.ca_file ? fs.readFileSync(info.ca_file) : undefined,
    }, (res) => {
      let b = '';
      res.on('data', (d) => { b += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(b) }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function openapi(info, { ak = AK, sk = SK, token, v1 = false } = {}) {
  const cfg = new OpenApi.Config({
    accessKeyId: ak, accessKeySecret: sk, endpoint: `localhost:${info.port}`,
    protocol: info.scheme, regionId: 'cn-shanghai', readTimeout: 10000, connectTimeout: 5000,
  });
  if (token) cfg.securityToken = token;
  if (v1) cfg.signatureAlgorithm = 'v2';
  return new OpenApi.default(cfg);
}

function callOpenapi(client, info, action, { body, query, headers, method = 'POST' } = {}) {
  const params = new OpenApi.Params({
    action, version: '2021-09-01', protocol: info.scheme.toUpperCase(), pathname: '/', method,
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const req = new OpenApi.OpenApiRequest({ body, query, headers });
  return client.callApi(params, req, new Util.RuntimeOptions({ autoretry: false }));
}

function popcore(info, { ak = AK, sk = SK, token } = {}) {
  return new RPCClient({
    accessKeyId: ak, accessKeySecret: sk, securityToken: token,
    endpoint: `${info.scheme}://localhost:${info.port}`, apiVersion: '2021-09-01',
  });
}

// one function per client flavour: (info, creds, imageId, extra) -> response body
const FLAVOURS = {
  'openapi-client V3': async (info, creds, imageId, nonce) => (await callOpenapi(openapi(info, creds), info,
    'DeleteImage', { body: { ImageId: imageId }, headers: nonce ? { 'x-acs-signature-nonce': nonce } : undefined })).body,
  'openapi-client V1 (signatureAlgorithm v2)': async (info, creds, imageId, nonce) => (await callOpenapi(
    openapi(info, Object.assign({ v1: true }, creds)), info, 'DeleteImage',
    { body: { ImageId: imageId }, query: nonce ? { SignatureNonce: nonce } : undefined })).body,
  'pop-core V1 POST': async (info, creds, imageId, nonce) => popcore(info, creds).request('DeleteImage',
    Object.assign({ ImageId: imageId }, nonce ? { SignatureNonce: nonce } : {}), { method: 'POST', timeout: 10000 }),
  'pop-core V1 GET': async (info, creds, imageId, nonce) => popcore(info, creds).request('DeleteImage',
    Object.assign({ ImageId: imageId }, nonce ? { SignatureNonce: nonce } : {}), { method: 'GET', timeout: 10000 }),
};

async function expectCode(promise, code) {
  try {
    const r = await promise;
    throw new Error('expected error ' + code + ', got success ' + JSON.stringify(r));
  } catch (e) {
    const got = e.code || (e.data && e.data.Code);
    if (got !== code) throw new Error(`expected ${code}, got ${got}: ${e.message}`);
    return e;
  }
}

let seq = 0;
async function newImage(info, attrs) {
  const id = `img-sdk-${process.pid}-${++seq}`;
  const r = await ctl(info, 'POST', '/images', Object.assign({ id }, attrs || {}));
  assert(r.status === 200, 'add image failed');
  return id;
}

async function deleteCases(info, label) {
  for (const [name, fn] of Object.entries(FLAVOURS)) {
    for (const sts of [false, true]) {
      const creds = sts ? { ak: STS_AK, sk: STS_SK, token: STS_TOKEN } : {};
      await check(`${label} ${name}${sts ? ' + STS' : ''}: DeleteImage succeeds and the image is gone`, async () => {
        const id = await newImage(info);
        const body = await fn(info, creds, id);
        assert(body.Data === true && body.Success === true && body.Code === '200', JSON.stringify(body));
        const g = await ctl(info, 'GET', '/images/' + id);
        assert(g.status === 404, 'image still present');
      });
    }
  }
}

async function main() {
  if (process.argv[2] === '--https-child') return httpsChild(JSON.parse(process.env.EMU_INFO));

  // ---------------------------------------------------------------- plain HTTP
  const emu = await startEmu(['--http']);
  const info = emu.info;
  await deleteCases(info, '[http]');

  for (const [name, fn] of Object.entries(FLAVOURS)) {
    await check(`[http] ${name}: wrong secret -> SignatureDoesNotMatch`, async () => {
      const e = await expectCode(fn(info, { sk: 'not-the-secret' }, 'img-x'), 'SignatureDoesNotMatch');
      assert(/string to sign/.test(e.message || '') || (e.data && /string to sign/.test(e.data.Message)),
        'message lacks the string to sign');
    });
    await check(`[http] ${name}: replayed nonce -> SignatureNonceUsed`, async () => {
      const nonce = `sdk-replay-${process.pid}-${name.replace(/\W/g, '')}`;
      await expectCode(fn(info, {}, 'img-missing', nonce), 'Image.NotExist');
      await expectCode(fn(info, {}, 'img-missing', nonce), 'SignatureNonceUsed');
    });
    await check(`[http] ${name}: missing image -> Image.NotExist`, async () => {
      const e = await expectCode(fn(info, {}, 'img-does-not-exist'), 'Image.NotExist');
      const data = e.data || {};
      assert(!data.Message || /does not exist/.test(data.Message), JSON.stringify(data));
    });
  }

  await check('[http] openapi-client sends its form body chunked and the emulator accepts it', async () => {
    const id = await newImage(info);
    await FLAVOURS['openapi-client V3'](info, {}, id);
    const log = (await ctl(info, 'GET', '/requests')).body.requests;
    const last = log[log.length - 1];
    assert(last.te === 'chunked' && last.code === '200', JSON.stringify(last));
  });

  await check('[http] business error by state: ImageIsCreating arrives as the SDK error code', async () => {
    const id = await newImage(info, { status: 'Creating' });
    await expectCode(FLAVOURS['openapi-client V3'](info, {}, id), 'InvalidImageOperation.ImageIsCreating');
    await expectCode(FLAVOURS['pop-core V1 POST'](info, {}, id), 'InvalidImageOperation.ImageIsCreating');
  });

  await check('[http] throttling fault arrives as Throttling.User', async () => {
    await ctl(info, 'POST', '/faults', { type: 'throttle', count: 1 });
    await expectCode(FLAVOURS['openapi-client V3'](info, {}, 'img-x'), 'Throttling.User');
  });

  await check('[http] ListImage via openapi-client V3 (GET, query)', async () => {
    const id = await newImage(info);
    const r = await callOpenapi(openapi(info), info, 'ListImage', { query: { ImageId: id }, method: 'GET' });
    assert(r.body.Images.length === 1 && r.body.Images[0].ImageId === id, JSON.stringify(r.body));
  });

  await check('[http] emulator exits 0 on SIGTERM', async () => {
    const code = await stopEmu(emu);
    assert(code === 0, 'exit code ' + code);
  });

  // ---------------------------------------------------------------- HTTPS
  const temu = await startEmu([]);
  const tinfo = temu.info;
  await check('[https] without the test CA the SDK refuses the certificate', async () => {
    try {
      await FLAVOURS['openapi-client V3'](tinfo, {}, 'img-x');
      throw new Error('connected without trusting the CA');
    } catch (e) {
      assert(/certificate|self.signed|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(String(e.message) + String(e.code)),
        'unexpected error: ' + e.message);
    }
  });
  // NODE_EXTRA_CA_CERTS is read at start-up: run the HTTPS cases in a child node.
  const child = spawn(process.execPath, [__filename, '--https-child'], {
    env: Object.assign({}, process.env, { NODE_EXTRA_CA_CERTS: tinfo.ca_file, EMU_INFO: JSON.stringify(tinfo) }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let cout = '';
  child.stdout.on('data', (d) => { cout += d; process.stdout.write(d); });
  const ccode = await new Promise((resolve) => child.on('exit', resolve));
  const m = /RESULT (\d+) (\d+)\s*$/.exec(cout);
  if (m) { passed += +m[1]; failed += +m[2]; } else { failed++; console.log('FAIL [https] child gave no RESULT'); }
  if (ccode !== 0 && m && +m[2] === 0) { failed++; console.log('FAIL [https] child exit ' + ccode); }
  await check('[https] emulator exits 0 on SIGTERM', async () => {
    const code = await stopEmu(temu);
    assert(code === 0, 'exit code ' + code);
  });
}

async function httpsChild(info) {
  await deleteCases(info, '[https]');
  await check('[https] openapi-client V3: missing image -> Image.NotExist', async () => {
    await expectCode(FLAVOURS['openapi-client V3'](info, {}, 'img-nope'), 'Image.NotExist');
  });
  await check('[https] pop-core: wrong secret -> SignatureDoesNotMatch', async () => {
    await expectCode(FLAVOURS['pop-core V1 POST'](info, { sk: 'bad' }, 'img-nope'), 'SignatureDoesNotMatch');
  });
}

main().then(() => {
  console.log(`RESULT ${passed} ${failed}`);
  killAll();
  process.exit(failed ? 1 : 0);
}, (e) => {
  console.log('FAIL sdk test crashed: ' + ((e && e.stack) || e));
  console.log(`RESULT ${passed} ${failed + 1}`);
  killAll();
  process.exit(1);
});
