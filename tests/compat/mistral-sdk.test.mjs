// The official Mistral TypeScript SDK (@mistralai/mistralai) against `mistral-desk --serve` in
// front of fake-mistral. The SDK validates every response with its own schemas, so a field the
// proxy loses or mangles fails here even when a hand-written client would not notice.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { Mistral } from '@mistralai/mistralai';
import * as errors from '@mistralai/mistralai/models/errors';

import {
  PROXY_TOKEN,
  PROXY_URL,
  TEST_TIMEOUT_MS,
  FAKE_KEY,
  fakeWords,
  hasAccessLog,
  knownBug,
  logEntries,
  logEntriesAfter,
  resetFake,
  script,
  upstreamRequestCount,
} from './helpers.mjs';

const opts = { timeout: TEST_TIMEOUT_MS };
// serverURL has no /v1: the SDK appends /v1/... itself. No retries (the SDK's default), so every
// scripted answer maps to one SDK call.
const mistral = new Mistral({ apiKey: PROXY_TOKEN, serverURL: PROXY_URL, timeoutMs: 15_000 });

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

beforeEach(() => resetFake());

test('chat.complete: a validated completion with content, finish reason and usage', opts, async () => {
  await script({ kind: 'normal', tokens: 5 });
  const res = await mistral.chat.complete({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Say five words.' }],
  });
  assert.match(res.id, /^[0-9a-f]{32}$/);
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.model, 'mistral-small-latest');
  assert.equal(typeof res.created, 'number');
  assert.equal(res.choices.length, 1);
  const [choice] = res.choices;
  assert.equal(choice.index, 0);
  assert.equal(choice.finishReason, 'stop');
  assert.equal(choice.message.role, 'assistant');
  assert.equal(choice.message.content, fakeWords(5));
  assert.equal(res.usage.completionTokens, 5);
  assert.ok(res.usage.promptTokens > 0);
  assert.equal(res.usage.totalTokens, res.usage.promptTokens + res.usage.completionTokens);
});

