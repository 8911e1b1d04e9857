<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>md::ChatView</name>
    <message numerus="yes">
        <source>Reasoning (%n words)</source>
        <translation>
            <numerusform>Reasoning (%n word)</numerusform>
            <numerusform>Reasoning (%n words)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::ConversationTab</name>
    <message numerus="yes">
        <source>This tab: %n call(s) · %1 in · %2 out · %3</source>
        <translation>
            <numerusform>This tab: %n call · %1 in · %2 out · %3</numerusform>
            <numerusform>This tab: %n calls · %1 in · %2 out · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n call(s) without a price)</source>
        <translation>
            <numerusform> (+%n call without a price)</numerusform>
            <numerusform> (+%n calls without a price)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::EmbeddingsInputPanel</name>
    <message numerus="yes">
        <source>%1: %Ln text(s)%2</source>
        <translation>
            <numerusform>%1: %Ln text%2</numerusform>
            <numerusform>%1: %Ln texts%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::EmbeddingsPage</name>
    <message numerus="yes">
        <source>Embedded %Ln text(s) with %1 in %2 s: %3 dimensions.</source>
        <translation>
            <numerusform>Embedded %Ln text with %1 in %2 s: %3 dimensions.</numerusform>
            <numerusform>Embedded %Ln texts with %1 in %2 s: %3 dimensions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::HistoryKeeper</name>
    <message numerus="yes">
        <source>%n conversation(s) imported.</source>
        <translation>
            <numerusform>%n conversation imported.</numerusform>
            <numerusform>%n conversations imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::HistorySidebar</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::MainWindow</name>
    <message numerus="yes">
        <source>%n model(s) available</source>
        <translation>
            <numerusform>%n model available</numerusform>
            <numerusform>%n models available</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::ToolCallsPanel</name>
    <message numerus="yes">
        <source>&lt;b&gt;The model called %n tool(s)&lt;/b&gt; · %1 of %2 answered</source>
        <translation>
            <numerusform>&lt;b&gt;The model called %n tool&lt;/b&gt; · %1 of %2 answered</numerusform>
            <numerusform>&lt;b&gt;The model called %n tools&lt;/b&gt; · %1 of %2 answered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>md::ToolsSection</name>
    <message numerus="yes">
        <source>%n tool(s): %1</source>
        <translation>
            <numerusform>%n tool: %1</numerusform>
            <numerusform>%n tools: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
