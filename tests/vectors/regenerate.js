'use strict';
// Regenerates tests/vectors/signing-vectors.json with the official Alibaba
// Cloud Node.js SDK packages pinned in tests/sdk/package-lock.json:
//
//   (cd tests/sdk && npm ci)                      # once
//   node tests/vectors/regenerate.js > tests/vectors/signing-vectors.json
//
// Each case below is an input (credentials, time, nonce, parameters). The
// SDK is run for real with its clock and its nonce source pinned to that
// input; its HTTP layer (httpx.request) is stopped at the moment the request
// would go out, and what the SDK handed it (URL, headers, body) is recorded.
// The intermediate strings (string to sign, canonical request, HMAC key) are
// the arguments the SDK passed to its own hash / HMAC helpers, recorded by
// wrapping those helpers; nothing here computes a signature itself. Every
// output is then cross-checked with @alicloud/openapi-util (or openapi-core's
// utils). No network: the request never leaves the process.
//
// The output is JSON.stringify(data, null, 1) without a trailing newline,
// byte for byte the committed file (tests/vectors/check_regenerate.sh).
// The only fields that depend on the machine are the node version and the
// platform inside user-agent / x-sdk-client and packages.node.
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const SDK_DIR = path.resolve(__dirname, '..', 'sdk');
const sdkRequire = createRequire(path.join(SDK_DIR, 'package.json'));

// ------------------------------------------------------------------ packages
// A package's directory: the nearest package.json above its resolved main
// file (for @alicloud/credentials that is dist/, which carries its own).
function packageDirOf(name, fromDir) {
  let dir = path.dirname(createRequire(path.join(fromDir, 'package.json')).resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}
function packageEntry(name, fromDir) {
  const dir = packageDirOf(name, fromDir);
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  return `${version} (${path.relative(SDK_DIR, dir)})`;
}
const POP_CORE_DIR = packageDirOf('@alicloud/pop-core', SDK_DIR);
const OPENAPI_CLIENT_DIR = packageDirOf('@alicloud/openapi-client', SDK_DIR);
const OPENAPI_UTIL_DIR = packageDirOf('@alicloud/openapi-util', OPENAPI_CLIENT_DIR);
const OPENAPI_CORE_DIR = packageDirOf('@alicloud/openapi-core', SDK_DIR);

const PACKAGES = {
  '@alicloud/pop-core': packageEntry('@alicloud/pop-core', SDK_DIR),
  'kitx (used by pop-core)': packageEntry('kitx', POP_CORE_DIR),
  '@alicloud/openapi-client': packageEntry('@alicloud/openapi-client', SDK_DIR),
  '@alicloud/tea-util (used by openapi-client)': packageEntry('@alicloud/tea-util', OPENAPI_CLIENT_DIR),
  '@alicloud/tea-typescript (used by openapi-client)': packageEntry('@alicloud/tea-typescript', OPENAPI_CLIENT_DIR),
  '@alicloud/openapi-util (used by openapi-client)': packageEntry('@alicloud/openapi-util', OPENAPI_CLIENT_DIR),
  'kitx (used by openapi-util)': packageEntry('kitx', OPENAPI_UTIL_DIR),
  '@alicloud/credentials (used by openapi-client)': packageEntry('@alicloud/credentials', OPENAPI_CLIENT_DIR),
  '@alicloud/openapi-core': packageEntry('@alicloud/openapi-core', SDK_DIR),
  '@darabonba/typescript (used by openapi-core)': packageEntry('@darabonba/typescript', OPENAPI_CORE_DIR),
  'httpx': packageEntry('httpx', SDK_DIR),
  'node': process.version,
};

// ------------------------------------------------------------- the SDK itself
function requireFrom(dir, name) { return createRequire(path.join(dir, 'package.json'))(name); }
const RPCClient = sdkRequire('@alicloud/pop-core').RPCClient;
const OpenApi = sdkRequire('@alicloud/openapi-client');
const TeaUtil = requireFrom(OPENAPI_CLIENT_DIR, '@alicloud/tea-util');
const OpenApiUtil = requireFrom(OPENAPI_CLIENT_DIR, '@alicloud/openapi-util').default;
const OpenApiCore = sdkRequire('@alicloud/openapi-core');
const Dara = requireFrom(OPENAPI_CORE_DIR, '@darabonba/typescript');
const kitxOfPopCore = requireFrom(POP_CORE_DIR, 'kitx');
const kitxOfOpenApiUtil = requireFrom(OPENAPI_UTIL_DIR, 'kitx');
const httpxModules = [...new Set([
  requireFrom(POP_CORE_DIR, 'httpx'),
  requireFrom(packageDirOf('@alicloud/tea-typescript', OPENAPI_CLIENT_DIR), 'httpx'),
  requireFrom(packageDirOf('@darabonba/typescript', OPENAPI_CORE_DIR), 'httpx'),
])];

// ---------------------------------------------------------------- the pins
// The clock: every `new Date()` / Date.now() of the SDK reads the case's time.
let pinnedMs = 0;
const RealDate = Date;
class PinnedDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(pinnedMs); else super(...args); }
  static now() { return pinnedMs; }
}
global.Date = PinnedDate;