test('chat.complete: a model alias of the proxy resolves upstream', opts, async () => {
  const res = await mistral.chat.complete({
    model: 'large',
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(res.model, 'mistral-large-latest');
  assert.equal(res.choices[0].finishReason, 'stop');
});

test('chat.complete: maxTokens cuts the answer with finish reason "length"', opts, async () => {
  const res = await mistral.chat.complete({
    model: 'mistral-small-latest',
    maxTokens: 3,
    messages: [{ role: 'user', content: 'Say a lot.' }],
  });
  assert.equal(res.choices[0].finishReason, 'length');
  assert.equal(res.usage.completionTokens, 3);
  assert.equal(res.choices[0].message.content, fakeWords(3));
});

test('chat.stream: text arrives in order, with finish reason and usage on the last chunk', opts, async () => {
  await script({ kind: 'normal', tokens: 12 });
  const stream = await mistral.chat.stream({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Stream twelve words.' }],
  });
  let text = '';
  let chunks = 0;
  let finishReason = null;
  let usage = null;
  let role = null;
  const ids = new Set();
  for await (const event of stream) {
    const chunk = event.data;
    ++chunks;
    ids.add(chunk.id);
    assert.equal(chunk.model, 'mistral-small-latest');
    const [choice] = chunk.choices;
    assert.equal(choice.index, 0);
    role ??= choice.delta.role ?? null;
    if (typeof choice.delta.content === 'string')
      text += choice.delta.content;
    if (choice.finishReason)
      finishReason = choice.finishReason;
    if (chunk.usage)
      usage = chunk.usage;
  }
  assert.equal(text, fakeWords(12));
  assert.equal(role, 'assistant');
  assert.equal(finishReason, 'stop');
  assert.ok(chunks >= 13, `expected a role chunk and 12 content chunks, got ${chunks}`);
  assert.equal(ids.size, 1, 'every chunk of one stream carries the same id');
  assert.ok(usage, 'usage arrives on the last content chunk');
  assert.equal(usage.completionTokens, 12);
  assert.equal(usage.totalTokens, usage.promptTokens + 12);
});

test('embeddings.create: one vector per input, in input order, 1024 dimensions', opts, async () => {
  const inputs = ['first text', 'second text', 'third, with ünïcödé'];
  const res = await mistral.embeddings.create({ model: 'mistral-embed', inputs });
  assert.equal(res.object, 'list');
  assert.equal(res.model, 'mistral-embed');
  assert.equal(res.data.length, inputs.length);
  res.data.forEach((item, i) => {
    assert.equal(item.index, i);
    assert.equal(item.object, 'embedding');
    assert.equal(item.embedding.length, 1024);
    const norm = Math.hypot(...item.embedding);
    assert.ok(Math.abs(norm - 1) < 1e-6, `vector ${i} is L2-normalised (norm ${norm})`);
  });
  // Deterministic per input: the same text alone gives the same vector as in the batch.
  const alone = await mistral.embeddings.create({ model: 'mistral-embed', inputs: inputs[1] });
  assert.deepEqual(alone.data[0].embedding, res.data[1].embedding);
  assert.notDeepEqual(res.data[0].embedding, res.data[1].embedding);
  assert.ok(res.usage.promptTokens > 0);
});

test('embeddings.create: codestral-embed honours outputDimension', opts, async () => {
  const res = await mistral.embeddings.create({
    model: 'codestral-embed',
    inputs: ['int main() {}'],
    outputDimension: 256,
  });
  assert.equal(res.data[0].embedding.length, 256);
});

test('models.list: cards pass the SDK schema', opts, async () => {
  const res = await mistral.models.list();
  assert.equal(res.object, 'list');
  assert.ok(res.data.length > 0);
  // Cards are listed under their dated ids, with the -latest names as aliases.
  const names = res.data.flatMap((m) => [m.id, ...(m.aliases ?? [])]);
  for (const name of ['mistral-small-latest', 'mistral-large-latest', 'mistral-embed'])
    assert.ok(names.includes(name), `models.list has ${name} (got ${names.join(', ')})`);
  const small = res.data.find((m) => m.aliases?.includes('mistral-small-latest'));
  assert.equal(small.capabilities.completionChat, true);
  assert.equal(typeof small.maxContextLength, 'number');
});

test('models.retrieve: one card by id', opts, async () => {
  const card = await mistral.models.retrieve({ modelId: 'mistral-embed' });
  assert.equal(card.id, 'mistral-embed');
});

test('tool call round trip: the model calls a tool, the result goes back, a text answer comes', opts, async () => {
  await script(
    {
      kind: 'tool_calls',
      tool_calls: [{ id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    },
    { kind: 'normal', text: 'It is sunny in Paris.', tokens: 4 },
  );
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await mistral.chat.complete({
    model: 'mistral-small-latest',
    messages,
    tools: [weatherTool],
    toolChoice: 'auto',
  });
  const [choice] = first.choices;
  assert.equal(choice.finishReason, 'tool_calls');
  assert.equal(choice.message.toolCalls.length, 1);
  const [call] = choice.message.toolCalls;
  assert.equal(call.id, 'abcDEF123');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });

  messages.push(choice.message);
  messages.push({ role: 'tool', toolCallId: call.id, name: call.function.name, content: '{"sky":"sunny"}' });
  const second = await mistral.chat.complete({ model: 'mistral-small-latest', messages, tools: [weatherTool] });
  assert.equal(second.choices[0].finishReason, 'stop');
  assert.equal(second.choices[0].message.content, 'It is sunny in Paris.');
  assert.equal(await upstreamRequestCount(), 2);
});

test('tool call round trip, streamed: a whole tool call in one chunk parses', opts, async () => {
  await script({
    kind: 'tool_calls',
    tool_calls: [
      { id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'xyzXYZ789', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ],
  });
  const stream = await mistral.chat.stream({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Weather in Paris and Lyon?' }],
    tools: [weatherTool],
  });
  const calls = [];
  let finishReason = null;
  for await (const event of stream) {
    const [choice] = event.data.choices;
    calls.push(...(choice.delta.toolCalls ?? []));
    finishReason = choice.finishReason ?? finishReason;
  }
  assert.equal(finishReason, 'tool_calls');
  assert.deepEqual(
    calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments).city]),
    [
      ['abcDEF123', 'get_weather', 'Paris'],
      ['xyzXYZ789', 'get_weather', 'Lyon'],
    ],
  );
});

