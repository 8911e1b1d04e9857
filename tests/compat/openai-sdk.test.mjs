// The official `openai` npm package against `mistral-desk --serve` in front of fake-mistral: the
// proxy must translate what an OpenAI client sends (fields Mistral rejects with 422, tool-call ids
// Mistral rejects with 400) and answer in the shapes the SDK parses. The fake validates requests
// like the real API, so a request that succeeds proves the translation happened.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import OpenAI from 'openai';

import {
  FAKE_KEY,
  FAKE_URL,
  PROXY_TOKEN,
  PROXY_URL,
  TEST_TIMEOUT_MS,
  derivedMistralToolId,
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
const openai = new OpenAI({ apiKey: PROXY_TOKEN, baseURL: `${PROXY_URL}/v1`, maxRetries: 0, timeout: 15_000 });

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const openAiCallId = 'call_abc123XYZ456'; // OpenAI's form; Mistral accepts only 9 chars of [a-zA-Z0-9]

// A conversation in which the model already called a tool (with an OpenAI-style id) and the
// client answers with the tool's result.
function conversationWithToolResult() {
  return [
    { role: 'user', content: 'What is the weather in Paris?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: openAiCallId,
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: openAiCallId, content: '{"sky":"sunny","celsius":21}' },
  ];
}

async function collect(stream) {
  const out = { text: '', chunks: [], finishReason: null, usage: null, toolCalls: [] };
  for await (const chunk of stream) {
    out.chunks.push(chunk);
    if (chunk.usage)
      out.usage = chunk.usage;
    for (const choice of chunk.choices) {
      out.text += choice.delta?.content ?? '';
      out.toolCalls.push(...(choice.delta?.tool_calls ?? []));
      out.finishReason = choice.finish_reason ?? out.finishReason;
    }
  }
  return out;
}

beforeEach(() => resetFake());

test('chat.completions.create: a completion the SDK parses', opts, async () => {
  await script({ kind: 'normal', tokens: 6 });
  const res = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say six words.' },
    ],
  });
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.model, 'mistral-small-latest');
  assert.equal(res.choices[0].message.role, 'assistant');
  assert.equal(res.choices[0].message.content, fakeWords(6));
  assert.equal(res.choices[0].finish_reason, 'stop');
  assert.equal(res.usage.completion_tokens, 6);
  assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + 6);
});

test('chat.completions.create: OpenAI-only parameters are translated or dropped, not rejected', opts, async (t) => {
  const mark = logEntries().length;
  const res = await openai.chat.completions.create({
    model: 'small', // a proxy alias
    messages: [{ role: 'user', content: 'hi', name: 'alice' }],
    max_completion_tokens: 4,
    seed: 7,
    store: false,
    user: 'someone@example.com',
    logprobs: false,
    metadata: { run: 'compat' },
    service_tier: 'auto',
  });
  assert.equal(res.model, 'mistral-small-latest');
  assert.equal(res.choices[0].finish_reason, 'length', 'max_completion_tokens reached upstream as max_tokens');
  assert.equal(res.usage.completion_tokens, 4);
  if (!hasAccessLog())
    return t.skip('PROXY_LOG not set');
  const [entry] = await logEntriesAfter(mark, 1);
  for (const change of ['max_completion_tokens->max_tokens', 'seed->random_seed', 'store', 'user', 'logprobs'])
    assert.ok(entry.translated?.includes(change), `access log notes ${change}: ${JSON.stringify(entry.translated)}`);
});