// The nonce: every nonce source the three clients use.
let pinnedNonce = '';
kitxOfPopCore.makeNonce = () => pinnedNonce;        // pop-core
kitxOfOpenApiUtil.makeNonce = () => pinnedNonce;    // tea-util getNonce (same kitx)
TeaUtil.default.getNonce = () => pinnedNonce;       // openapi-client
OpenApiCore.OpenApiUtil.getNonce = () => pinnedNonce; // openapi-core

// What the SDK hashes and signs, recorded as it calls its own helpers.
let sha1Calls = [];
for (const kitx of new Set([kitxOfPopCore, kitxOfOpenApiUtil])) {
  const realSha1 = kitx.sha1;
  kitx.sha1 = function (str, key, encoding) {
    const out = realSha1.call(this, str, key, encoding);
    sha1Calls.push({ stringToSign: String(str), key: String(key), out });
    return out;
  };
}
let rpcSignatureCalls = [];
const realGetRPCSignature = OpenApiUtil.getRPCSignature;
OpenApiUtil.getRPCSignature = function (signedParams, method, secret) {
  const out = realGetRPCSignature.call(this, signedParams, method, secret);
  rpcSignatureCalls.push({ signedParams: Object.assign({}, signedParams), method, secret, out });
  return out;
};

// V3: getAuthorization hashes the canonical request once and HMACs the
// string to sign once; both are recorded while it runs.
let authCalls = [];
function wrapV3Signer(utilClass) {
  const realGetAuthorization = utilClass.getAuthorization;
  const realHash = utilClass.hash;
  const realSignatureMethod = utilClass.signatureMethod;
  let current = null;
  utilClass.hash = function (raw, alg) {
    const out = realHash.call(this, raw, alg);
    if (current) current.hashes.push({ input: Buffer.from(raw).toString('utf8'), out: Buffer.from(out).toString('hex') });
    return out;
  };
  utilClass.signatureMethod = function (secret, source, alg) {
    const out = realSignatureMethod.call(this, secret, source, alg);
    if (current) current.hmacs.push({ secret, source, out: Buffer.from(out).toString('hex') });
    return out;
  };
  utilClass.getAuthorization = function (request, alg, payload, ak, sk) {
    const outer = current;
    current = { hashes: [], hmacs: [] };
    try {
      const out = realGetAuthorization.call(this, request, alg, payload, ak, sk);
      authCalls.push({ util: utilClass, alg, payload, ak, sk, hashes: current.hashes, hmacs: current.hmacs, out });
      return out;
    } finally {
      current = outer;
    }
  };
  return { getAuthorization: realGetAuthorization };
}
const openApiUtilV3 = wrapV3Signer(OpenApiUtil);
const openApiCoreV3 = wrapV3Signer(OpenApiCore.OpenApiUtil);

// The HTTP layer: record what the SDK hands over, then stop the call.
class RequestCaptured extends Error {}
let captured = null;
async function readBody(data) {
  if (data === undefined || data === null) return { body: null, bodyKind: 'none' };
  if (typeof data === 'string') return { body: data, bodyKind: 'string (sent with Content-Length)' };
  if (Buffer.isBuffer(data)) return { body: data.toString('utf8'), bodyKind: 'buffer (sent with Content-Length)' };
  const chunks = [];
  for await (const c of data) chunks.push(Buffer.from(c));
  return { body: Buffer.concat(chunks).toString('utf8'), bodyKind: 'stream (piped: sent with Transfer-Encoding: chunked)' };
}
for (const httpx of httpxModules) {
  httpx.request = async function (url, opts) {
    const q = url.indexOf('?');
    const afterHost = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
    const b = await readBody(opts.data);
    captured = {
      method: opts.method,
      url,
      path: q >= 0 ? afterHost.slice(0, afterHost.indexOf('?')) : afterHost,
      query: q >= 0 ? url.slice(q + 1) : null,
      headers: Object.assign({}, opts.headers),
      body: b.body,
      bodyKind: b.bodyKind,
    };
    throw new RequestCaptured('request captured');
  };
}