test('errors: a wrong local token is a 401 the SDK reports as an error with that status', opts, async () => {
  const wrong = new Mistral({ apiKey: 'not-the-token', serverURL: PROXY_URL });
  const err = await wrong.models.list().then(
    () => assert.fail('expected a 401'),
    (e) => e,
  );
  assert.ok(err instanceof errors.MistralError, `got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.statusCode, 401);
  assert.match(err.body, /local token/);
  assert.equal(await upstreamRequestCount(), 0, 'nothing reached the upstream');
});

test('errors: an upstream 429 reaches the SDK as a 429 after the proxy gave up retrying', opts, async () => {
  // The proxy retries 429 itself (4 attempts in all); queue more than enough.
  await script(...Array.from({ length: 6 }, () => ({ kind: 'rate_limited', retry_after: 0 })));
  const err = await mistral.chat
    .complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => assert.fail('expected a 429'),
      (e) => e,
    );
  assert.ok(err instanceof errors.MistralError, `got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.statusCode, 429);
  assert.equal(await upstreamRequestCount(), 4, 'the proxy made 1 attempt and 3 retries');
});

test('errors: a Mistral SDK with retries rides out a transient upstream 429', opts, async () => {
  await script(...Array.from({ length: 4 }, () => ({ kind: 'rate_limited', retry_after: 0 })), {
    kind: 'normal',
    tokens: 2,
  });
  const retrying = new Mistral({
    apiKey: PROXY_TOKEN,
    serverURL: PROXY_URL,
    retryConfig: {
      strategy: 'backoff',
      backoff: { initialInterval: 50, maxInterval: 200, exponent: 1.5, maxElapsedTime: 10_000 },
      retryConnectionErrors: false,
    },
  });
  const res = await retrying.chat.complete({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(res.choices[0].message.content, fakeWords(2));
  assert.equal(await upstreamRequestCount(), 5);
});

test('errors: an upstream 422 reaches the SDK as a 422 with Mistral\'s own error body', opts, async () => {
  // The proxy passes the upstream's body on, adding OpenAI's {"error": {...}} beside it. The real
  // API nests the validation details under "message" (shared/MISTRAL_API.md), so the SDK's
  // top-level `detail` stays empty against the real API too; the details are in the body.
  await script({ kind: 'error', error_shape: 'validation_422' });
  const err = await mistral.chat
    .complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => assert.fail('expected a 422'),
      (e) => e,
    );
  assert.ok(err instanceof errors.HTTPValidationError, `got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.statusCode, 422);
  const body = JSON.parse(err.body);
  assert.equal(body.object, 'error');
  assert.deepEqual(body.message.detail[0].loc, ['body', 'safe_mode']);
  assert.equal(body.error.type, 'invalid_request_error');
});

test('chat.stream: an upstream that drops mid-stream ends the SDK\'s stream with an error', opts, async () => {
  // Qt may report an upstream closed mid-stream as a normal end; the proxy must still tell the
  // client (an error event) rather than end the stream as if complete. Timing-dependent: five tries.
  for (let i = 0; i < 5; ++i) {
    await script({ kind: 'drop', drop_after_events: 2, tokens: 6 });
    let text = '';
    const outcome = await (async () => {
      const stream = await mistral.chat.stream({
        model: 'mistral-small-latest',
        messages: [{ role: 'user', content: 'hi' }],
      });
      for await (const event of stream)
        text += event.data.choices[0]?.delta?.content ?? '';
    })().then(
      () => 'ended without an error',
      (e) => e,
    );
    // The proxy's error event has OpenAI's shape, which this SDK's chunk schema rejects: it throws a
    // ZodError rather than a MistralError, but it does throw.
    assert.ok(outcome instanceof Error, `try ${i + 1}: stream ${outcome} after ${JSON.stringify(text)}`);
  }
});

test('access log: one line per SDK call, with model and tokens, no key or token', opts, async (t) => {
  if (!hasAccessLog())
    return t.skip('PROXY_LOG not set');
  const mark = logEntries().length;
  await mistral.chat.complete({ model: 'small', messages: [{ role: 'user', content: 'log me' }] });
  const [entry] = await logEntriesAfter(mark, 1);
  assert.ok(entry, 'an access-log line was written');
  assert.equal(entry.method, 'POST');
  assert.equal(entry.path, '/v1/chat/completions');
  assert.equal(entry.status, 200);
  assert.equal(entry.model, 'mistral-small-latest');
  assert.equal(entry.completion_tokens, 8);
  const line = JSON.stringify(entry);
  assert.ok(!line.includes(PROXY_TOKEN), 'the local token is not logged');
  assert.ok(!line.includes(FAKE_KEY), 'the Mistral key is not logged');
  assert.ok(!line.includes('log me'), 'bodies are not logged');
});