test('chat.completions.create: tool_choice "required" becomes Mistral\'s "any"', opts, async (t) => {
  const mark = logEntries().length;
  await script({ kind: 'tool_calls', tool_calls: [{ id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Oslo"}' }] });
  const res = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    tools: [weatherTool],
    tool_choice: 'required',
    parallel_tool_calls: false,
  });
  assert.equal(res.choices[0].finish_reason, 'tool_calls');
  if (!hasAccessLog())
    return t.skip('PROXY_LOG not set');
  const [entry] = await logEntriesAfter(mark, 1);
  assert.ok(entry.translated?.includes('tool_choice:required->any'), JSON.stringify(entry.translated));
});

test('chat.completions.create with stream: text, finish reason, one id', opts, async () => {
  await script({ kind: 'normal', tokens: 10 });
  const stream = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Stream ten words.' }],
    stream: true,
  });
  const out = await collect(stream);
  assert.equal(out.text, fakeWords(10));
  assert.equal(out.finishReason, 'stop');
  assert.equal(out.chunks[0].choices[0].delta.role, 'assistant');
  assert.equal(new Set(out.chunks.map((c) => c.id)).size, 1);
  assert.ok(out.chunks.every((c) => c.object === 'chat.completion.chunk'));
});

test('stream with stream_options.include_usage and max_completion_tokens', opts, async (t) => {
  const mark = logEntries().length;
  const stream = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Stream a lot.' }],
    stream: true,
    stream_options: { include_usage: true },
    max_completion_tokens: 5,
  });
  const out = await collect(stream);
  assert.equal(out.text, fakeWords(5));
  assert.equal(out.finishReason, 'length');
  assert.ok(out.usage, 'usage arrives in the stream');
  assert.equal(out.usage.completion_tokens, 5);
  assert.equal(out.usage.total_tokens, out.usage.prompt_tokens + 5);
  if (!hasAccessLog())
    return t.skip('PROXY_LOG not set');
  const [entry] = await logEntriesAfter(mark, 1);
  assert.ok(entry.translated?.includes('stream_options'), JSON.stringify(entry.translated));
  assert.ok(entry.translated?.includes('max_completion_tokens->max_tokens'), JSON.stringify(entry.translated));
  assert.equal(entry.stream, true);
  assert.equal(entry.completion_tokens, 5);
});

test('stream with include_usage: usage comes in a final chunk with no choices, as OpenAI sends it', {
  ...opts,
}, async () => {
  const stream = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const out = await collect(stream);
  const last = out.chunks.at(-1);
  assert.deepEqual(last.choices, [], 'the last chunk has an empty choices array');
  assert.equal(last.usage?.completion_tokens, 8);
});

test('the chat.completions.stream() helper assembles the final completion', opts, async () => {
  await script({ kind: 'normal', tokens: 7 });
  const runner = openai.chat.completions.stream({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'hi' }],
    stream_options: { include_usage: true },
  });
  let deltas = '';
  runner.on('content.delta', ({ delta }) => {
    deltas += delta;
  });
  const final = await runner.finalChatCompletion();
  assert.equal(final.choices[0].message.content, fakeWords(7));
  assert.equal(deltas, fakeWords(7));
  assert.equal(final.choices[0].finish_reason, 'stop');
  assert.equal(final.usage?.completion_tokens, 7);
});