function pin(input) {
  pinnedMs = RealDate.parse(input.timestamp);
  pinnedNonce = input.nonce;
  sha1Calls = []; rpcSignatureCalls = []; authCalls = []; captured = null;
}

async function untilCaptured(promise) {
  try {
    await promise;
  } catch (e) {
    if (captured) return captured;
    throw e;
  }
  throw new Error('the SDK returned without sending a request');
}

function only(list, what) {
  if (list.length !== 1) throw new Error(`expected exactly one ${what}, saw ${list.length}`);
  return list[0];
}

// ------------------------------------------------------------- the clients
async function runPopCore(input) {
  const client = new RPCClient({
    accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret,
    securityToken: input.securityToken, endpoint: `https://${input.host}`, apiVersion: input.apiVersion,
  });
  const opts = { method: input.method };
  if (input.popCoreFormatParams === false) opts.formatParams = false;
  return untilCaptured(client.request(input.action, Object.assign({}, input.params), opts));
}

function credentialWithoutProvider(input) {
  // A credential object without providerName: the client then adds no
  // x-acs-credentials-provider header (the plain Config path always does).
  return {
    getCredential: async () => ({
      accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret,
      securityToken: input.securityToken, type: input.securityToken ? 'sts' : 'access_key',
    }),
  };
}

function apiConfig(Config, input, extra) {
  const cfg = { endpoint: input.host, protocol: 'https', regionId: 'cn-shanghai' };
  if (input.credentialsProviderHeader === false) {
    cfg.credential = credentialWithoutProvider(input);
  } else {
    cfg.accessKeyId = input.accessKeyId;
    cfg.accessKeySecret = input.accessKeySecret;
    if (input.securityToken) cfg.securityToken = input.securityToken;
  }
  return new Config(Object.assign(cfg, extra));
}

