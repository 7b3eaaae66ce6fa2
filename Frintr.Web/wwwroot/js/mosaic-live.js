// Watches one mosaic: pushed through the SignalR hub when it can be, polled from the status URL when not.
// Each status goes back to the Blazor component through `dotnet.invokeMethodAsync('OnStatus', status)`.
const pollEvery = 2000;
const safetyPollEvery = 10000; // while pushed, in case the backplane drops an event

export async function watch(id, statusUrl, dotnet) {
    let stopped = false;
    let timer = null;
    let polling = false;

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
        delivery('polling');
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
    connection.onreconnected(async () => {
        polling = false;
        delivery('push');
        report(await connection.invoke('Watch', id));
    });
    connection.onclose(fallBackToPolling);

    function stop() {
        stopped = true;
        clearTimeout(timer);
        connection.stop();
    }

    try {
        await connection.start();
        const now = await connection.invoke('Watch', id);
        delivery('push');
        report(now);
        schedule(safetyPollEvery);
    } catch {
        fallBackToPolling();
    }

    return { stop };
}
