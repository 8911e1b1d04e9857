#pragma once

#include "api/MistralClient.h"
#include "support/FakeMistral.h"

#include <memory>

// A MistralClient talking to its own FakeMistral on loopback, with retries fast enough for tests.
struct ClientFixture {
    std::unique_ptr<md::test::FakeMistral> fake = std::make_unique<md::test::FakeMistral>();
    std::unique_ptr<md::MistralClient> client = std::make_unique<md::MistralClient>();

    bool start()
    {
        if (!fake->listen())
            return false;
        client->setBaseUrl(QUrl(fake->baseUrl()));
        client->setApiKey(fake->apiKey());
        client->setTimeoutMs(3000);
        md::RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.maxDelayMs = 100;
        client->setRetryPolicy(fast);
#ifdef MD_TEST_LEAN_TRANSPORT
        client->setTransport(md::MistralClient::Transport::Lean); // the same tests over core/net's client
#endif
        return true;
    }
};