function apiCall(models, input) {
  const params = new models.Params({
    action: input.action, version: input.apiVersion, protocol: 'HTTPS', pathname: '/', method: input.method,
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const where = input.paramsIn === 'body' ? { body: Object.assign({}, input.params) } : { query: Object.assign({}, input.params) };
  return { params, request: new models.OpenApiRequest(where) };
}

async function runOpenApiClient(input, v1) {
  const client = new OpenApi.default(apiConfig(OpenApi.Config, input, v1 ? { signatureAlgorithm: 'v2' } : {}));
  const { params, request } = apiCall(OpenApi, input);
  return untilCaptured(client.callApi(params, request, new TeaUtil.RuntimeOptions({ autoretry: false })));
}

async function runOpenApiCore(input) {
  const models = OpenApiCore.$OpenApiUtil;
  const client = new OpenApiCore.default(apiConfig(models.Config, input, {}));
  const { params, request } = apiCall(models, input);
  return untilCaptured(client.callApi(params, request, new Dara.RuntimeOptions({ autoretry: false })));
}

// ------------------------------------------------------------ the outputs
// "a=b&c=d" -> {a: "b", c: "d"}, each part decoded once.
function decodePairs(s) {
  const out = {};
  if (s === '') return out;
  for (const part of s.split('&')) {
    const i = part.indexOf('=');
    out[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
  }
  return out;
}

function v1CrossCheck(signedParams, method, secret, stringToSign, signature) {
  sha1Calls = [];
  const again = realGetRPCSignature.call(OpenApiUtil, signedParams, method, secret);
  const seen = only(sha1Calls, 'HMAC-SHA1 in openapi-util.getRPCSignature');
  return {
    'openapi-util.getRPCSignature': again,
    stringToSignMatches: seen.stringToSign === stringToSign,
    signatureMatches: again === signature,
  };
}

async function v1Case(input) {
  if (input.impl === 'openapi-client') {
    const request = await runOpenApiClient(input, true);
    const rpc = only(rpcSignatureCalls, 'getRPCSignature call');
    const sha = only(sha1Calls, 'HMAC-SHA1');
    return {
      version: 'v1',
      impl: '@alicloud/openapi-client Client#callApi -> doRPCRequest (Config.signatureAlgorithm="v2")',
      signedParams: rpc.signedParams,
      canonicalizedQueryString: decodeURIComponent(sha.stringToSign.split('&')[2]),
      stringToSign: sha.stringToSign,
      hmacKey: sha.key,
      signature: sha.out,
      request,
      crossCheck: v1CrossCheck(rpc.signedParams, input.method, input.accessKeySecret, sha.stringToSign, sha.out),
    };
  }
  const request = await runPopCore(input);
  const sha = only(sha1Calls, 'HMAC-SHA1');
  // pop-core signs a list it builds internally; the parameters it signed are
  // read back from its string to sign (one decode of the third &-field gives
  // the canonicalized query, one more of each name and value the parameter).
  const canonicalized = decodeURIComponent(sha.stringToSign.split('&')[2]);
  const signedParams = decodePairs(canonicalized);
  return {
    version: 'v1',
    impl: '@alicloud/pop-core RPCClient#request (lib/rpc.js)',
    signedParams,
    canonicalizedQueryString: canonicalized,
    stringToSign: sha.stringToSign,
    hmacKey: sha.key,
    signature: sha.out,
    request,
    crossCheck: v1CrossCheck(signedParams, input.method, input.accessKeySecret, sha.stringToSign, sha.out),
  };
}

async function v3Case(input) {
  const core = input.impl === 'openapi-core';
  const request = core ? await runOpenApiCore(input) : await runOpenApiClient(input, false);
  const auth = only(authCalls, 'getAuthorization call');
  const canonicalRequest = only(auth.hashes, 'hash of the canonical request').input;
  const hashedCanonicalRequest = auth.hashes[0].out;
  const hmac = only(auth.hmacs, 'HMAC of the string to sign');
  // method \n path \n query \n header lines... \n (empty) \n signed headers \n payload hash
  const lines = canonicalRequest.split('\n');
  const blank = lines.indexOf('', 3);
  const canonicalHeaders = lines.slice(3, blank).map((l) => l + '\n').join('');
  // Cross-check: the request as handed to the HTTP layer, signed again by
  // the library's own getAuthorization (its Authorization header ignored).
  const headers = Object.assign({}, request.headers);
  delete headers.Authorization;
  const again = (core ? openApiCoreV3 : openApiUtilV3).getAuthorization.call(auth.util,
    { method: request.method, pathname: request.path, query: request.query === null ? {} : decodePairs(request.query), headers },
    auth.alg, auth.payload, auth.ak, auth.sk);
  const checkName = core ? 'openapi-core utils.getAuthorization(captured request)'
    : 'openapi-util.getAuthorization(captured request)';
  return {
    version: 'v3',
    impl: `${core ? '@alicloud/openapi-core' : '@alicloud/openapi-client'} Client#callApi -> doRequest (default signatureAlgorithm ACS3-HMAC-SHA256)`,
    signatureAlgorithm: auth.alg,
    canonicalRequest,
    canonicalQueryString: lines[2],
    canonicalHeaders,
    signedHeaders: lines[blank + 1],
    hashedRequestPayload: auth.payload,
    hashedCanonicalRequest,
    stringToSign: hmac.source,
    signature: hmac.out,
    authorization: auth.out,
    request,
    crossCheck: { [checkName]: again, authorizationMatches: again === auth.out },
  };
}

// ------------------------------------------------------------------ cases
const RESERVED = " +*~/=&%!'()\"#?:@,;$[]<>^`{|}\\";
const LONG_ID = ('img-' + '0123456789abcdef'.repeat(63)).slice(0, 1000);
const UNICODE = 'img-😀镜像-测试';
const STS_TOKEN = 'CAIS+test/sts=token';
const TAGS = { 'ImageId': 'img-123', 'RegionId': 'cn-shanghai', 'Tag.2.Key': 'k2', 'Tag.10.Key': 'k10', 'Tag.1.Value': 'v1', 'Tag.1.Key': 'k1' };
const CASE_KEYS = { 'ImageID': 'upper-D', 'IMAGEID': 'all-upper', 'Imageid': 'lower-i', 'Image_Id': 'underscore', 'Image-Id': 'hyphen', 'Image.Id': 'dot' };
const SORT_QUIRK = { 'ImageId': 'img-123', 'K.': 'dot', 'K/': 'slash', 'Kz': 'z', 'Kä': 'a-umlaut' };

// name, description, then what differs from the DeleteImage defaults
// (host appstream-center.cn-shanghai, testid/testsecret, 2026-01-01T00:00:00Z,
// nonce refsdk-nonce-<case number>).
const CASES = [
  ['v1-popcore-get-basic', 'V1 GET, plain ImageId', { version: 'v1', method: 'GET', params: { ImageId: 'img-123' } }],
  ['v1-popcore-get-sts', 'V1 GET with STS token (SecurityToken param, token has + / =)', { version: 'v1', method: 'GET', securityToken: STS_TOKEN, params: { ImageId: 'img-123' } }],
  ['v1-popcore-get-space', 'ImageId with a space (must be %20, never +)', { version: 'v1', method: 'GET', params: { ImageId: 'img 123' } }],
  ['v1-popcore-get-plus', "ImageId with '+'", { version: 'v1', method: 'GET', params: { ImageId: 'img+123' } }],
  ['v1-popcore-get-star', "ImageId with '*' (must be %2A)", { version: 'v1', method: 'GET', params: { ImageId: 'img*123' } }],
  ['v1-popcore-get-tilde', "ImageId with '~' (must stay literal)", { version: 'v1', method: 'GET', params: { ImageId: 'img~123' } }],
  ['v1-popcore-get-slash', "ImageId with '/'", { version: 'v1', method: 'GET', params: { ImageId: 'img/123' } }],
  ['v1-popcore-get-equals', "ImageId with '='", { version: 'v1', method: 'GET', params: { ImageId: 'img=123' } }],
  ['v1-popcore-get-amp', "ImageId with '&'", { version: 'v1', method: 'GET', params: { ImageId: 'img&123' } }],
  ['v1-popcore-get-percent', "ImageId with a literal '%20' text", { version: 'v1', method: 'GET', params: { ImageId: 'img%20123' } }],
  ['v1-popcore-get-emoji', 'ImageId with an emoji (4-byte UTF-8)', { version: 'v1', method: 'GET', params: { ImageId: 'img-😀' } }],
  ['v1-popcore-get-chinese', 'ImageId in Chinese', { version: 'v1', method: 'GET', params: { ImageId: '镜像-测试' } }],
  ['v1-popcore-get-mixed', 'ImageId with many reserved characters', { version: 'v1', method: 'GET', params: { ImageId: RESERVED } }],
  ['v1-popcore-get-empty', 'empty ImageId (kept as "ImageId=")', { version: 'v1', method: 'GET', params: { ImageId: '' } }],
  ['v1-popcore-get-long', '1000-character ImageId', { version: 'v1', method: 'GET', params: { ImageId: LONG_ID } }],
  ['v1-popcore-get-sorted-tags', "extra params, 'Tag.N.Key' ordering (Tag.1 < Tag.10 < Tag.2)", { version: 'v1', method: 'GET', params: TAGS }],
  ['v1-popcore-get-case-keys', 'keys differing only in case/punctuation (byte order: "-" < "." < UPPER < "_" < lower)',
    { version: 'v1', method: 'GET', params: Object.assign({ ImageId: 'img-123' }, CASE_KEYS) }],
  ['v1-popcore-get-lowercase-key-raw', "lower-case key 'aParam' with pop-core formatParams disabled: sorts after all upper-case keys",
    { version: 'v1', method: 'GET', popCoreFormatParams: false, params: { ImageId: 'img-123', aParam: 'x', Zeta: 'z' } }],
  ['v1-popcore-get-lowercase-key-default', "QUIRK: pop-core default formatParams upper-cases the first letter ('aParam' is sent as 'AParam')",
    { version: 'v1', method: 'GET', params: { ImageId: 'img-123', aParam: 'x', Zeta: 'z' } }],
  ['v1-popcore-get-key-sort-quirk', "QUIRK: SDK sorts RAW keys (UTF-16) before encoding: 'K.' < 'K/' and 'Kz' < 'Kä' although encoded order would differ",
    { version: 'v1', method: 'GET', params: SORT_QUIRK }],
  ['v1-popcore-get-time', 'different fixed timestamp (end of year)', { timestamp: '2026-12-31T23:59:59Z', version: 'v1', method: 'GET', params: { ImageId: 'img-123' } }],
  ['v1-popcore-post-basic', 'V1 POST: all params + Signature as application/x-www-form-urlencoded body, URL is "/"', { version: 'v1', method: 'POST', params: { ImageId: 'img-123' } }],
  ['v1-popcore-post-sts', 'V1 POST with STS token', { version: 'v1', method: 'POST', securityToken: STS_TOKEN, params: { ImageId: 'img-123' } }],
  ['v1-popcore-post-mixed', 'V1 POST, reserved characters', { version: 'v1', method: 'POST', params: { ImageId: RESERVED } }],
  ['v1-popcore-post-unicode', 'V1 POST, emoji + Chinese', { version: 'v1', method: 'POST', params: { ImageId: UNICODE } }],
  ['v1-popcore-post-empty', 'V1 POST, empty ImageId', { version: 'v1', method: 'POST', params: { ImageId: '' } }],
  ['v1-popcore-post-long', 'V1 POST, 1000-character ImageId', { version: 'v1', method: 'POST', params: { ImageId: LONG_ID } }],
  ['v1-tea-post-body-basic', 'V1 via openapi-client doRPCRequest, POST: common params + Signature in query, ImageId in form body (node querystring encoding)',
    { version: 'v1', impl: 'openapi-client', method: 'POST', paramsIn: 'body', params: { ImageId: 'img-123' } }],
  ['v1-tea-post-body-sts-mixed', 'same, STS + reserved characters',
    { version: 'v1', impl: 'openapi-client', method: 'POST', paramsIn: 'body', securityToken: STS_TOKEN, params: { ImageId: RESERVED } }],
  ['v1-tea-get-query-unicode', 'V1 via openapi-client doRPCRequest, GET, ImageId in query',
    { version: 'v1', impl: 'openapi-client', method: 'GET', paramsIn: 'query', params: { ImageId: UNICODE } }],
  ['v3-get-query-basic', 'V3 GET, ImageId in query', { version: 'v3', method: 'GET', paramsIn: 'query', params: { ImageId: 'img-123' } }],
  ['v3-get-query-sts', 'V3 GET with STS: x-acs-security-token and x-acs-accesskey-id are added and signed',
    { version: 'v3', method: 'GET', paramsIn: 'query', securityToken: STS_TOKEN, params: { ImageId: 'img-123' } }],
  ['v3-post-query-basic', 'V3 POST with ImageId in query, empty body', { version: 'v3', method: 'POST', paramsIn: 'query', params: { ImageId: 'img-123' } }],
  ['v3-post-body-basic', 'V3 POST with ImageId in form body (what the product SDK DeleteImage does)', { version: 'v3', method: 'POST', paramsIn: 'body', params: { ImageId: 'img-123' } }],
  ['v3-post-body-sts', 'V3 POST form body + STS', { version: 'v3', method: 'POST', paramsIn: 'body', securityToken: STS_TOKEN, params: { ImageId: 'img-123' } }],
  ['v3-get-query-mixed', 'V3 GET, reserved characters in query value', { version: 'v3', method: 'GET', paramsIn: 'query', params: { ImageId: RESERVED } }],
  ['v3-post-body-mixed', "V3 POST, reserved characters in form body (body uses node querystring: * ' ( ) ! ~ unescaped)",
    { version: 'v3', method: 'POST', paramsIn: 'body', params: { ImageId: RESERVED } }],
  ['v3-get-query-unicode', 'V3 GET, emoji + Chinese', { version: 'v3', method: 'GET', paramsIn: 'query', params: { ImageId: UNICODE } }],
  ['v3-post-body-unicode', 'V3 POST body, emoji + Chinese', { version: 'v3', method: 'POST', paramsIn: 'body', params: { ImageId: UNICODE } }],
  ['v3-get-query-empty', 'V3 GET, empty ImageId', { version: 'v3', method: 'GET', paramsIn: 'query', params: { ImageId: '' } }],
  ['v3-post-body-empty', 'V3 POST body, empty ImageId', { version: 'v3', method: 'POST', paramsIn: 'body', params: { ImageId: '' } }],
  ['v3-get-query-long', 'V3 GET, 1000-character ImageId', { version: 'v3', method: 'GET', paramsIn: 'query', params: { ImageId: LONG_ID } }],
  ['v3-post-body-long', 'V3 POST body, 1000-character ImageId', { version: 'v3', method: 'POST', paramsIn: 'body', params: { ImageId: LONG_ID } }],
  ['v3-get-query-sorted', 'V3 GET, Tag.N and case-differing keys', { version: 'v3', method: 'GET', paramsIn: 'query', params: Object.assign({}, TAGS, CASE_KEYS) }],
  ['v3-post-body-sorted', 'V3 POST body, Tag.N and case-differing keys (body order = insertion order, only hash matters)',
    { version: 'v3', method: 'POST', paramsIn: 'body', params: Object.assign({}, TAGS, CASE_KEYS) }],
  ['v3-get-query-key-quirk', 'QUIRK: V3 canonical query string does NOT percent-encode keys (only values) and sorts raw keys',
    { version: 'v3', method: 'GET', paramsIn: 'query', params: SORT_QUIRK }],
  ['v3-post-body-noprovider', 'V3 POST body without the SDK-added x-acs-credentials-provider header',
    { version: 'v3', method: 'POST', paramsIn: 'body', credentialsProviderHeader: false, params: { ImageId: 'img-123' } }],
  ['v3-get-query-noprovider-sts', 'V3 GET + STS without x-acs-credentials-provider',
    { version: 'v3', method: 'GET', paramsIn: 'query', credentialsProviderHeader: false, securityToken: STS_TOKEN, params: { ImageId: 'img 1+2*3~4' } }],
  ['v3-core-post-body-basic', 'V3 via @alicloud/openapi-core, POST body',
    { version: 'v3', impl: 'openapi-core', method: 'POST', paramsIn: 'body', params: { ImageId: 'img-123' } }],
  ['v3-core-get-query-sts-mixed', 'V3 via @alicloud/openapi-core, GET, STS + reserved characters',
    { version: 'v3', impl: 'openapi-core', method: 'GET', paramsIn: 'query', securityToken: STS_TOKEN, params: { ImageId: RESERVED } }],
];

// The input object, its fields always in this order.
const INPUT_ORDER = ['host', 'action', 'apiVersion', 'accessKeyId', 'accessKeySecret', 'timestamp', 'nonce',
  'version', 'impl', 'method', 'paramsIn', 'popCoreFormatParams', 'credentialsProviderHeader', 'securityToken', 'params'];
function caseInput(number, fields) {
  const all = Object.assign({
    host: 'appstream-center.cn-shanghai.aliyuncs.com', action: 'DeleteImage', apiVersion: '2021-09-01',
    accessKeyId: 'testid', accessKeySecret: 'testsecret', timestamp: '2026-01-01T00:00:00Z',
    nonce: 'refsdk-nonce-' + String(number).padStart(4, '0'),
  }, fields);
  const unknown = Object.keys(all).filter((k) => !INPUT_ORDER.includes(k));
  if (unknown.length) throw new Error('unknown input field ' + unknown.join(', '));
  const input = {};
  for (const k of INPUT_ORDER) if (k in all) input[k] = all[k];
  return input;
}

// Worked examples from Alibaba Cloud's documentation: "expected" is what the
// page prints (data, copied from the page named in "source"); "got" is what
// the SDK computes from the same input.
const DOC_EXAMPLES = [
  {
    name: 'doc-ecs-describeregions-v1',
    source: 'Alibaba Cloud ECS API reference "Request signatures" (AlibabaCloudDocs/ecs, intl.en-US/API Reference/Getting started/Request signatures.md @4c4be6ff), Example 1',
    input: {
      version: 'v1', method: 'GET', host: 'ecs.aliyuncs.com', action: 'DescribeRegions', apiVersion: '2014-05-26',
      accessKeyId: 'testid', accessKeySecret: 'testsecret', nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      timestamp: '2016-02-23T12:46:24Z', params: { Format: 'XML' },
    },
    expected: {
      stringToSign: 'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
      signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    },
  },
  {
    name: 'doc-ims-createuser-v1',
    source: 'Alibaba Cloud RAM/IMS API reference "Request signatures" (AlibabaCloudDocs/ram, intl.en-US/API Reference/API Reference (IMS)/Request signatures.md @65afa5a8), signature example',
    input: {
      version: 'v1', method: 'GET', host: 'ims.aliyuncs.com', action: 'CreateUser', apiVersion: '2019-08-15',
      accessKeyId: 'testid', accessKeySecret: 'testsecret', nonce: '3f6b4e80-56f7-11eb-a256-a9f756ea7e85',
      timestamp: '2021-01-15T06:02:28Z', params: { UserPrincipalName: 'test@example.onaliyun.com', DisplayName: 'test', Format: 'JSON' },
    },
    expected: {
      stringToSign: 'GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26DisplayName%3Dtest%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f6b4e80-56f7-11eb-a256-a9f756ea7e85%26SignatureVersion%3D1.0%26Timestamp%3D2021-01-15T06%253A02%253A28Z%26UserPrincipalName%3Dtest%2540example.onaliyun.com%26Version%3D2019-08-15',
      signature: '02heLegtw4+BFamznl1Ltj+vJ4A=',
    },
  },
  {
    name: 'doc-v3-runinstances',
    source: 'Alibaba Cloud SDK "Request syntax and signature method V3" worked example (same values in the Function Compute "签名机制" page): POST ecs.cn-shanghai RunInstances, empty body',
    input: {
      version: 'v3', method: 'POST', paramsIn: 'query', credentialsProviderHeader: false, host: 'ecs.cn-shanghai.aliyuncs.com',
      action: 'RunInstances', apiVersion: '2014-05-26', accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret',
      nonce: '3156853299f313e23d1673dc12e1703d', timestamp: '2023-10-26T10:22:32Z',
      params: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
    },
    expected: {
      hashedCanonicalRequest: '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
      signature: '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
      authorization: 'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    },
  },
  {
    name: 'doc-old-TimeStamp-variant',
    source: 'older Alibaba Cloud doc pages (e.g. GPDB/CEN/Smart Access Gateway "Request signatures"): DescribeRegions with a parameter named "TimeStamp"',
    input: {
      via: 'openapi-util.getRPCSignature(params, "GET", "testsecret")',
      params: {
        AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0',
        TimeStamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
      },
    },
    expected: { signature: 'CT9X0VtwR86fNWSnsc6v8YGOjuE=' },
  },
];

async function docExample(ex) {
  let out;
  if (ex.input.via) {
    out = { signature: realGetRPCSignature.call(OpenApiUtil, ex.input.params, 'GET', 'testsecret') };
  } else {
    pin(ex.input);
    out = ex.input.version === 'v1' ? await v1Case(ex.input) : await v3Case(ex.input);
  }
  const got = {};
  for (const k of Object.keys(ex.expected)) got[k] = out[k];
  const match = Object.keys(ex.expected).every((k) => got[k] === ex.expected[k]);
  return { name: ex.name, source: ex.source, input: ex.input, expected: ex.expected, got, match };
}

async function main() {
  const cases = [];
  for (let i = 0; i < CASES.length; i++) {
    const [name, description, fields] = CASES[i];
    const input = caseInput(i + 1, fields);
    pin(input);
    const output = input.version === 'v1' ? await v1Case(input) : await v3Case(input);
    cases.push({ name, description, input, output });
  }
  const docExamples = [];
  for (const ex of DOC_EXAMPLES) docExamples.push(await docExample(ex));

  const data = {
    description: "Alibaba Cloud request-signature vectors for appstream-center 2021-09-01 DeleteImage (plus documentation examples), computed by the official Alibaba Cloud Node.js SDK packages listed under 'packages'. Fake credentials only.",
    generator: "official SDK packages below, nonce source and clock pinned to each case's input; every output cross-checked with @alicloud/openapi-util getRPCSignature / getAuthorization",
    packages: PACKAGES,
    notes: [
      'V1 = HMAC-SHA1 "SignatureVersion 1.0" (pop-core RPCClient, or openapi-client with signatureAlgorithm "v2"); V3 = ACS3-HMAC-SHA256 (openapi-client / openapi-core default).',
      'The nonce and timestamp of each input were pinned; everything else is the SDK behaviour.',
      'output.request is what the SDK handed to its HTTP layer (URL, headers, body); user-agent contains the node version and is not signed.',
      'v1 canonicalizedQueryString is recovered from the SDK StringToSign by one decodeURIComponent of its third &-field (exact, since the SDK encoding is injective).',
      'V3 from a plain AK/STS config also signs x-acs-credentials-provider (static_ak / static_sts), added by @alicloud/credentials >= 2.4; inputs with credentialsProviderHeader=false omit it.',
      "V3 body hash: the SDK form-encodes bodies with node querystring (leaves !'()*~ raw); x-acs-content-sha256 covers the exact bytes sent, so a client that encodes the body differently gets a different (equally valid) hash and signature. Compare canonical requests given the same body bytes.",
    ],
    cases,
    docExamples,
  };
  const bad = cases.filter((c) => Object.entries(c.output.crossCheck).some(([k, v]) => k.endsWith('Matches') && v !== true))
    .map((c) => c.name).concat(docExamples.filter((e) => !e.match).map((e) => e.name));
  if (bad.length) {
    process.stderr.write('cross-check failed: ' + bad.join(', ') + '\n');
    process.exitCode = 1;
  }
  process.stdout.write(JSON.stringify(data, null, 1));
}

main().catch((e) => {
  process.stderr.write('regenerate.js: ' + ((e && e.stack) || e) + '\n');
  process.exit(1);
});
