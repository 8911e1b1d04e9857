#!/usr/bin/env bash
# `mistral-desk --serve` as a user runs it, in front of the standalone fake-mistral:
# a missing key, a port in use, a usage database that cannot be opened, /health and a chat, the JSON
# access log on stdout, the usage database, and SIGTERM while a slow stream is in flight (the stream
# finishes, its usage is recorded, then the process exits with 0).
#
# Usage: serve_test.sh <path to mistral-desk> <path to fake-mistral>
# Needs only bash (its /dev/tcp), coreutils and grep: no curl, no python.

set -u
export LC_ALL=C # ${#body} counts bytes

APP=${1:?usage: serve_test.sh <mistral-desk> <fake-mistral>}
FAKE=${2:?usage: serve_test.sh <mistral-desk> <fake-mistral>}
WORK=$(mktemp -d)
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    for f in "$WORK"/*.out "$WORK"/*.err; do
        [[ -s $f ]] && { echo "--- $f"; tail -n 30 "$f"; } >&2
    done
    exit 1
}
pass() { echo "ok - $*"; }

# wait_for FILE REGEX [SECONDS]: until a line of FILE matches.
wait_for() {
    local file=$1 regex=$2 tenths=$((${3:-10} * 10))
    while ((tenths-- > 0)); do
        grep -Eq -- "$regex" "$file" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# wait_exit PID [SECONDS]: the exit code of PID (a child of this shell), 124 if it did not exit in time.
wait_exit() {
    local pid=$1 tenths=$((${2:-10} * 10))
    while ((tenths-- > 0)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid"
            return $?
        fi
        sleep 0.1
    done
    return 124
}

# ---- a tiny HTTP/1.1 client on bash's /dev/tcp ----------------------------------------------

# send_request FD METHOD PATH BODY AUTH [EXTRA_HEADER]
send_request() {
    local fd=$1 method=$2 path=$3 body=$4 auth=$5 extra=${6-}
    {
        printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n' "$method" "$path" "$PROXY_PORT"
        [[ -n $auth ]] && printf 'Authorization: Bearer %s\r\n' "$auth"
        [[ -n $extra ]] && printf '%s\r\n' "$extra"
        [[ -n $body ]] && printf 'Content-Type: application/json\r\nContent-Length: %d\r\n' "${#body}"
        printf '\r\n%s' "$body"
    } >&"$fd"
}

# http METHOD PATH [BODY] [AUTH]: sets STATUS, HEADERS and BODY (Content-Length or chunked).
http() {
    local method=$1 path=$2 body=${3-} auth=${4-$TOKEN}
    local fd line length=0 chunked=0 size data
    STATUS='' HEADERS='' BODY=''
    exec {fd}<>"/dev/tcp/127.0.0.1/$PROXY_PORT" || return 1
    send_request "$fd" "$method" "$path" "$body" "$auth"
    IFS= read -r -t 10 -u "$fd" line || { exec {fd}>&-; return 1; }
    STATUS=$(cut -d' ' -f2 <<<"$line")
    while IFS= read -r -t 10 -u "$fd" line; do
        line=${line%$'\r'}
        [[ -z $line ]] && break
        HEADERS+="$line"$'\n'
        case ${line,,} in
        content-length:*) length=${line#*:} length=${length// /} ;;
        transfer-encoding:*chunked*) chunked=1 ;;
        esac
    done
    if ((chunked)); then
        while IFS= read -r -t 10 -u "$fd" line; do
            size=$((16#${line%$'\r'}))
            if ((size == 0)); then
                IFS= read -r -t 10 -u "$fd" line
                break
            fi
            IFS= read -r -N "$size" -t 10 -u "$fd" data
            BODY+=$data
            IFS= read -r -t 10 -u "$fd" line # the CRLF after the chunk
        done
    elif ((length > 0)); then
        IFS= read -r -N "$length" -t 10 -u "$fd" BODY
    fi
    exec {fd}>&-
    return 0
}

# stream_chat: a streamed chat, each received line printed as it comes, until the last chunk.
stream_chat() {
    local body='{"model":"mistral-small-latest","stream":true,"messages":[{"role":"user","content":"Count slowly"}]}'
    local fd line done_seen=0
    exec {fd}<>"/dev/tcp/127.0.0.1/$PROXY_PORT" || exit 1
    send_request "$fd" POST /v1/chat/completions "$body" "$TOKEN"
    while IFS= read -r -t 15 -u "$fd" line; do
        line=${line%$'\r'}
        printf '%s\n' "$line"
        [[ $line == 'data: [DONE]' ]] && done_seen=1
        ((done_seen)) && [[ $line == 0 ]] && break
    done
    echo "<end of stream>"
}

# ---- 1. no key --------------------------------------------------------------------------------

env -u MISTRAL_API_KEY -u MISTRAL_KEY timeout 10 "$APP" --serve --port 0 >"$WORK/nokey.out" 2>"$WORK/nokey.err"
rc=$?
((rc == 2)) || fail "without a key the exit code is $rc, expected 2"
grep -q MISTRAL_API_KEY "$WORK/nokey.err" || fail "the missing-key message does not name MISTRAL_API_KEY"
pass "no key: exit 2, $(head -n 1 "$WORK/nokey.err")"

# ---- the upstream: 20 tokens at 20 per second, so a stream takes about a second ---------------

"$FAKE" --port 0 --tokens 20 --rate 20 >"$WORK/fake.out" 2>"$WORK/fake.err" &
PIDS+=($!)
wait_for "$WORK/fake.out" 'listening on http://127.0.0.1:[0-9]+' || fail "fake-mistral did not start"
FAKE_PORT=$(grep -Eo 'http://127.0.0.1:[0-9]+' "$WORK/fake.out" | head -n 1 | cut -d: -f3)

# ---- 2. port in use ---------------------------------------------------------------------------

MISTRAL_API_KEY=test-key timeout 10 "$APP" --serve --port "$FAKE_PORT" >"$WORK/busy.out" 2>"$WORK/busy.err"
rc=$?
((rc != 0 && rc != 124)) || fail "with the port in use the exit code is $rc"
grep -q "$FAKE_PORT" "$WORK/busy.err" || fail "the port-in-use message does not name the port"
grep -qi 'listen' "$WORK/busy.err" || fail "the port-in-use message does not say it cannot listen"
pass "port in use: exit $rc, $(grep -i listen "$WORK/busy.err" | head -n 1)"

# ---- 3. a usage database that cannot be opened: a clear message, exit 1 ----------------------------

mkdir "$WORK/a-folder"
MISTRAL_API_KEY=test-key timeout 10 "$APP" --serve --port 0 --usage-db "$WORK/a-folder" >"$WORK/baddb.out" 2>"$WORK/baddb.err"
rc=$?
((rc == 1)) || fail "with a folder as the usage database the exit code is $rc, expected 1"
grep -q "cannot record usage in $WORK/a-folder" "$WORK/baddb.err" || fail "the message does not name the file"
pass "usage database not openable: exit 1, $(head -n 1 "$WORK/baddb.err")"

# ---- 4. a normal run, with a generated token and a usage database ------------------------------

env -u PROXY_TOKEN MISTRAL_API_KEY=test-key MISTRAL_URL="http://127.0.0.1:$FAKE_PORT" USAGE_DB="$WORK/usage.sqlite" \
    "$APP" --serve --port 0 >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
wait_for "$WORK/proxy.err" 'listening on http://127.0.0.1:[0-9]+' || fail "the proxy did not start"
wait_for "$WORK/proxy.err" 'mdp_' || fail "no generated token was shown"
grep -q "Recording usage in $WORK/usage.sqlite" "$WORK/proxy.err" || fail "USAGE_DB was not taken"
PROXY_PORT=$(grep -Eo 'listening on http://127.0.0.1:[0-9]+' "$WORK/proxy.err" | head -n 1 | cut -d: -f3)
TOKEN=$(grep -Eo 'mdp_[A-Za-z0-9_-]+' "$WORK/proxy.err" | head -n 1)
pass "listening on port $PROXY_PORT, generated token ${TOKEN:0:8}..."

http GET /health '' '' || fail "no answer from /health"
[[ $STATUS == 200 && $BODY == *'"status"'*'"ok"'* ]] || fail "/health: $STATUS $BODY"
pass "/health: $STATUS"

http GET /v1/models '' '' || fail "no answer from /v1/models"
[[ $STATUS == 401 ]] || fail "/v1/models without the token: $STATUS"
http GET /v1/models '' test-key || fail "no answer from /v1/models"
[[ $STATUS == 401 ]] || fail "/v1/models with the Mistral key as the token: $STATUS"
pass "no token, or the Mistral key instead of it: 401"

http POST /v1/chat/completions \
    '{"model":"mistral-small-latest","max_completion_tokens":5,"seed":1,"user":"me","messages":[{"role":"user","content":"Hi"}]}' ||
    fail "no answer from the chat"
[[ $STATUS == 200 && $BODY == *'"chat.completion"'* && $BODY == *'"usage"'* ]] || fail "chat: $STATUS $BODY"
[[ $BODY != *test-key* ]] || fail "the answer holds the API key"
pass "chat with OpenAI-only fields: $STATUS"

http GET /v1/models || fail "no answer from /v1/models"
[[ $STATUS == 200 && $BODY == *'"list"'* ]] || fail "models: $STATUS ${BODY:0:200}"
pass "/v1/models: $STATUS"

# ---- 5. SIGTERM while a slow stream is in flight ------------------------------------------------

stream_chat >"$WORK/stream.out" 2>&1 &
STREAM_PID=$!
PIDS+=("$STREAM_PID")
wait_for "$WORK/stream.out" '^data: \{.*"content":"[^"]' 10 || fail "the stream did not start"
kill -TERM "$PROXY_PID"
wait_for "$WORK/proxy.err" 'Stopping' 5 || fail "the proxy did not acknowledge SIGTERM"
grep -q 'waiting for 1 request' "$WORK/proxy.err" || fail "the proxy did not wait for the stream"
if (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null; then
    fail "the proxy still accepts connections after SIGTERM"
fi
wait_exit "$STREAM_PID" 15 || fail "the stream reader did not end"
grep -q '^data: \[DONE\]' "$WORK/stream.out" || fail "the stream in flight was cut by SIGTERM"
content_events=$(grep -c '^data: {' "$WORK/stream.out")
((content_events >= 21)) || fail "the stream has $content_events events, expected 21 or more"
wait_exit "$PROXY_PID" 10
rc=$?
((rc == 0)) || fail "after SIGTERM the exit code is $rc, expected 0"
pass "SIGTERM: the stream finished ($content_events events, [DONE]), exit 0"
# The chat and the stream spent tokens (/health, /v1/models and the 401s did not): two ledger rows,
# the stream's written after SIGTERM, before the exit.
summary=$(grep 'Usage recorded this run' "$WORK/proxy.err")
[[ $summary == *': 2 request(s), '*' prompt + '*' completion tokens, $'* ]] || fail "usage summary: ${summary:-none}"
[[ -s $WORK/usage.sqlite ]] || fail "no usage database file"
pass "usage: ${summary}"

# ---- 6. the access log: one JSON object per line on stdout, no secrets ---------------------------

lines=$(grep -c '' "$WORK/proxy.out")
((lines >= 5)) || fail "$lines access log lines, expected 5 or more"
while IFS= read -r line; do
    if command -v jq >/dev/null; then
        jq -e 'type == "object" and has("status") and has("path")' >/dev/null <<<"$line" ||
            fail "not a JSON object: $line"
    else
        [[ $line == '{'*'}' && $line == *'"status":'* && $line == *'"path":'* ]] || fail "not a JSON object: $line"
    fi
    [[ $line != *"$TOKEN"* && $line != *test-key* ]] || fail "a secret in the access log: $line"
done <"$WORK/proxy.out"
grep -q '"path":"/v1/chat/completions".*"status":200' "$WORK/proxy.out" || fail "no log line for the chat"
grep -q '"completion_tokens":20' "$WORK/proxy.out" || fail "no token counts in the log"
grep '"path":"/v1/chat/completions"' "$WORK/proxy.out" | grep -q '"cost_usd":[0-9]' || fail "no cost in the log"
grep -q '"status":401' "$WORK/proxy.out" || fail "no log line for the refused request"
# The generated token is shown once on stderr, by design; the key never.
grep -q test-key "$WORK/proxy.err" && fail "the API key appears on stderr"
pass "access log: $lines JSON lines, no secrets"
echo "all passed"
