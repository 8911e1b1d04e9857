// Shared by the compat tests: where the proxy and the fake upstream are (run.sh passes them in the
// environment), the fake's control endpoint, and the proxy's access log.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function required(name) {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run these tests through tests/compat/run.sh`);
  return value;
}

export const PROXY_URL = required('PROXY_URL'); // http://127.0.0.1:PORT, no /v1
export const PROXY_TOKEN = required('PROXY_TOKEN');
export const FAKE_URL = required('FAKE_URL');
export const FAKE_KEY = process.env.FAKE_KEY ?? 'test-key'; // the Mistral key the fake expects
const PROXY_LOG = process.env.PROXY_LOG ?? ''; // the proxy's stdout: one JSON line per request

// Per test; run.sh bounds each whole file as well.
export const TEST_TIMEOUT_MS = 20_000;

// A test for a known incompatibility: reported as "todo" (it runs, but does not fail the suite)
// until COMPAT_STRICT=1 makes every such test count. Remove the marker once the bug is fixed.
export function knownBug(reason) {
  return process.env.COMPAT_STRICT === '1' ? {} : { todo: `known incompatibility: ${reason}` };
}

async function control(path, init = {}) {
  const response = await fetch(FAKE_URL + path, { ...init, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`fake-mistral ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text);
}

// Queues answers for the next authorised /v1 requests the fake receives (retries included).
export function script(...scripts) {
  return control('/_fake/script', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scripts),
  });
}

// Clears queued scripts and the fake's request count: every test starts from a clean upstream.
export function resetFake() {
  return control('/_fake/reset', { method: 'POST' });
}

export async function upstreamRequestCount() {
  return (await control('/_fake/requests')).count;
}

// The access-log entries written so far. The proxy writes one line per finished request and
// flushes it, but the client may see the end of its response a moment before the line is written,
// so `logEntriesAfter` waits (bounded) for the entries it needs.
export function logEntries() {
  if (!PROXY_LOG)
    return [];
  return readFileSync(PROXY_LOG, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

export async function logEntriesAfter(mark, count, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = logEntries().slice(mark);
    if (entries.length >= count || Date.now() > deadline)
      return entries;
    await sleep(20);
  }
}

export const hasAccessLog = () => PROXY_LOG !== '';

// The Mistral id the proxy derives for a client tool-call id that is not already a valid 9-char
// id (core/proxy/ToolCallIdMap.cpp: FNV-1a over UTF-16 code units, splitmix64 finaliser, the low
// 9 base-62 digits; attempt 0, i.e. no collision). Lets a test script the fake to answer with the
// very id the upstream saw, to check that the client gets its own id back.
export function derivedMistralToolId(clientId) {
  const mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < clientId.length; ++i) {
    h ^= BigInt(clientId.charCodeAt(i));
    h = (h * 0x100000001b3n) & mask;
  }
  h ^= h >> 30n;
  h = (h * 0xbf58476d1ce4e5b9n) & mask;
  h ^= h >> 27n;
  h = (h * 0x94d049bb133111ebn) & mask;
  h ^= h >> 31n;
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let id = '';
  for (let i = 0; i < 9; ++i) {
    id = digits[Number(h % 62n)] + id;
    h /= 62n;
  }
  return id;
}

// The fake's deterministic answer text: `tokens` pieces "word0 word1 word2 café3 word4 word5 🙂6 ...".
export function fakeWords(tokens) {
  const pieces = [];
  for (let i = 0; i < tokens; ++i) {
    const word = i % 8 === 3 ? 'café' : i % 8 === 6 ? '🙂' : 'word';
    pieces.push(`${word}${i}`);
  }
  return pieces.join(' ');
}