test('stream: an upstream that drops mid-stream raises an APIError in the SDK', opts, async () => {
  // Qt may report an upstream closed mid-stream as a normal end; the proxy must still tell the
  // client (an error event) rather than end the stream as if complete. Timing-dependent: five tries.
  for (let i = 0; i < 5; ++i) {
    await script({ kind: 'drop', drop_after_events: 2, tokens: 6 });
    let text = '';
    const outcome = await (async () => {
      const stream = await openai.chat.completions.create({
        model: 'mistral-small-latest',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const chunk of stream)
        text += chunk.choices[0]?.delta?.content ?? '';
    })().then(
      () => 'ended without an error',
      (e) => e,
    );
    assert.ok(outcome instanceof OpenAI.APIError, `try ${i + 1}: stream ${outcome} after ${JSON.stringify(text)}`);
    assert.equal(text, fakeWords(2));
  }
});

test('the fake really rejects OpenAI-style tool ids (control for the tests below)', opts, async () => {
  const res = await fetch(`${FAKE_URL}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${FAKE_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mistral-small-latest', messages: conversationWithToolResult() }),
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(res.status, 400, await res.text());
});

test('tools: a conversation with OpenAI-style tool ids goes through (ids mapped to 9 chars)', opts, async () => {
  await script({ kind: 'normal', text: 'Sunny, 21 degrees.', tokens: 3 });
  const res = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: conversationWithToolResult(),
    tools: [weatherTool],
  });
  assert.equal(res.choices[0].message.content, 'Sunny, 21 degrees.');
  assert.equal(res.choices[0].finish_reason, 'stop');
  assert.equal(await upstreamRequestCount(), 1);
});

test('tools: a new tool call from the model parses in the SDK (not streamed)', opts, async () => {
  await script({
    kind: 'tool_calls',
    tool_calls: [
      { id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'Zz9Yy8Xx7', name: 'get_weather', arguments: { city: 'Nice' } },
    ],
  });
  const res = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Weather in Paris and Nice?' }],
    tools: [weatherTool],
  });
  const { message, finish_reason: finishReason } = res.choices[0];
  assert.equal(finishReason, 'tool_calls');
  assert.deepEqual(
    message.tool_calls.map((c) => [c.id, c.type, c.function.name, JSON.parse(c.function.arguments)]),
    [
      ['abcDEF123', 'function', 'get_weather', { city: 'Paris' }],
      ['Zz9Yy8Xx7', 'function', 'get_weather', { city: 'Nice' }],
    ],
  );
});

test('tools: a new tool call from the model parses in the SDK (streamed, whole in one chunk)', opts, async () => {
  await script({ kind: 'tool_calls', tool_calls: [{ id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Paris"}' }] });
  const stream = await openai.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    tools: [weatherTool],
    stream: true,
  });
  const out = await collect(stream);
  assert.equal(out.finishReason, 'tool_calls');
  assert.equal(out.toolCalls.length, 1);
  const [call] = out.toolCalls;
  assert.equal(call.index, 0);
  assert.equal(call.id, 'abcDEF123');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
});

test('tools: OpenAI-style argument fragments assemble in the stream() helper', opts, async () => {
  await script({
    kind: 'tool_calls',
    fragmented_tool_calls: true,
    tool_calls: [{ id: 'abcDEF123', name: 'get_weather', arguments: '{"city":"Saint-Étienne"}' }],
  });
  const runner = openai.chat.completions.stream({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [weatherTool],
  });
  const final = await runner.finalChatCompletion();
  const [call] = final.choices[0].message.tool_calls;
  assert.equal(call.id, 'abcDEF123');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Saint-Étienne' });
});

for (const streamed of [false, true]) {
  test(`tools: a call carrying a mapped id comes back with the client's own id (${streamed ? 'streamed' : 'not streamed'})`, opts, async () => {
    // The upstream saw openAiCallId as its derived 9-char id; the model answers with that id.
    const mistralId = derivedMistralToolId(openAiCallId);
    assert.match(mistralId, /^[a-zA-Z0-9]{9}$/);
    await script({ kind: 'tool_calls', tool_calls: [{ id: mistralId, name: 'get_weather', arguments: '{"city":"Paris"}' }] });
    const request = {
      model: 'mistral-small-latest',
      messages: conversationWithToolResult(),
      tools: [weatherTool],
    };
    let calls;
    if (streamed) {
      calls = (await collect(await openai.chat.completions.create({ ...request, stream: true }))).toolCalls;
    } else {
      calls = (await openai.chat.completions.create(request)).choices[0].message.tool_calls;
    }
    assert.equal(calls.length, 1);
    assert.equal(calls[0].id, openAiCallId, `the proxy maps ${mistralId} back to the client's id`);
  });
}

test('embeddings.create with encoding_format "float": order and dimension', opts, async () => {
  const input = ['alpha', 'beta', 'gamma', 'delta'];
  const res = await openai.embeddings.create({ model: 'mistral-embed', input, encoding_format: 'float' });
  assert.equal(res.object, 'list');
  assert.equal(res.data.length, input.length);
  res.data.forEach((item, i) => {
    assert.equal(item.index, i);
    assert.equal(item.embedding.length, 1024);
    assert.ok(Math.abs(Math.hypot(...item.embedding) - 1) < 1e-6);
  });
  const single = await openai.embeddings.create({ model: 'mistral-embed', input: 'gamma', encoding_format: 'float' });
  assert.deepEqual(single.data[0].embedding, res.data[2].embedding, 'vectors come back in input order');
  assert.ok(res.usage.prompt_tokens > 0);
});

test('embeddings.create with the `dimensions` parameter on codestral-embed', opts, async () => {
  const res = await openai.embeddings.create({
    model: 'codestral-embed',
    input: 'fn main() {}',
    dimensions: 512,
    encoding_format: 'float',
  });
  assert.equal(res.data[0].embedding.length, 512);
});

test('embeddings.create with the SDK default (it asks for base64 and decodes it)', {
  ...opts,
}, async () => {
  const floats = await openai.embeddings.create({ model: 'mistral-embed', input: ['alpha'], encoding_format: 'float' });
  const res = await openai.embeddings.create({ model: 'mistral-embed', input: ['alpha'] });
  assert.equal(res.data[0].embedding.length, 1024);
  res.data[0].embedding.forEach((v, i) =>
    assert.ok(Math.abs(v - floats.data[0].embedding[i]) < 1e-6, `component ${i}: ${v} vs ${floats.data[0].embedding[i]}`));
});

test('models.list: a page of models', opts, async () => {
  const ids = [];
  for await (const model of openai.models.list())
    ids.push(model.id);
  assert.ok(ids.includes('mistral-embed'), ids.join(', '));
  const card = await openai.models.retrieve('mistral-embed');
  assert.equal(card.id, 'mistral-embed');
  assert.equal(card.object, 'model');
});

test('errors: a wrong local token is an AuthenticationError (401)', opts, async () => {
  const wrong = new OpenAI({ apiKey: 'wrong-token', baseURL: `${PROXY_URL}/v1`, maxRetries: 0 });
  await assert.rejects(
    wrong.chat.completions.create({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.AuthenticationError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 401);
      assert.equal(err.type, 'authentication_error');
      return true;
    },
  );
  assert.equal(await upstreamRequestCount(), 0, 'nothing reached the upstream');
});

test('errors: an invalid model is a BadRequestError with Mistral\'s code', opts, async () => {
  await assert.rejects(
    openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 400);
      assert.equal(err.code, '1500');
      assert.match(err.message, /no-such-model/);
      return true;
    },
  );
});

