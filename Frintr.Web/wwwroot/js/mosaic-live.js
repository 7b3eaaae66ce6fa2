// Watches one mosaic: pushed through the SignalR hub when it can be, polled from the status URL when not.
// Each status goes back to the Blazor component through `dotnet.invokeMethodAsync('OnStatus', status)`, and how
// updates arrive through 'OnDelivery': 'push', 'polling' (the hub was never reachable) or 'lost' (it dropped; the
// page polls and reconnects by itself, for as long as the mosaic is not finished).
const pollEvery = 2000;
const safetyPollEvery = 10000; // while pushed, in case the backplane drops an event
const reconnectEvery = [0, 2000, 5000, 10000, 15000];

export async function watch(id, statusUrl, dotnet) {
    let stopped = false;
    let timer = null;
    let reconnectTimer = null;
    let polling = false;
    let wasConnected = false;
    let attempts = 0;

    const isFinal = s => s && (s.status === 'succeeded' || s.status === 'failed');
    const delivery = mode => { if (!stopped) dotnet.invokeMethodAsync('OnDelivery', mode); };
    const report = status => {
        if (stopped || !status) return;
        dotnet.invokeMethodAsync('OnStatus', status);
        if (isFinal(status)) stop();
    };

    async function pollOnce() {
        try {
            const response = await fetch(statusUrl, { cache: 'no-store' });
            if (response.ok) report(await response.json());
        } catch { /* network blip: the next round tries again */ }
    }

    function schedule(every) {
        clearTimeout(timer);
        timer = setTimeout(async () => { await pollOnce(); if (!stopped) schedule(polling ? pollEvery : safetyPollEvery); }, every);
    }

    function fallBackToPolling() {
        if (stopped) return;
        polling = true;
        delivery(wasConnected ? 'lost' : 'polling');
        pollOnce();
        schedule(pollEvery);
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl('/hubs/mosaics')
        .withAutomaticReconnect()
        .build();
    connection.on('Progress', report);
    connection.on('Completed', report);
    connection.on('Failed', report);
    connection.onreconnecting(fallBackToPolling);
    connection.onreconnected(async () => { await connected(); });
    // The client's own reconnecting gave up (or never began): keep trying, more slowly, while polling.
    connection.onclose(() => { fallBackToPolling(); retryLater(); });

    async function connected() {
        polling = false;
        wasConnected = true;
        attempts = 0;
        delivery('push');
        report(await connection.invoke('Watch', id));
        schedule(safetyPollEvery);
    }

    function retryLater() {
        if (stopped) return;
        clearTimeout(reconnectTimer);
        const wait = reconnectEvery[Math.min(attempts++, reconnectEvery.length - 1)];
        reconnectTimer = setTimeout(async () => {
            if (stopped || connection.state !== 'Disconnected') return;
            try { await connection.start(); await connected(); }
            catch { retryLater(); }
        }, wait);
    }

    function stop() {
        stopped = true;
        clearTimeout(timer);
        clearTimeout(reconnectTimer);
        connection.stop();
    }

    try {
        await connection.start();
        await connected();
    } catch {
        fallBackToPolling();
        retryLater();
    }

    return { stop };
}