test('errors: an upstream 429 reaches the SDK as a RateLimitError after the retries', opts, async () => {
  // The proxy makes 4 attempts per request; the SDK (maxRetries 1) sends the request twice.
  await script(...Array.from({ length: 10 }, () => ({ kind: 'rate_limited', retry_after: 0 })));
  const retrying = new OpenAI({ apiKey: PROXY_TOKEN, baseURL: `${PROXY_URL}/v1`, maxRetries: 1 });
  await assert.rejects(
    retrying.chat.completions.create({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] }),
    (err) => {
      assert.ok(err instanceof OpenAI.RateLimitError, `got ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.status, 429);
      assert.equal(err.type, 'rate_limit_error');
      return true;
    },
  );
  assert.equal(await upstreamRequestCount(), 8, '2 SDK attempts x 4 proxy attempts');
});

test('errors: the SDK retries an upstream 429 and then succeeds', opts, async () => {
  await script(...Array.from({ length: 4 }, () => ({ kind: 'rate_limited', retry_after: 0 })), { kind: 'normal', tokens: 2 });
  const retrying = new OpenAI({ apiKey: PROXY_TOKEN, baseURL: `${PROXY_URL}/v1`, maxRetries: 2 });
  const res = await retrying.chat.completions.create({
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(res.choices[0].message.content, fakeWords(2));
  assert.equal(await upstreamRequestCount(), 5);
});

test('errors: a 429 forwards Retry-After, so the SDK waits as the upstream asked', {
  ...opts,
}, async () => {
  await script(...Array.from({ length: 4 }, () => ({ kind: 'rate_limited', retry_after: 0 })));
  const { response } = await openai.chat.completions
    .create({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse()
    .catch((err) => ({ response: { headers: err.headers } }));
  assert.equal(response.headers.get('retry-after'), '0');
});
